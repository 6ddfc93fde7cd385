package io.hearth.server.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * How Go's {@code encoding/json} writes the values the status and target endpoints carry, so that
 * Hearth's answers match Prometheus's text: a {@code time.Time} in RFC 3339 with as many fraction
 * digits as needed (none for whole seconds, the zero time as {@code 0001-01-01T00:00:00Z}), and a
 * {@code float64} as its shortest decimal, in exponent form only below 1e-6 or from 1e21 on.
 */
final class GoJson {
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
      .withZone(ZoneOffset.UTC);
  /** Go's zero {@code time.Time}, what a never-set time marshals to. */
  static final String ZERO_TIME = "0001-01-01T00:00:00Z";

  private GoJson() {}

  /** {@code time.Time} in UTC from milliseconds since the epoch; {@code 0} or less is Go's zero time. */
  static String time(long epochMillis) {
    if (epochMillis <= 0) {
      return ZERO_TIME;
    }
    Instant t = Instant.ofEpochMilli(epochMillis);
    StringBuilder b = new StringBuilder(SECONDS.format(t));
    int millis = (int) Math.floorMod(epochMillis, 1000L);
    if (millis != 0) {
      String frac = String.format("%03d", millis);
      int end = frac.length();
      while (frac.charAt(end - 1) == '0') {
        end--;
      }
      b.append('.').append(frac, 0, end);
    }
    return b.append('Z').toString();
  }

  /** A {@code float64} as {@code encoding/json} writes it (finite values only). */
  static String number(double v) {
    if (v == 0) {
      return v == 0 && 1 / v < 0 ? "-0" : "0";
    }
    double abs = Math.abs(v);
    BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
    if (abs >= 1e-6 && abs < 1e21) {
      return d.toPlainString();
    }
    // Go: strconv's 'e' format with a two-digit exponent cut to one ("1e-07" becomes "1e-7").
    String digits = d.unscaledValue().abs().toString();
    int exp = digits.length() - 1 - d.scale();
    StringBuilder b = new StringBuilder();
    if (v < 0) {
      b.append('-');
    }
    b.append(digits.charAt(0));
    if (digits.length() > 1) {
      b.append('.').append(digits, 1, digits.length());
    }
    b.append('e').append(exp < 0 ? '-' : '+').append(Math.abs(exp));
    return b.toString();
  }
}
