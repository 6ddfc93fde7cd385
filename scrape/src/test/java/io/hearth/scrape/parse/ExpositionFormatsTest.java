package io.hearth.scrape.parse;

import static io.hearth.scrape.parse.ExpositionFormat.OPENMETRICS;
import static io.hearth.scrape.parse.ExpositionFormat.PROMETHEUS_TEXT;
import static io.hearth.scrape.parse.ExpositionFormat.PROTOBUF;
import static io.hearth.scrape.parse.ScrapeProtocol.OPENMETRICS_TEXT_0_0_1;
import static io.hearth.scrape.parse.ScrapeProtocol.OPENMETRICS_TEXT_1_0_0;
import static io.hearth.scrape.parse.ScrapeProtocol.PROMETHEUS_PROTO;
import static io.hearth.scrape.parse.ScrapeProtocol.PROMETHEUS_TEXT_0_0_4;
import static io.hearth.scrape.parse.ScrapeProtocol.PROMETHEUS_TEXT_1_0_0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.labels.NameEscaping;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The strings here are Prometheus's own, from its scrape and textparse tests and sources. */
class ExpositionFormatsTest {
  private static final List<ScrapeProtocol> DEFAULT = List.of(
      OPENMETRICS_TEXT_1_0_0, OPENMETRICS_TEXT_0_0_1, PROMETHEUS_TEXT_1_0_0, PROMETHEUS_TEXT_0_0_4);
  private static final List<ScrapeProtocol> PROTO_FIRST = List.of(PROMETHEUS_PROTO,
      OPENMETRICS_TEXT_1_0_0, OPENMETRICS_TEXT_0_0_1, PROMETHEUS_TEXT_1_0_0, PROMETHEUS_TEXT_0_0_4);

  @Test
  void acceptHeader() {
    checkAccept(DEFAULT, NameEscaping.UNDERSCORES,
        "application/openmetrics-text;version=1.0.0;escaping=underscores;q=0.6,"
            + "application/openmetrics-text;version=0.0.1;q=0.5,"
            + "text/plain;version=1.0.0;escaping=underscores;q=0.4,"
            + "text/plain;version=0.0.4;q=0.3,*/*;q=0.2");
    checkAccept(PROTO_FIRST, NameEscaping.DOTS,
        "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.6,"
            + "application/openmetrics-text;version=1.0.0;escaping=dots;q=0.5,"
            + "application/openmetrics-text;version=0.0.1;q=0.4,"
            + "text/plain;version=1.0.0;escaping=dots;q=0.3,"
            + "text/plain;version=0.0.4;q=0.2,*/*;q=0.1");
    checkAccept(DEFAULT, NameEscaping.ALLOW_UTF8,
        "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.6,"
            + "application/openmetrics-text;version=0.0.1;q=0.5,"
            + "text/plain;version=1.0.0;escaping=allow-utf-8;q=0.4,"
            + "text/plain;version=0.0.4;q=0.3,*/*;q=0.2");
    checkAccept(PROTO_FIRST, NameEscaping.ALLOW_UTF8,
        "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.6,"
            + "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.5,"
            + "application/openmetrics-text;version=0.0.1;q=0.4,"
            + "text/plain;version=1.0.0;escaping=allow-utf-8;q=0.3,"
            + "text/plain;version=0.0.4;q=0.2,*/*;q=0.1");
    checkAccept(List.of(PROMETHEUS_TEXT_1_0_0), NameEscaping.VALUES,
        "text/plain;version=1.0.0;escaping=values;q=0.6,*/*;q=0.5");
    checkAccept(List.of(PROMETHEUS_PROTO), NameEscaping.VALUES,
        "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.6,"
            + "*/*;q=0.5");
  }

  @Test
  void acceptEncodingHeader() {
    assertThat(ExpositionFormats.acceptEncodingHeader(true)).isEqualTo("gzip");
    assertThat(ExpositionFormats.acceptEncodingHeader(false)).isEqualTo("identity");
  }

