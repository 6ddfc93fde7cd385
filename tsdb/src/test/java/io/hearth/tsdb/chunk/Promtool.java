package io.hearth.tsdb.chunk;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs Debian's real promtool for golden tests; a missing promtool fails the test, never skips it. */
public final class Promtool {
  private Promtool() {}

  public static String find() {
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path p = Path.of(d.isEmpty() ? "." : d, "promtool");
      if (Files.isExecutable(p)) {
        return p.toString();
      }
    }
    if (Files.isExecutable(Path.of("/usr/bin/promtool"))) {
      return "/usr/bin/promtool";
    }
    return fail("promtool not found on PATH: install Debian's 'prometheus' package "
        + "(sudo apt-get install prometheus), or run ./dev test, which installs it");
  }

  /**
   * A millisecond timestamp as OpenMetrics seconds that promtool reads back as exactly {@code ms}:
   * it multiplies the float by 1000 and truncates, so a value that lands just below gets a
   * trailing 5.
   */
  public static String timestamp(long ms) {
    String s = Math.floorDiv(ms, 1000) + "." + String.format("%03d", Math.floorMod(ms, 1000));
    if ((long) (Double.parseDouble(s) * 1000) != ms) {
      s += "5";
    }
    if ((long) (Double.parseDouble(s) * 1000) != ms) {
      throw new AssertionError("promtool would read " + s + " as another timestamp than " + ms);
    }
    return s;
  }

  /** {@code promtool tsdb create-blocks-from openmetrics input out}, bounded to 60 seconds. */
  public static void createBlocksFromOpenMetrics(String promtool, Path input, Path out, Path log)
      throws IOException, InterruptedException {
    Process p = new ProcessBuilder(promtool, "tsdb", "create-blocks-from", "openmetrics", input.toString(), out.toString())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("promtool did not finish within 60s; output so far:\n" + Files.readString(log));
    }
    if (p.exitValue() != 0) {
      fail("promtool failed with exit code " + p.exitValue() + ":\n" + Files.readString(log));
    }
  }
}
