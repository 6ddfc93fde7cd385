package io.hearth.promql.engine;

import java.math.BigDecimal;

/**
 * The texts of the annotations the engine raises, word for word as Prometheus's {@code
 * util/annotations} renders them (without the "PromQL warning: " prefix and position, which
 * {@link QueryContext} adds).
 */
final class Annotation {
  private Annotation() {}

  static String invalidQuantile(double q) {
    return "quantile value should be between 0 and 1, got " + goG(q);
  }

  static String invalidRatio(double r, double to) {
    return "ratio value should be between -1 and 1, got " + goG(r) + ", capping to " + goG(to);
  }

  static String possibleNonCounter(String metric) {
    return "metric might not be a counter, name does not end in _total/_sum/_count/_bucket: "
        + goQuote(metric);
  }

  static String sortInRangeQuery() {
    return "sort is ineffective for range queries since results are always ordered by labels";
  }

  static String badBucketLabel(String metric, String le) {
    String s = "bucket label \"le\" is missing or has a malformed value of " + goQuote(le);
    return metric.isEmpty() ? s : s + " for metric name " + goQuote(metric);
  }

  static String forcedMonotonicity(String metric) {
    String s =
        "input to histogram_quantile needed to be fixed for monotonicity (see"
            + " https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile)";
    return metric.isEmpty() ? s : s + " for metric name " + goQuote(metric);
  }

  /** Go's {@code %q} for the strings we quote: printable text with {@code \} and {@code "} escaped. */
  static String goQuote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        case '\r' -> b.append("\\r");
        default -> b.append(c);
      }
    }
    return b.append('"').toString();
  }

  /** Go's {@code strconv.FormatFloat(v, 'g', -1, 64)}, i.e. {@code %g}: shortest digits. */
  static String goG(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == 0) {
      return (1 / v < 0) ? "-0" : "0";
    }
    BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
    String digits = d.unscaledValue().abs().toString();
    int exp = digits.length() - 1 - d.scale(); // decimal exponent of the first digit
    String sign = v < 0 ? "-" : "";
    if (exp < -4 || exp >= 6) {
      return exponentForm(sign, digits, exp);
    }
    return sign + d.abs().toPlainString();
  }

  /** Go's {@code %.2g}: two significant digits, exponent form from 1e2 or below 1e-4. */
  static String goG2(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v) || v == 0) {
      return goG(v);
    }
    BigDecimal d =
        new BigDecimal(v).round(new java.math.MathContext(2, java.math.RoundingMode.HALF_EVEN))
            .stripTrailingZeros();
    String digits = d.unscaledValue().abs().toString();
    int exp = digits.length() - 1 - d.scale();
    int nd = digits.length();
    int dp = exp + 1;
    int eprec = 2;
    if (eprec > nd && nd >= dp) {
      eprec = nd;
    }
    String sign = v < 0 ? "-" : "";
    if (exp < -4 || exp >= eprec) {
      return exponentForm(sign, digits, exp);
    }
    return sign + d.abs().toPlainString();
  }

  /** Go's exponent form: {@code d.ddde±XX}, at least two exponent digits. */
  private static String exponentForm(String sign, String digits, int exp) {
    StringBuilder b = new StringBuilder(sign).append(digits.charAt(0));
    if (digits.length() > 1) {
      b.append('.').append(digits, 1, digits.length());
    }
    b.append('e').append(exp < 0 ? '-' : '+');
    int ae = Math.abs(exp);
    if (ae < 10) {
      b.append('0');
    }
    return b.append(ae).toString();
  }

  /** Go's {@code strconv.FormatFloat(v, 'f', -1, 64)}: shortest digits, never an exponent. */
  static String goF(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == 0) {
      return (1 / v < 0) ? "-0" : "0";
    }
    return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
  }
}
