package io.hearth.storage;

/**
 * The staleness marker: a NaN with one specific bit pattern, written when a series disappears from
 * a scrape. It ends the series for PromQL's lookback. Compare by raw bits: every other NaN is an
 * ordinary value.
 */
public final class StaleMarker {
  /** Prometheus's {@code StaleNaN} bits. */
  public static final long BITS = 0x7ff0000000000002L;

  /** The marker as a double; store it only with {@code longBitsToDouble} preserved. */
  public static final double VALUE = Double.longBitsToDouble(BITS);

  private StaleMarker() {}

  public static boolean isStale(double v) {
    return Double.doubleToRawLongBits(v) == BITS;
  }
}
