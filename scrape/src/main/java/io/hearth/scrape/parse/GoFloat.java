package io.hearth.scrape.parse;

import java.math.BigInteger;

/**
 * Go's {@code strconv.ParseFloat(s, 64)} over a byte range: the same accepted forms ({@code Inf},
 * {@code +inf}, {@code Infinity}, {@code NaN}, {@code 1e3}, {@code .5}, hex floats with a {@code p}
 * exponent, underscores between digits) and the same outcomes (syntax error, or ±Inf with a range
 * error on overflow). Short decimals, which are nearly all metric values, are converted without
 * allocating (exact fast path, then Eisel-Lemire); the rare rest falls back to {@link
 * Double#parseDouble}, whose rounding is also correct. Not thread-safe: the result is kept in
 * fields so a parse allocates nothing.
 */
final class GoFloat {
  static final int OK = 0;
  static final int SYNTAX = 1;
  static final int RANGE = 2;

  /** The parsed value; after {@link #RANGE}, ±Inf as Go returns it. */
  double value;

  private static final double[] POW10 = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22
  };

  /** Parses {@code b[from, to)} and returns {@link #OK}, {@link #SYNTAX} or {@link #RANGE}. */
  int parse(byte[] b, int from, int to) {
    if (from >= to) {
      return SYNTAX;
    }
    int special = special(b, from, to);
    if (special != SYNTAX_NOT_SPECIAL) {
      return special;
    }
    int p = from;
    boolean neg = false;
    if (b[p] == '+') {
      p++;
    } else if (b[p] == '-') {
      neg = true;
      p++;
    }
    int base = 10;
    int maxMantDigits = 19;
    int expChar = 'e';
    if (p + 2 < to && b[p] == '0' && (b[p + 1] | 0x20) == 'x') {
      base = 16;
      maxMantDigits = 16;
      p += 2;
      expChar = 'p';
    }
    boolean underscores = false;
    boolean sawDot = false;
    boolean sawDigits = false;
    boolean truncated = false;
    int nd = 0;
    int ndMant = 0;
    int dp = 0;
    long mantissa = 0;
    for (; p < to; p++) {
      int c = b[p] & 0xff;
      if (c == '_') {
        underscores = true;
        continue;
      }
      if (c == '.') {
        if (sawDot) {
          break;
        }
        sawDot = true;
        dp = nd;
        continue;
      }
      int digit;
      if (c >= '0' && c <= '9') {
        digit = c - '0';
      } else if (base == 16 && (c | 0x20) >= 'a' && (c | 0x20) <= 'f') {
        digit = (c | 0x20) - 'a' + 10;
      } else {
        break;
      }
      sawDigits = true;
      if (digit == 0 && nd == 0) { // leading zeros only move the decimal point
        dp--;
        continue;
      }
      nd++;
      if (ndMant < maxMantDigits) {
        mantissa = mantissa * base + digit;
        ndMant++;
      } else if (digit != 0) {
        truncated = true;
      }
    }
    if (!sawDigits) {
      return SYNTAX;
    }
    if (!sawDot) {
      dp = nd;
    }
    if (base == 16) {
      dp *= 4;
      ndMant *= 4;
    }
    if (p < to && (b[p] | 0x20) == expChar) {
      p++;
      if (p >= to) {
        return SYNTAX;
      }
      int esign = 1;
      if (b[p] == '+') {
        p++;
      } else if (b[p] == '-') {
        p++;
        esign = -1;
      }
      if (p >= to || b[p] < '0' || b[p] > '9') {
        return SYNTAX;
      }
      int e = 0;
      for (; p < to && (b[p] >= '0' && b[p] <= '9' || b[p] == '_'); p++) {
        if (b[p] == '_') {
          underscores = true;
          continue;
        }
        if (e < 10000) {
          e = e * 10 + b[p] - '0';
        }
      }
      dp += e * esign;
    } else if (base == 16) {
      return SYNTAX; // a hex mantissa needs a p exponent
    }
    if (p != to) {
      return SYNTAX;
    }
    if (underscores && !underscoreOk(b, from, to)) {
      return SYNTAX;
    }
    if (base == 10 && !truncated) {
      int exp = mantissa != 0 ? dp - ndMant : 0;
      if (exact(mantissa, exp, neg)) {
        return OK;
      }
      double v = eiselLemire(mantissa, exp, neg);
      if (!Double.isNaN(v)) {
        value = v;
        return OK;
      }
    }
    return slow(b, from, to);
  }

  private static final int SYNTAX_NOT_SPECIAL = -1;

  /** Go's special(): an optional sign with inf/infinity, or an unsigned nan, any case. */
  private int special(byte[] b, int from, int to) {
    int p = from;
    int sign = 1;
    int c = b[p];
    if (c == '+' || c == '-') {
      sign = c == '-' ? -1 : 1;
      p++;
      if (p >= to) {
        return SYNTAX_NOT_SPECIAL;
      }
      c = b[p];
    } else if ((c | 0x20) == 'n') {
      if (to - p == 3 && (b[p + 1] | 0x20) == 'a' && (b[p + 2] | 0x20) == 'n') {
        value = Double.NaN;
        return OK;
      }
      return SYNTAX_NOT_SPECIAL;
    }
    if ((c | 0x20) != 'i') {
      return SYNTAX_NOT_SPECIAL;
    }
    int n = to - p;
    if ((n == 3 || n == 8) && prefixIgnoreCase(b, p, to, "infinity")) {
      value = sign > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
      return OK;
    }
    // Go recognises the inf prefix and then fails on the trailing bytes; nothing else can parse it.
    return SYNTAX;
  }

  private static boolean prefixIgnoreCase(byte[] b, int p, int to, String word) {
    for (int k = 0; p + k < to; k++) {
      if ((b[p + k] | 0x20) != word.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /** Go's underscoreOK: underscores only between digits, or after a base prefix. */
  private static boolean underscoreOk(byte[] b, int from, int to) {
    int p = from;
    if (p < to && (b[p] == '-' || b[p] == '+')) {
      p++;
    }
    int saw = '^';
    boolean hex = false;
    if (to - p >= 2 && b[p] == '0') {
      int l = b[p + 1] | 0x20;
      if (l == 'b' || l == 'o' || l == 'x') {
        p += 2;
        saw = '0';
        hex = l == 'x';
      }
    }
    for (; p < to; p++) {
      int c = b[p];
      if (c >= '0' && c <= '9' || hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f') {
        saw = '0';
        continue;
      }
      if (c == '_') {
        if (saw != '0') {
          return false;
        }
        saw = '_';
        continue;
      }
      if (saw == '_') {
        return false;
      }
      saw = '!';
    }
    return saw != '_';
  }

  /** Go's atof64exact: both operands exact in a double, so one rounding gives the right answer. */
  private boolean exact(long mantissa, int exp, boolean neg) {
    if ((mantissa >>> 52) != 0) {
      return false;
    }
    double f = mantissa;
    if (neg) {
      f = -f;
    }
    if (exp == 0) {
      value = f;
      return true;
    }
    if (exp > 0 && exp <= 15 + 22) {
      if (exp > 22) {
        f *= POW10[exp - 22];
        exp = 22;
      }
      if (f > 1e15 || f < -1e15) {
        return false;
      }
      value = f * POW10[exp];
      return true;
    }
    if (exp < 0 && exp >= -22) {
      value = f / POW10[-exp];
      return true;
    }
    return false;
  }

  private int slow(byte[] b, int from, int to) {
    StringBuilder s = new StringBuilder(to - from);
    for (int p = from; p < to; p++) {
      if (b[p] != '_') {
        s.append((char) b[p]);
      }
    }
    double v;
    try {
      v = Double.parseDouble(s.toString());
    } catch (NumberFormatException e) {
      return SYNTAX; // cannot happen after the grammar check above; kept as a guard
    }
    value = v;
    return Double.isInfinite(v) ? RANGE : OK;
  }

  // Eisel-Lemire: 128-bit truncated mantissas of 10^e for e in [-348, 347], built once from exact
  // integers so the table cannot carry a transcription error.
  private static final int MIN_EXP10 = -348;
  private static final int MAX_EXP10 = 347;
  private static final long[] POW_HI = new long[MAX_EXP10 - MIN_EXP10 + 1];
  private static final long[] POW_LO = new long[MAX_EXP10 - MIN_EXP10 + 1];

  static {
    BigInteger ten = BigInteger.TEN;
    for (int e = MIN_EXP10; e <= MAX_EXP10; e++) {
      BigInteger v;
      if (e >= 0) {
        BigInteger p = ten.pow(e);
        int bl = p.bitLength();
        v = bl >= 128 ? p.shiftRight(bl - 128) : p.shiftLeft(128 - bl);
      } else {
        BigInteger p = ten.pow(-e);
        v = BigInteger.ONE.shiftLeft(127 + p.bitLength()).divide(p);
      }
      POW_HI[e - MIN_EXP10] = v.shiftRight(64).longValue();
      POW_LO[e - MIN_EXP10] = v.longValue();
    }
  }

  /** Go's eiselLemire64; NaN when it cannot decide (then the slow path must). */
  static double eiselLemire(long man, int exp10, boolean neg) {
    if (man == 0) {
      return neg ? -0.0 : 0.0;
    }
    if (exp10 < MIN_EXP10 || exp10 > MAX_EXP10) {
      return Double.NaN;
    }
    int clz = Long.numberOfLeadingZeros(man);
    man <<= clz;
    long retExp2 = ((217706L * exp10) >> 16) + 64 + 1023 - clz;
    long hiPow = POW_HI[exp10 - MIN_EXP10];
    long loPow = POW_LO[exp10 - MIN_EXP10];
    long xHi = Math.unsignedMultiplyHigh(man, hiPow);
    long xLo = man * hiPow;
    if ((xHi & 0x1FF) == 0x1FF && Long.compareUnsigned(xLo + man, man) < 0) {
      long yHi = Math.unsignedMultiplyHigh(man, loPow);
      long yLo = man * loPow;
      long mergedHi = xHi;
      long mergedLo = xLo + yHi;
      if (Long.compareUnsigned(mergedLo, xLo) < 0) {
        mergedHi++;
      }
      if ((mergedHi & 0x1FF) == 0x1FF
          && mergedLo + 1 == 0
          && Long.compareUnsigned(yLo + man, man) < 0) {
        return Double.NaN;
      }
      xHi = mergedHi;
      xLo = mergedLo;
    }
    long msb = xHi >>> 63;
    long retMantissa = xHi >>> (msb + 9);
    retExp2 -= 1 ^ msb;
    if (xLo == 0 && (xHi & 0x1FF) == 0 && (retMantissa & 3) == 1) {
      return Double.NaN;
    }
    retMantissa += retMantissa & 1;
    retMantissa >>>= 1;
    if ((retMantissa >>> 53) > 0) {
      retMantissa >>>= 1;
      retExp2 += 1;
    }
    if (Long.compareUnsigned(retExp2 - 1, 0x7FF - 1) >= 0) {
      return Double.NaN;
    }
    long bits = retExp2 << 52 | retMantissa & 0x000FFFFFFFFFFFFFL;
    if (neg) {
      bits |= 0x8000000000000000L;
    }
    return Double.longBitsToDouble(bits);
  }

  /** Convenience for tests and cold paths. */
  static double parseOrThrow(String s) {
    GoFloat f = new GoFloat();
    byte[] b = s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    if (f.parse(b, 0, b.length) == SYNTAX) {
      throw new NumberFormatException("invalid syntax: " + s);
    }
    return f.value;
  }
}