  @Test
  void protocolsMapToParsersAndMediaTypes() {
    assertThat(ExpositionFormats.formatOf(PROMETHEUS_TEXT_1_0_0)).isEqualTo(PROMETHEUS_TEXT);
    assertThat(ExpositionFormats.formatOf(PROMETHEUS_TEXT_0_0_4)).isEqualTo(PROMETHEUS_TEXT);
    assertThat(ExpositionFormats.formatOf(OPENMETRICS_TEXT_0_0_1)).isEqualTo(OPENMETRICS);
    assertThat(ExpositionFormats.formatOf(OPENMETRICS_TEXT_1_0_0)).isEqualTo(OPENMETRICS);
    assertThat(ExpositionFormats.formatOf(PROMETHEUS_PROTO)).isEqualTo(PROTOBUF);
    assertThat(ExpositionFormats.mediaType(PROMETHEUS_TEXT_1_0_0)).isEqualTo("text/plain");
    assertThat(ExpositionFormats.mediaType(OPENMETRICS_TEXT_0_0_1))
        .isEqualTo("application/openmetrics-text");
    assertThat(ExpositionFormats.mediaType(PROMETHEUS_PROTO))
        .isEqualTo("application/vnd.google.protobuf");
  }

  @Test
  void recognisedContentTypes() {
    check("application/openmetrics-text", null, OPENMETRICS, null);
    check("application/openmetrics-text; charset=utf-8", null, OPENMETRICS, null);
    check("application/openmetrics-text; version=1.0.0; charset=utf-8", null, OPENMETRICS, null);
    check("text/plain", null, PROMETHEUS_TEXT, null);
    check("text/plain; version=0.0.4", null, PROMETHEUS_TEXT, null);
    check("text/plain; version=1.0.0; escaping=allow-utf-8; charset=utf-8", null, PROMETHEUS_TEXT, null);
    check("application/vnd.google.protobuf", null, PROTOBUF, null);
    check("application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited",
        null, PROTOBUF, null);
    // The target's own type wins over the fallback.
    check("Text/Plain ;charset=UTF-8;", PROMETHEUS_PROTO, PROMETHEUS_TEXT, null);
    check("application/vnd.google.protobuf; quoted=\"a;b\"", null, PROTOBUF, null);
  }

  @Test
  void blankContentType() {
    fails("", null, "non-compliant scrape target sending blank Content-Type and no "
        + "fallback_scrape_protocol specified for target");
    fails(null, null, "non-compliant scrape target sending blank Content-Type and no "
        + "fallback_scrape_protocol specified for target");
    check("", PROMETHEUS_TEXT_0_0_4, PROMETHEUS_TEXT,
        "non-compliant scrape target sending blank Content-Type, using fallback_scrape_protocol "
            + "\"text/plain\"");
    check("", PROMETHEUS_PROTO, PROTOBUF,
        "non-compliant scrape target sending blank Content-Type, using fallback_scrape_protocol "
            + "\"application/vnd.google.protobuf\"");
  }

