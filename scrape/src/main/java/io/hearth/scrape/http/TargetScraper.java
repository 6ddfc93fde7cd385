package io.hearth.scrape.http;

import java.io.EOFException;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Fetches one target's exposition, as Prometheus's {@code targetScraper} does: a GET with the
 * negotiated {@code Accept} header, {@code Accept-Encoding} ({@code gzip} or {@code identity}), the
 * {@code User-Agent} and {@code X-Prometheus-Scrape-Timeout-Seconds}; the whole exchange, redirects
 * and body included, bounded by the scrape timeout; the body (gzip-decoded when the response says
 * so) written into a reused {@link ScrapeBuffer} and limited to {@code body_size_limit} decoded
 * bytes.
 *
 * <p>One per target; {@link #scrape} is called by one thread at a time. Failures are {@link
 * ScrapeException}s worded as Prometheus words them.
 */
public final class TargetScraper implements AutoCloseable {
  static final String BODY_SIZE_LIMIT_EXCEEDED = "body size limit exceeded";
  private static final int MAX_REDIRECTS = 10;
  private static final String FATAL_ALERT = "Received fatal alert: ";

  private final ScrapeHttpClient client;
  private final URI url;
  private final String acceptHeader;
  private final String acceptEncoding;
  private final long bodySizeLimit;
  private final long timeoutNanos;
  private final String timeoutHeader;
  private final String userAgent;
  private GzipDecoder gzip;

