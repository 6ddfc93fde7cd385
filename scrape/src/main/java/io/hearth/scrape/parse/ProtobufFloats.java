package io.hearth.scrape.parse;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Renders {@code le} and {@code quantile} values the way Prometheus 3 stores them (OpenMetrics float
 * form: Go's shortest {@code %g}, plus {@code ".0"} when that has neither a point nor an exponent),
 * memoised by the value's bits. Histograms repeat the same few bounds on every series and every
 * scrape, so after the first scrape rendering costs a probe and no allocation. Not thread-safe.
 */
final class ProtobufFloats {
  private static final int CAPACITY = 1024; // a power of two
  private static final int MAX_SIZE = CAPACITY * 3 / 4;

  private final long[] keys = new long[CAPACITY];
  private final String[] texts = new String[CAPACITY];
  private final byte[][] bytes = new byte[CAPACITY][];
  private int size;

  /** The UTF-8 bytes of {@link #openMetrics(double)} for {@code v}; callers must not change them. */
  byte[] bytes(double v) {
    return bytes[slot(v)];
  }

  String text(double v) {
    return texts[slot(v)];
  }

  private int slot(double v) {
    long bits = Double.doubleToRawLongBits(v);
    int mask = CAPACITY - 1;
    int i = (int) mix(bits) & mask;
    while (texts[i] != null) {
      if (keys[i] == bits) {
        return i;
      }
      i = (i + 1) & mask;
    }
    if (size == MAX_SIZE) {
      // A target with this many distinct bounds is unusual; start over rather than grow forever.
      Arrays.fill(texts, null);
      Arrays.fill(bytes, null);
      size = 0;
      i = (int) mix(bits) & mask;
    }
    String text = openMetrics(v);
    keys[i] = bits;
    texts[i] = text;
    bytes[i] = text.getBytes(StandardCharsets.UTF_8);
    size++;
    return i;
  }

  private static long mix(long x) {
    x ^= x >>> 33;
    x *= 0xff51afd7ed558ccdL;
    x ^= x >>> 33;
    return x;
  }

  /**
   * Prometheus's {@code FormatOpenMetricsFloat}: {@code 1} is {@code "1.0"}, {@code 0.5} stays,
   * {@code 1e6} is {@code "1e+06"}, infinities are {@code "+Inf"}/{@code "-Inf"}.
   */
  static String openMetrics(double v) {
    if (v == 1) {
      return "1.0";
    }
    if (v == 0) {
      return "0.0";
    }
    if (v == -1) {
      return "-1.0";
    }
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    String g = goShortestG(v);
    return g.indexOf('e') >= 0 || g.indexOf('.') >= 0 ? g : g + ".0";
  }

  /**
   * The shortest decimal that reads back as {@code v}. {@code Double.toString} gives it, except
   * that it never settles for one digit when two come closer (4.9E-324 where Go says 5e-324), so a
   * two-digit answer is tried at one digit too.
   */
  private static BigDecimal shortest(double v) {
    BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
    if (d.precision() != 2) {
      return d;
    }
    BigDecimal nearest = d.round(new MathContext(1, RoundingMode.HALF_EVEN));
    if (nearest.doubleValue() == v) {
      return nearest.stripTrailingZeros();
    }
    RoundingMode other = nearest.compareTo(d) > 0 ? RoundingMode.DOWN : RoundingMode.UP;
    BigDecimal second = d.round(new MathContext(1, other));
    return second.doubleValue() == v ? second.stripTrailingZeros() : d;
  }

  /**
   * Go's {@code strconv.FormatFloat(v, 'g', -1, 64)} for a finite non-zero {@code v}: the shortest
   * digits that read back as {@code v} (Java's {@code Double.toString} picks the same ones), in
   * exponent form when the decimal exponent is below -4 or at least 6.
   */
  private static String goShortestG(double v) {
    BigDecimal d = shortest(Math.abs(v));
    String digits = d.unscaledValue().toString();
    int exp = digits.length() - 1 - d.scale(); // decimal exponent of the first digit
    StringBuilder sb = new StringBuilder(24);
    if (v < 0) {
      sb.append('-');
    }
    if (exp < -4 || exp >= 6) {
      sb.append(digits.charAt(0));
      if (digits.length() > 1) {
        sb.append('.').append(digits, 1, digits.length());
      }
      sb.append('e').append(exp < 0 ? '-' : '+');
      int e = Math.abs(exp);
      if (e < 10) {
        sb.append('0');
      }
      return sb.append(e).toString();
    }
    if (exp < 0) {
      sb.append("0.");
      for (int i = exp + 1; i < 0; i++) {
        sb.append('0');
      }
      return sb.append(digits).toString();
    }
    int intDigits = exp + 1;
    if (digits.length() <= intDigits) {
      sb.append(digits);
      for (int i = digits.length(); i < intDigits; i++) {
        sb.append('0');
      }
      return sb.toString();
    }
    return sb.append(digits, 0, intDigits).append('.').append(digits, intDigits, digits.length())
        .toString();
  }
}
