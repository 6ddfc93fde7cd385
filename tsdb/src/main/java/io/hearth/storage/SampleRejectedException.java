package io.hearth.storage;

/**
 * An expected rejection of one sample by the storage, such as an out-of-order timestamp. Callers
 * count these per reason rather than log each one. The shared instances carry no stack trace, so
 * throwing them on a hot path costs no allocation.
 */
public final class SampleRejectedException extends RuntimeException {
  /** Why a sample was rejected; the message follows Prometheus's wording. */
  public enum Reason {
    /** Older than the series' newest sample. */
    OUT_OF_ORDER("out of order sample"),
    /** The same timestamp as the series' newest sample, with another value. */
    DUPLICATE_SAMPLE("duplicate sample for timestamp");

    private final String message;

    Reason(String message) {
      this.message = message;
    }

    public String message() {
      return message;
    }
  }

  public static final SampleRejectedException OUT_OF_ORDER = new SampleRejectedException(Reason.OUT_OF_ORDER);
  public static final SampleRejectedException DUPLICATE_SAMPLE = new SampleRejectedException(Reason.DUPLICATE_SAMPLE);

  private final Reason reason;

  private SampleRejectedException(Reason reason) {
    super(reason.message(), null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
