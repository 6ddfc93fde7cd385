package io.hearth.scrape.http;

import java.io.IOException;

/**
 * A failed scrape request. The message is worded as Prometheus words the same failure (for example
 * {@code server returned HTTP status 404 Not Found}, {@code body size limit exceeded}, {@code Get
 * "http://…/metrics": context deadline exceeded}), because it is shown as the target's last error
 * and written to the scrape failure log.
 */
public final class ScrapeException extends IOException {
  /** The failure classes the scrape loop reports differently. */
  public enum Kind {
    /** Any other failure: connection, TLS, authentication, status, decoding. */
    OTHER,
    /** The body reached {@code body_size_limit}; Prometheus reports -1 bytes scraped. */
    BODY_SIZE_LIMIT,
    /** The scrape timeout expired. */
    TIMEOUT
  }

  private final Kind kind;

  ScrapeException(String message) {
    this(Kind.OTHER, message, null);
  }

  ScrapeException(String message, Throwable cause) {
    this(Kind.OTHER, message, cause);
  }

  ScrapeException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  public boolean isBodySizeLimitExceeded() {
    return kind == Kind.BODY_SIZE_LIMIT;
  }
}
