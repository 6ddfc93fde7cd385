package io.hearth.scrape.parse;

import io.hearth.labels.LabelsBuilder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Renders every entry a parser yields as one line, so tests can compare whole parses. */
final class EntryDump {
  private EntryDump() {}

  static List<String> dump(ExpositionParser p, String input) {
    byte[] b = input.getBytes(StandardCharsets.UTF_8);
    p.reset(b, b.length);
    List<String> out = new ArrayList<>();
    LabelsBuilder lb = new LabelsBuilder();
    Exemplar ex = new Exemplar();
    for (Entry e = p.next(); e != Entry.EOF; e = p.next()) {
      out.add(line(p, e, lb, ex));
    }
    return out;
  }

  /** The error text of the first failing entry, or "no error". */
  static String error(ExpositionParser p, String input) {
    byte[] b = input.getBytes(StandardCharsets.ISO_8859_1);
    p.reset(b, b.length);
    try {
      while (p.next() != Entry.EOF) {
        // keep going
      }
      return "no error";
    } catch (ExpositionException e) {
      return e.getMessage();
    }
  }

  static String line(ExpositionParser p, Entry e, LabelsBuilder lb, Exemplar ex) {
    return switch (e) {
      case HELP -> "help " + p.metricName() + " " + p.help();
      case TYPE -> "type " + p.metricName() + " " + p.type().text();
      case UNIT -> "unit " + p.metricName() + " " + p.unit();
      case COMMENT -> "comment " + p.comment();
      case SERIES -> {
        lb.reset();
        p.labels(lb);
        StringBuilder s = new StringBuilder("series ");
        s.append(new String(p.seriesBytes(), p.seriesOffset(), p.seriesLength(), StandardCharsets.UTF_8));
        s.append(" => ").append(lb.build()).append(' ').append(p.value());
        if (p.hasTimestamp()) {
          s.append(" @").append(p.timestamp());
        }
        while (p.exemplar(ex)) {
          s.append(" # ").append(ex.labels).append(' ').append(ex.value);
          if (ex.hasTimestamp) {
            s.append(" @").append(ex.timestamp);
          }
        }
        yield s.toString();
      }
      case EOF -> "eof";
    };
  }
}
