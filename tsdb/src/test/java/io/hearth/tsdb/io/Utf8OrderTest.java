package io.hearth.tsdb.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Utf8OrderTest {
  @Test
  void ordersAsUtf8BytesDo() {
    check("", "a", -1);
    check("a", "ab", -1);
    check("b", "ab", 1);
    check("\uFFFD", "\uD83D\uDE00", -1); // U+FFFD before U+1F600, though UTF-16 says otherwise
    check("\uE000", "\uD800\uDC00", -1);
    check("é", "z", 1);
    long seed = System.nanoTime();
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < 10_000; i++) {
      String a = random(r);
      String b = random(r);
      int want = Integer.signum(Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
      assertThat(Integer.signum(Utf8Order.compare(a, b))).as("seed %d: %s vs %s", seed, a, b).isEqualTo(want);
    }
  }

  private static void check(String a, String b, int want) {
    assertThat(Integer.signum(Utf8Order.compare(a, b))).as("%s vs %s", a, b).isEqualTo(want);
    assertThat(Integer.signum(Utf8Order.compare(b, a))).isEqualTo(-want);
  }

  private static String random(SplittableRandom r) {
    int[] pool = {'a', 'b', 0xE9, 0x7FF, 0xD7FF, 0xE000, 0xFFFD, 0x1F600, 0x10000};
    StringBuilder sb = new StringBuilder();
    for (int n = r.nextInt(4); n > 0; n--) {
      sb.appendCodePoint(pool[r.nextInt(pool.length)]);
    }
    return sb.toString();
  }
}
