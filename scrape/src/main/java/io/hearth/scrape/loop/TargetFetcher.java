package io.hearth.scrape.loop;

/**
 * Fetches one target's exposition into a buffer that stays valid until the next fetch. The
 * scrape loop depends on this seam only, so its tests can feed it bytes without HTTP.
 */
interface TargetFetcher {
  /** The Prometheus text for a body larger than {@code body_size_limit}. */
  String BODY_SIZE_LIMIT_EXCEEDED = "body size limit exceeded";

  /**
   * Performs one request.
   *
   * @return the response's Content-Type header, or null if it had none
   * @throws Exception whose message is the scrape error to report (e.g. {@code server returned
   *     HTTP status 500 Internal Server Error})
   */
  String fetch() throws Exception;

  byte[] body();

  int bodyLength();

  /**
   * Ends the use of the body: the scrape is appended. Until the next {@link #fetch()}, {@link
   * #body()} may not be called; a fetcher may hand the buffer to another target meanwhile.
   */
  default void release() {}

  static boolean isBodySizeLimit(Throwable e) {
    return BODY_SIZE_LIMIT_EXCEEDED.equals(e.getMessage());
  }
}
