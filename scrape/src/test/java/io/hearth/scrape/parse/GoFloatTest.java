package io.hearth.scrape.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GoFloatTest {
  private static void check(String in, double want) {
    GoFloat f = new GoFloat();
    byte[] b = in.getBytes(StandardCharsets.ISO_8859_1);
    assertThat(f.parse(b, 0, b.length)).as(in).isEqualTo(GoFloat.OK);
    assertThat(Double.doubleToRawLongBits(f.value)).as(in)
        .isEqualTo(Double.doubleToRawLongBits(want));
  }

  private static void checkStatus(String in, int want) {
    GoFloat f = new GoFloat();
    byte[] b = in.getBytes(StandardCharsets.ISO_8859_1);
    assertThat(f.parse(b, 0, b.length)).as(in).isEqualTo(want);
  }

  @Test
  void goForms() {
    check("1", 1);
    check("-1", -1);
    check("+1", 1);
    check("1e3", 1000);
    check("1E+3", 1000);
    check("1e-3", 0.001);
    check(".5", 0.5);
    check("5.", 5);
    check("-0", -0.0);
    check("0.000", 0);
    check("007", 7);
    check("Inf", Double.POSITIVE_INFINITY);
    check("+Inf", Double.POSITIVE_INFINITY);
    check("-Inf", Double.NEGATIVE_INFINITY);
    check("inf", Double.POSITIVE_INFINITY);
    check("INFINITY", Double.POSITIVE_INFINITY);
    check("-infinity", Double.NEGATIVE_INFINITY);
    check("0x1p-3", 0.125);
    check("0X1.8P1", 3);
    check("-0x10p0", -16);
    check("1_000", 1000); // Go's ParseFloat takes underscores between digits
    check("0x_1p0", 1);
    check("1e-400", 0);
    check("4.9e-324", Double.MIN_VALUE);
    check("1.7976931348623157e308", Double.MAX_VALUE);
    check("7.424100000000001e-05", 7.424100000000001e-05);
    check("0.30000000000000004", 0.30000000000000004);
    check("123456789012345678901234567890", 1.2345678901234568e29);
    GoFloat f = new GoFloat();
    byte[] nan = "NaN".getBytes(StandardCharsets.US_ASCII);
    assertThat(f.parse(nan, 0, 3)).isZero();
    assertThat(f.value).isNaN();
  }

  @Test
  void goRejects() {
    for (String s : new String[] {"", "+", "-", ".", "e1", "1e", "1e+", "x", "1x", "+nan", "-NaN",
        "nanx", "infx", "infinit", "in", "0x1", "0x", "0x1.8", "1__0", "_1", "1_", "1._5", "1 ",
        " 1", "1d", "1f", "0x1p", "1.2.3", "true", "Infinityy", "--1", "1e1.5"}) {
      checkStatus(s, GoFloat.SYNTAX);
    }
  }

  @Test
  void overflowIsARangeError() {
    checkStatus("1e400", GoFloat.RANGE);
    checkStatus("-1e309", GoFloat.RANGE);
    checkStatus("0x1p2000", GoFloat.RANGE);
  }

  @Test
  void eiselLemireTableMatchesGo() {
    // From Go's detailedPowersOfTen comment: 1e43 ≈ 0xE596B7B0_C643C719 * 2**79.
    assertThat(GoFloat.eiselLemire(1, 43, false)).isEqualTo(1e43);
    assertThat(GoFloat.eiselLemire(17, -300, false)).isEqualTo(17e-300);
    assertThat(GoFloat.eiselLemire(17976931348623157L, 292, false)).isEqualTo(Double.MAX_VALUE);
  }

  /** Agrees with the JDK (also correctly rounded) on random decimals of every shape. */
  @Test
  void randomDecimalsAgreeWithTheJdk() {
    long seed = System.nanoTime();
    SplittableRandom r = new SplittableRandom(seed);
    GoFloat f = new GoFloat();
    for (int n = 0; n < 200_000; n++) {
      String s;
      switch (n % 4) {
        case 0 -> s = Double.toString(Double.longBitsToDouble(r.nextLong()));
        case 1 -> s = r.nextLong(1, Long.MAX_VALUE) + "e" + r.nextInt(-340, 310);
        case 2 -> s = r.nextInt(0, 1_000_000) + "." + r.nextInt(0, 1_000_000);
        default -> s = String.valueOf(r.nextDouble() * Math.pow(10, r.nextInt(-30, 30)));
      }
      if (s.contains("N") || s.contains("I")) {
        continue;
      }
      byte[] b = s.getBytes(StandardCharsets.US_ASCII);
      int st = f.parse(b, 0, b.length);
      double want = Double.parseDouble(s);
      if (Double.isInfinite(want)) {
        assertThat(st).as("seed %d: %s", seed, s).isEqualTo(GoFloat.RANGE);
      } else {
        assertThat(st).as("seed %d: %s", seed, s).isEqualTo(GoFloat.OK);
        assertThat(f.value).as("seed %d: %s", seed, s).isEqualTo(want);
      }
    }
  }
}
