package io.hearth.scrape.parse;

import io.hearth.labels.NameEscaping;
import java.util.List;

/**
 * Content negotiation as Prometheus 3 does it: the {@code Accept} and {@code Accept-Encoding}
 * headers a scrape sends, and which parser reads the answer given its {@code Content-Type}. The
 * {@code Content-Type} check is strict: a blank, unparsable or unknown one fails the scrape unless
 * {@code fallback_scrape_protocol} is set. Error and warning texts are Prometheus's own.
 */
public final class ExpositionFormats {
  /**
   * The parser to use, and why the target's own {@code Content-Type} was not used (null when it
   * was). Prometheus logs the warning at debug level and scrapes on.
   */
  public record Selected(ExpositionFormat format, String warning) {}

  private static final String EVERYTHING = "*/*";

  private ExpositionFormats() {}

  /**
   * The {@code Accept} header for {@code protocols} in order of preference: descending {@code q}
   * weights starting at {@code 0.6} (one more than the number of known protocols), {@code
   * escaping=} on the text formats whose newer versions understand it, and {@code *}{@code /*}
   * last with the next weight down.
   */
  public static String acceptHeader(List<ScrapeProtocol> protocols, NameEscaping escaping) {
    StringBuilder sb = new StringBuilder(256);
    int weight = ScrapeProtocol.values().length + 1;
    for (ScrapeProtocol p : protocols) {
      sb.append(p.header());
      if (p == ScrapeProtocol.PROMETHEUS_TEXT_1_0_0 || p == ScrapeProtocol.OPENMETRICS_TEXT_1_0_0) {
        sb.append(";escaping=").append(escaping.headerValue());
      }
      sb.append(";q=0.").append(weight).append(',');
      weight--;
    }
    return sb.append(EVERYTHING).append(";q=0.").append(weight).toString();
  }

  /** {@code gzip} when {@code enable_compression} is on (the default), else {@code identity}. */
  public static String acceptEncodingHeader(boolean enableCompression) {
    return enableCompression ? "gzip" : "identity";
  }

  /** The media type alone, without parameters: what {@code fallback_scrape_protocol} stands for. */
  public static String mediaType(ScrapeProtocol protocol) {
    String header = protocol.header();
    int semi = header.indexOf(';');
    return semi < 0 ? header : header.substring(0, semi);
  }

  public static ExpositionFormat formatOf(ScrapeProtocol protocol) {
    return switch (protocol) {
      case PROMETHEUS_PROTO -> ExpositionFormat.PROTOBUF;
      case PROMETHEUS_TEXT_0_0_4, PROMETHEUS_TEXT_1_0_0 -> ExpositionFormat.PROMETHEUS_TEXT;
      case OPENMETRICS_TEXT_0_0_1, OPENMETRICS_TEXT_1_0_0 -> ExpositionFormat.OPENMETRICS;
    };
  }

  /**
   * Picks the parser for a response.
   *
   * @param contentType the response's {@code Content-Type}, null or empty if it sent none
   * @param fallback {@code fallback_scrape_protocol}, or null when unset
   * @throws ExpositionException when the content type is blank, unparsable or unknown and there
   *     is no fallback
   */
  public static Selected select(String contentType, ScrapeProtocol fallback) {
    String fallbackType = fallback == null ? null : mediaType(fallback);
    if (contentType == null || contentType.isEmpty()) {
      if (fallback == null) {
        throw new ExpositionException("non-compliant scrape target sending blank Content-Type and "
            + "no fallback_scrape_protocol specified for target");
      }
      return new Selected(formatOf(fallback), "non-compliant scrape target sending blank "
          + "Content-Type, using fallback_scrape_protocol " + GoQuote.quote(fallbackType));
    }
    MediaTypes.Parsed parsed = MediaTypes.parse(contentType);
    if (parsed.mediaType() == null) {
      // Prometheus joins its message and Go's mime error with errors.Join: one per line.
      if (fallback == null) {
        throw new ExpositionException("cannot parse Content-Type " + GoQuote.quote(contentType)
            + " and no fallback_scrape_protocol for target\n" + parsed.error());
      }
      return new Selected(formatOf(fallback), "could not parse received Content-Type "
          + GoQuote.quote(contentType) + ", using fallback_scrape_protocol "
          + GoQuote.quote(fallbackType) + "\n" + parsed.error());
    }
    switch (parsed.mediaType()) {
      case "application/openmetrics-text" -> {
        return new Selected(ExpositionFormat.OPENMETRICS, null);
      }
      case "application/vnd.google.protobuf" -> {
        return new Selected(ExpositionFormat.PROTOBUF, null);
      }
      case "text/plain" -> {
        return new Selected(ExpositionFormat.PROMETHEUS_TEXT, null);
      }
      default -> {
        if (fallback == null) {
          throw new ExpositionException("received unsupported Content-Type "
              + GoQuote.quote(contentType) + " and no fallback_scrape_protocol specified for target");
        }
        return new Selected(formatOf(fallback), "received unsupported Content-Type "
            + GoQuote.quote(contentType) + ", using fallback_scrape_protocol "
            + GoQuote.quote(fallbackType));
      }
    }
  }
}
