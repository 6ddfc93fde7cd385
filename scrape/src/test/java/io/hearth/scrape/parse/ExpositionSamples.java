package io.hearth.scrape.parse;

import io.hearth.labels.Labels;
import io.hearth.labels.LabelsBuilder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** Test helper: a whole exposition parsed into samples, for assertions in any scrape test. */
public final class ExpositionSamples {
  private ExpositionSamples() {}

  /** One sample: its labels (as {@link ExpositionParser#labels} builds them), own timestamp, value. */
  public record Sample(Labels labels, OptionalLong t, double v) {
    @Override
    public String toString() {
      return labels + " " + v + (t.isPresent() ? " @" + t.getAsLong() : "");
    }
  }

  /** Every sample of {@code payload}, in order. @throws ExpositionException as the parser does */
  public static List<Sample> parse(ExpositionParser parser, byte[] payload) {
    parser.reset(payload, payload.length);
    List<Sample> out = new ArrayList<>();
    LabelsBuilder lb = new LabelsBuilder();
    for (Entry e = parser.next(); e != Entry.EOF; e = parser.next()) {
      if (e != Entry.SERIES) {
        continue;
      }
      lb.reset();
      parser.labels(lb);
      OptionalLong t = parser.hasTimestamp() ? OptionalLong.of(parser.timestamp()) : OptionalLong.empty();
      out.add(new Sample(lb.build(), t, parser.value()));
    }
    return out;
  }

  /** Prometheus text format 0.0.4. */
  public static List<Sample> parseText(String payload) {
    return parse(new PromTextParser(), payload.getBytes(StandardCharsets.UTF_8));
  }

  /** OpenMetrics 1.0 text ({@code _created} lines included, as Prometheus scrapes by default). */
  public static List<Sample> parseOpenMetrics(String payload) {
    return parse(new OpenMetricsParser(), payload.getBytes(StandardCharsets.UTF_8));
  }
}
