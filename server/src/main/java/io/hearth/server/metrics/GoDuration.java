package io.hearth.server.metrics;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Go's {@code time.Duration.String()}: "15s", "1m0s", "1h30m0s", "1.5s", "500ms", "0s". Prometheus
 * labels its scrape-interval metrics with it, so dashboards that select {@code interval="15s"}
 * find Hearth's series too.
 */
final class GoDuration {
  private GoDuration() {}

  static String format(Duration d) {
    long nanos = d.toNanos();
    if (nanos == 0) {
      return "0s";
    }
    StringBuilder sb = new StringBuilder();
    if (nanos < 0) {
      sb.append('-');
      nanos = -nanos; // a Duration of Long.MIN_VALUE nanos cannot be configured
    }
    if (nanos < 1_000_000_000L) {
      // Below a second Go picks the largest unit that keeps an integer part: ns, µs or ms.
      if (nanos < 1_000) {
        return sb.append(nanos).append("ns").toString();
      }
      if (nanos < 1_000_000) {
        return sb.append(fraction(nanos, 3)).append("µs").toString();
      }
      return sb.append(fraction(nanos, 6)).append("ms").toString();
    }
    long hours = nanos / 3_600_000_000_000L;
    long rest = nanos % 3_600_000_000_000L;
    long minutes = rest / 60_000_000_000L;
    long secNanos = rest % 60_000_000_000L;
    if (hours > 0) {
      sb.append(hours).append('h');
    }
    if (hours > 0 || minutes > 0) {
      sb.append(minutes).append('m');
    }
    return sb.append(fraction(secNanos, 9)).append('s').toString();
  }

  /** {@code value / 10^scale} without trailing zeros in the fraction. */
  private static String fraction(long value, int scale) {
    BigDecimal v = BigDecimal.valueOf(value, scale).stripTrailingZeros();
    return v.scale() < 0 ? v.setScale(0).toPlainString() : v.toPlainString();
  }
}