  /**
   * @param bodySizeLimit bytes at which the (decoded) body fails the scrape; 0 or less for none
   * @param userAgent sent as {@code User-Agent}; Prometheus sends {@code Prometheus/<version>}
   */
  public TargetScraper(
      ScrapeHttpClient client,
      URI url,
      String acceptHeader,
      boolean enableCompression,
      long bodySizeLimit,
      Duration timeout,
      String userAgent) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("scrape timeout must be positive, got " + timeout);
    }
    this.client = client;
    this.url = url;
    this.acceptHeader = acceptHeader;
    this.acceptEncoding = enableCompression ? "gzip" : "identity";
    this.bodySizeLimit = bodySizeLimit <= 0 ? Long.MAX_VALUE : bodySizeLimit;
    this.timeoutNanos = timeout.toNanos();
    this.timeoutHeader = formatSeconds(timeout);
    this.userAgent = userAgent;
  }

  public URI url() {
    return url;
  }

  /**
   * Go's {@code strconv.FormatFloat(seconds, 'f', -1, 64)}: the shortest decimal that reads back as
   * the same double, never in exponent form ("10", "0.5", "1.25").
   */
  static String formatSeconds(Duration d) {
    double seconds = d.toNanos() / 1e9;
    return new BigDecimal(Double.toString(seconds)).stripTrailingZeros().toPlainString();
  }

  /**
   * Scrapes once into {@code into} (reset first).
   *
   * @return the response's {@code Content-Type}, "" if it has none
   * @throws ScrapeException if the scrape failed; {@code into} then holds no usable body
   * @throws InterruptedException if the calling thread was interrupted; the request is cancelled
   */
  public String scrape(ScrapeBuffer into) throws ScrapeException, InterruptedException {
    into.reset();
    long deadline = System.nanoTime() + timeoutNanos;
    URI current = url;
    URI previous = null;
    String originalHost = hostOf(url);
    boolean isCrossHost = false;
    for (int requests = 0; ; requests++) {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(current)
              .GET()
              .header("Accept", acceptHeader)
              .header("Accept-Encoding", acceptEncoding)
              .header("User-Agent", userAgent)
              .header("X-Prometheus-Scrape-Timeout-Seconds", timeoutHeader);
      if (previous != null) {
        String referer = referer(previous, current);
        if (referer != null) {
          b.header("Referer", referer);
        }
      }
      if ("https".equalsIgnoreCase(current.getScheme()) == false) {
        // Go speaks HTTP/2 only over TLS; the JDK would otherwise try an h2c upgrade.
        b.version(HttpClient.Version.HTTP_1_1);
      }
      HttpClient http;
      try {
        http = client.httpClient();
        client.decorate(b, isCrossHost, userAgent, deadline);
      } catch (ScrapeException e) {
        throw wrap(current, e);
      } catch (IllegalArgumentException e) {
        // A header value the JDK refuses, such as a credentials file with a line break inside.
        throw new ScrapeException("Get \"" + redacted(current) + "\": " + e.getMessage(), e);
      }
      BodySink sink = new BodySink(into, this::gzipDecoder, bodySizeLimit);
      HttpResponse<Void> response = send(http, b.build(), sink, current, deadline);
      int status = response.statusCode();
      String location = response.headers().firstValue("Location").orElse("");
      if (client.followRedirects() && isRedirect(status) && location.isEmpty() == false) {
        URI next;
        try {
          next = current.resolve(new URI(location));
        } catch (URISyntaxException | IllegalArgumentException e) {
          throw new ScrapeException(
              "Get \""
                  + redacted(current)
                  + "\": failed to parse Location header \""
                  + location
                  + "\": "
                  + e.getMessage());
        }
        if (requests + 1 >= MAX_REDIRECTS) {
          throw new ScrapeException("Get \"" + location + "\": stopped after 10 redirects");
        }
        isCrossHost |= isDomainOrSubdomain(hostOf(next), originalHost) == false;
        previous = current;
        current = next;
        into.reset();
        continue;
      }
      if (status != 200) {
        into.reset();
        throw new ScrapeException("server returned HTTP status " + HttpStatusText.status(status));
      }
      return sink.contentType();
    }
  }

  private HttpResponse<Void> send(
      HttpClient http, HttpRequest request, BodySink sink, URI uri, long deadline)
      throws ScrapeException, InterruptedException {
    CompletableFuture<HttpResponse<Void>> f;
    try {
      f = http.sendAsync(request, sink);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new ScrapeException("Get \"" + redacted(uri) + "\": " + e.getMessage(), e);
    }
    try {
      return f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      sink.abandon();
      throw sink.hasHeaders() ? deadlineExceeded(e) : wrap(uri, deadlineExceeded(e));
    } catch (InterruptedException e) {
      f.cancel(true);
      sink.abandon();
      throw e;
    } catch (ExecutionException e) {
      sink.abandon();
      Throwable cause = unwrap(e);
      if (cause instanceof ScrapeException s) {
        throw s; // Raised while reading the body (limit, gzip): Go does not add the URL.
      }
      if (cause instanceof HttpTimeoutException && System.nanoTime() - deadline >= 0) {
        throw wrap(uri, deadlineExceeded(cause));
      }
      String message = describe(cause, uri);
      throw sink.hasHeaders()
          ? new ScrapeException(message, cause)
          : new ScrapeException("Get \"" + redacted(uri) + "\": " + message, cause);
    } catch (CancellationException e) {
      sink.abandon();
      throw wrap(uri, deadlineExceeded(e));
    }
  }

  private GzipDecoder gzipDecoder() {
    if (gzip == null) {
      gzip = new GzipDecoder();
    }
    return gzip;
  }

  static ScrapeException deadlineExceeded(Throwable cause) {
    return new ScrapeException(ScrapeException.Kind.TIMEOUT, "context deadline exceeded", cause);
  }

  /** Go's {@code url.Error}: {@code Get "<url>": <cause>}. */
  private static ScrapeException wrap(URI uri, ScrapeException e) {
    return new ScrapeException(e.kind(), "Get \"" + redacted(uri) + "\": " + e.getMessage(), e);
  }

  private static Throwable unwrap(Throwable t) {
    while ((t instanceof ExecutionException || t instanceof CompletionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** A JDK client failure in the words Go's client uses for the same failure, where known. */
  static String describe(Throwable t, URI uri) {
    t = unwrap(t);
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof GoCertificateException g) {
        return g.getMessage();
      }
    }
    if (t instanceof HttpConnectTimeoutException || t instanceof HttpTimeoutException) {
      return "context deadline exceeded";
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof ConnectException) {
        return "dial tcp " + hostPort(uri) + ": connect: connection refused";
      }
      if (c instanceof UnknownHostException || c instanceof UnresolvedAddressException) {
        return "dial tcp: lookup " + hostOf(uri) + ": no such host";
      }
    }
    if (t instanceof SSLException) {
      String m = String.valueOf(t.getMessage());
      int alert = m.indexOf(FATAL_ALERT);
      if (alert >= 0) {
        return "remote error: tls: " + alertText(m.substring(alert + FATAL_ALERT.length()).strip());
      }
      return "tls: " + m;
    }
    if (t instanceof EOFException) {
      return "EOF";
    }
    String m = String.valueOf(t.getMessage());
    if (m.contains("EOF reached while reading") || m.startsWith("fixed content-length: ")) {
      return "unexpected EOF"; // The body ended before its Content-Length or last chunk.
    }
    if (m.contains("header parser received no bytes")) {
      return "EOF"; // The connection closed before a response.
    }
    if (t instanceof IOException && t.getMessage() != null) {
      return t.getMessage();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  /** Go's names for TLS alerts ("protocol_version" is "protocol version not supported"). */
  private static String alertText(String alert) {
    return switch (alert) {
      case "protocol_version" -> "protocol version not supported";
      case "handshake_failure" -> "handshake failure";
      case "bad_certificate" -> "bad certificate";
      case "unknown_ca" -> "unknown certificate authority";
      case "certificate_required" -> "certificate required";
      case "certificate_unknown" -> "unknown certificate";
      case "certificate_expired" -> "expired certificate";
      case "unrecognized_name" -> "unrecognized name";
      case "no_application_protocol" -> "no application protocol";
      case "access_denied" -> "access denied";
      case "decrypt_error" -> "error decrypting message";
      case "internal_error" -> "internal error";
      default -> alert.replace('_', ' ');
    };
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private static String hostOf(URI uri) {
    String host = uri.getHost() == null ? "" : uri.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return host.toLowerCase(Locale.ROOT);
  }

  private static String hostPort(URI uri) {
    int port = uri.getPort();
    if (port < 0) {
      port = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
    String host = hostOf(uri);
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  /** Go's {@code isDomainOrSubdomain}: equal, or a subdomain of {@code parent}. */
  static boolean isDomainOrSubdomain(String sub, String parent) {
    if (parent.isEmpty()) {
      return false;
    }
    if (sub.equals(parent)) {
      return true;
    }
    if (sub.indexOf(':') >= 0 || sub.indexOf('%') >= 0) {
      return false;
    }
    return sub.endsWith(parent) && sub.charAt(sub.length() - parent.length() - 1) == '.';
  }

  /** Go's {@code refererForURL}: the previous URL without user info, never https to http. */
  private static String referer(URI last, URI next) {
    if ("https".equalsIgnoreCase(last.getScheme()) && "http".equalsIgnoreCase(next.getScheme())) {
      return null;
    }
    return withoutUserInfo(last);
  }

  private static String withoutUserInfo(URI uri) {
    if (uri.getRawUserInfo() == null) {
      return uri.toString();
    }
    return uri.toString().replaceFirst("\\Q" + uri.getRawUserInfo() + "@\\E", "");
  }

  /** The URL as Go prints it in errors: a password in the user info is replaced by "***". */
  static String redacted(URI uri) {
    String info = uri.getRawUserInfo();
    if (info == null || info.indexOf(':') < 0) {
      return uri.toString();
    }
    String user = info.substring(0, info.indexOf(':'));
    return uri.toString().replaceFirst("\\Q" + info + "@\\E", user + ":***@");
  }

  /** Frees the gzip decoder's native memory. */
  @Override
  public void close() {
    if (gzip != null) {
      gzip.close();
      gzip = null;
    }
  }
}