  @Test
  void unparsableContentType() {
    fails("invalid/", null, "cannot parse Content-Type \"invalid/\" and no fallback_scrape_protocol "
        + "for target\nmime: expected token after slash");
    check("invalid/", PROMETHEUS_TEXT_0_0_4, PROMETHEUS_TEXT, "could not parse received "
        + "Content-Type \"invalid/\", using fallback_scrape_protocol \"text/plain\"\n"
        + "mime: expected token after slash");
    check("invalid/", OPENMETRICS_TEXT_0_0_1, OPENMETRICS, "could not parse received "
        + "Content-Type \"invalid/\", using fallback_scrape_protocol "
        + "\"application/openmetrics-text\"\nmime: expected token after slash");
    check("invalid/", PROMETHEUS_PROTO, PROTOBUF, "could not parse received "
        + "Content-Type \"invalid/\", using fallback_scrape_protocol "
        + "\"application/vnd.google.protobuf\"\nmime: expected token after slash");
    fails("invalid/invalid/invalid", null, "cannot parse Content-Type \"invalid/invalid/invalid\" "
        + "and no fallback_scrape_protocol for target\nmime: unexpected content after media subtype");
    check("invalid/invalid/invalid", PROMETHEUS_TEXT_1_0_0, PROMETHEUS_TEXT, "could not parse "
        + "received Content-Type \"invalid/invalid/invalid\", using fallback_scrape_protocol "
        + "\"text/plain\"\nmime: unexpected content after media subtype");
    fails("/", null, "cannot parse Content-Type \"/\" and no fallback_scrape_protocol for target\n"
        + "mime: no media type");
    fails(" ", null, "cannot parse Content-Type \" \" and no fallback_scrape_protocol for target\n"
        + "mime: no media type");
    fails("text plain", null, "cannot parse Content-Type \"text plain\" and no "
        + "fallback_scrape_protocol for target\nmime: expected slash after first token");
    fails("application/openmetrics-text; charset=UTF-8; charset=utf-8", null,
        "cannot parse Content-Type \"application/openmetrics-text; charset=UTF-8; charset=utf-8\" "
            + "and no fallback_scrape_protocol for target\nmime: duplicate parameter name");
    check("application/openmetrics-text; charset=UTF-8; charset=utf-8", OPENMETRICS_TEXT_1_0_0,
        OPENMETRICS, "could not parse received Content-Type \"application/openmetrics-text; "
            + "charset=UTF-8; charset=utf-8\", using fallback_scrape_protocol "
            + "\"application/openmetrics-text\"\nmime: duplicate parameter name");
    fails("text/plain; version", null, "cannot parse Content-Type \"text/plain; version\" and no "
        + "fallback_scrape_protocol for target\nmime: invalid media parameter");
    fails("text/plain; a=\"unterminated", null, "cannot parse Content-Type \"text/plain; "
        + "a=\\\"unterminated\" and no fallback_scrape_protocol for target\n"
        + "mime: invalid media parameter");
    // Surrounding white space is trimmed off the media type.
    check("text/plain\n", null, PROMETHEUS_TEXT, null);
    fails("text/plain x", null, "cannot parse Content-Type \"text/plain x\" and no "
        + "fallback_scrape_protocol for target\nmime: unexpected content after media subtype");
    fails("text/\u00e9", null, "cannot parse Content-Type \"text/\u00e9\" and no "
        + "fallback_scrape_protocol for target\nmime: expected token after slash");
    fails("text/plain; a=b\u0001", null, "cannot parse Content-Type \"text/plain; a=b\\x01\" "
        + "and no fallback_scrape_protocol for target\nmime: invalid media parameter");
  }

  @Test
  void unsupportedContentType() {
    fails("text/html", null, "received unsupported Content-Type \"text/html\" and no "
        + "fallback_scrape_protocol specified for target");
    check("text/html", PROMETHEUS_TEXT_0_0_4, PROMETHEUS_TEXT, "received unsupported "
        + "Content-Type \"text/html\", using fallback_scrape_protocol \"text/plain\"");
    // Go's mime package accepts a media type without a subtype; Prometheus then does not know it.
    fails("text", null, "received unsupported Content-Type \"text\" and no fallback_scrape_protocol "
        + "specified for target");
    fails("application/json; charset=utf-8", null, "received unsupported Content-Type "
        + "\"application/json; charset=utf-8\" and no fallback_scrape_protocol specified for target");
  }

  private static void checkAccept(List<ScrapeProtocol> protocols, NameEscaping escaping, String want) {
    assertThat(ExpositionFormats.acceptHeader(protocols, escaping)).isEqualTo(want);
  }

  private static void check(String contentType, ScrapeProtocol fallback, ExpositionFormat want,
      String wantWarning) {
    assertThat(ExpositionFormats.select(contentType, fallback))
        .isEqualTo(new ExpositionFormats.Selected(want, wantWarning));
  }

  private static void fails(String contentType, ScrapeProtocol fallback, String want) {
    assertThatThrownBy(() -> ExpositionFormats.select(contentType, fallback))
        .isInstanceOf(ExpositionException.class)
        .hasMessage(want);
  }
}
