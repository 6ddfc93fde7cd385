package io.hearth.scrape.loop;

import io.hearth.scrape.parse.ExpositionFormats;
import io.hearth.scrape.parse.ExpositionParser;
import io.hearth.scrape.parse.OpenMetricsParser;
import io.hearth.scrape.parse.PromTextParser;
import io.hearth.scrape.parse.ProtobufParser;
import io.hearth.scrape.parse.ScrapeProtocol;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One target's parsers, created on first use and reused for every scrape, chosen per response by
 * its Content-Type as Prometheus 3 chooses (strictly, with {@code fallback_scrape_protocol}).
 */
final class ParserSet {
  private static final Logger LOG = Logger.getLogger(ParserSet.class.getName());

  private final ScrapeProtocol fallback;
  private PromTextParser text;
  private OpenMetricsParser openMetrics;
  private ProtobufParser protobuf;
  private String lastWarning;

  ParserSet(ScrapeProtocol fallback) {
    this.fallback = fallback;
  }

  /**
   * The parser for this response, reset onto its body.
   *
   * @throws io.hearth.scrape.parse.ExpositionException if the Content-Type is missing or unknown
   *     and there is no fallback
   */
  ExpositionParser select(String contentType, byte[] body, int length) {
    ExpositionFormats.Selected s = ExpositionFormats.select(contentType, fallback);
    if (s.warning() != null && !s.warning().equals(lastWarning)) {
      // Once per change, not per scrape: a misconfigured exporter would otherwise flood the log.
      LOG.log(Level.FINE, s.warning());
    }
    lastWarning = s.warning();
    ExpositionParser p =
        switch (s.format()) {
          case PROMETHEUS_TEXT -> text == null ? text = new PromTextParser() : text;
          case OPENMETRICS -> openMetrics == null ? openMetrics = new OpenMetricsParser() : openMetrics;
          case PROTOBUF -> protobuf == null ? protobuf = new ProtobufParser() : protobuf;
        };
    p.reset(body, length);
    return p;
  }
}
