package io.hearth.server.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.SortedSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Prometheus text exposition (0.0.4) read into families, for tests: each family's type, help
 * and samples, a sample being its full name, labels and value. Lenient: made for comparing, not
 * validating.
 */
final class MetricsText {
  record Sample(String name, Map<String, String> labels, double value) {}

  static final class Family {
    final String name;
    String type = "untyped";
    String help = "";
    final List<Sample> samples = new ArrayList<>();

    Family(String name) {
      this.name = name;
    }

    /** The label names of the samples, without the {@code le} and {@code quantile} of buckets and quantiles. */
    SortedSet<String> labelNames() {
      SortedSet<String> out = new TreeSet<>();
      for (Sample s : samples) {
        out.addAll(s.labels().keySet());
      }
      out.remove("le");
      out.remove("quantile");
      return out;
    }
  }

  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  final Map<String, Family> families = new LinkedHashMap<>();

  static MetricsText parse(String text) {
    MetricsText m = new MetricsText();
    Family current = null;
    for (String line : text.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
        String[] parts = line.split(" ", 4);
        current = m.families.computeIfAbsent(parts[2], Family::new);
        String rest = parts.length > 3 ? parts[3] : "";
        if (line.startsWith("# HELP ")) {
          current.help = rest;
        } else {
          current.type = rest;
        }
        continue;
      }
      if (line.startsWith("#")) {
        continue;
      }
      int brace = line.indexOf('{');
      int space = line.lastIndexOf(' ');
      String name = brace >= 0 && brace < space ? line.substring(0, brace) : line.substring(0, line.indexOf(' '));
      Map<String, String> labels = new TreeMap<>();
      if (brace >= 0 && brace < space) {
        Matcher lm = LABEL.matcher(line.substring(brace, line.lastIndexOf('}') + 1));
        while (lm.find()) {
          labels.put(lm.group(1), lm.group(2));
        }
      }
      Family f = current != null && name.startsWith(current.name) ? current : m.families.computeIfAbsent(name, Family::new);
      f.samples.add(new Sample(name, labels, parseValue(line.substring(space + 1))));
    }
    return m;
  }

  private static double parseValue(String s) {
    return switch (s) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> Double.parseDouble(s);
    };
  }

  /**
   * The value of the sample called {@code name} with exactly these labels (name, value, ...), or
   * NaN when there is none.
   */
  double value(String name, String... labelPairs) {
    Map<String, String> want = new TreeMap<>();
    for (int i = 0; i < labelPairs.length; i += 2) {
      want.put(labelPairs[i], labelPairs[i + 1]);
    }
    for (Family f : families.values()) {
      for (Sample s : f.samples) {
        if (s.name().equals(name) && s.labels().equals(want)) {
          return s.value();
        }
      }
    }
    return Double.NaN;
  }
}
