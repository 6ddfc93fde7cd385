package io.hearth.tsdb.chunk;

import java.util.SplittableRandom;

/** Seeds for randomized tests: random each run unless {@code -Dtests.seed} pins one, and logged. */
final class Seeds {
  private Seeds() {}

  static SplittableRandom random(String test) {
    String pinned = System.getProperty("tests.seed");
    long seed = pinned != null ? Long.parseLong(pinned) : System.nanoTime() ^ test.hashCode();
    System.out.println(test + ": seed " + seed + " (rerun with -Dtests.seed=" + seed + ")");
    return new SplittableRandom(seed);
  }
}
