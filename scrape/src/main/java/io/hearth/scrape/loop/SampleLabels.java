package io.hearth.scrape.loop;

import io.hearth.labels.Labels;
import io.hearth.labels.LabelsBuilder;
import io.hearth.labels.NameValidation;
import io.hearth.scrape.config.ScrapeConfig;
import io.hearth.scrape.parse.GoQuote;
import io.hearth.scrape.relabel.RelabelConfig;
import io.hearth.scrape.relabel.Relabeler;
import java.util.List;
import java.util.function.Predicate;

/**
 * A scraped series' final labels, as Prometheus computes them in {@code scrape/scrape.go}: the
 * exposed labels merged with the target's public labels ({@code mutateSampleLabels}), then {@code
 * metric_relabel_configs}; plus the checks the scrape loop runs on the result (metric name, name
 * validity, {@code label_limit} and the length limits). Runs once per new series, not per sample:
 * the scrape cache keeps the result. Stateless and thread-safe.
 */
public final class SampleLabels {
  private SampleLabels() {}

  public static final String EXPORTED_PREFIX = "exported_";

  /**
   * The series' labels, or {@code null} when {@code metric_relabel_configs} drop the sample or
   * leave no label at all (upstream treats an empty set as dropped).
   *
   * <p>With {@code honorLabels}, an exposed label wins over the target label of the same name.
   * Without it, the target label wins and the exposed value moves to {@code exported_<name>}; if
   * that name is taken too (by the target or the sample), the prefix repeats until a free name is
   * found. Clashing names are handled shortest first.
   *
   * @param targetLabels the target's labels; names starting with {@code __} are skipped here, so
   *     the full set from {@link TargetLabels#populate} may be passed
   */
  public static Labels mutate(
      Labels exposed, Labels targetLabels, boolean honorLabels, List<RelabelConfig> metricRelabel, NameValidation scheme) {
    return mutate(exposed, name -> false, targetLabels, honorLabels, metricRelabel, scheme);
  }

  /**
   * {@link #mutate(Labels, Labels, boolean, List, NameValidation)} for a sample that may expose
   * labels with empty values, which {@code exposed} cannot hold.
   *
   * @param exposedEmpty whether the sample exposes a label of that name with an empty value: with
   *     {@code honorLabels} such a label still counts as exposed (upstream checks {@code
   *     lset.Has(name)} on the parsed labels, empty ones included), so the target's label of that
   *     name is not added and the series has neither
   */
  public static Labels mutate(
      Labels exposed,
      Predicate<String> exposedEmpty,
      Labels targetLabels,
      boolean honorLabels,
      List<RelabelConfig> metricRelabel,
      NameValidation scheme) {
    LabelsBuilder b = exposed.toBuilder();
    if (honorLabels) {
      for (int i = 0; i < targetLabels.size(); i++) {
        String name = targetLabels.name(i);
        if (!name.startsWith(TargetLabels.RESERVED_PREFIX)
            && !exposed.has(name)
            && !exposedEmpty.test(name)) {
          b.set(name, targetLabels.value(i));
        }
      }
    } else {
      String[] clashes = null; // names, in target order, whose exposed values must move
      int nClashes = 0;
      for (int i = 0; i < targetLabels.size(); i++) {
        String name = targetLabels.name(i);
        if (name.startsWith(TargetLabels.RESERVED_PREFIX)) {
          continue;
        }
        if (exposed.has(name)) {
          if (clashes == null) {
            clashes = new String[targetLabels.size()];
          }
          clashes[nClashes++] = name;
        }
        b.set(name, targetLabels.value(i));
      }
      if (nClashes > 0) {
        resolveClashes(b, exposed, clashes, nClashes);
      }
    }
    if (!Relabeler.process(b, metricRelabel, scheme)) {
      return null;
    }
    Labels out = b.build();
    return out.isEmpty() ? null : out;
  }

  private static void resolveClashes(LabelsBuilder b, Labels exposed, String[] clashes, int n) {
    // A stable insertion sort by length: ties keep the target's (sorted) order, as upstream's
    // SortStableFunc does.
    for (int i = 1; i < n; i++) {
      String x = clashes[i];
      int j = i;
      while (j > 0 && clashes[j - 1].length() > x.length()) {
        clashes[j] = clashes[j - 1];
        j--;
      }
      clashes[j] = x;
    }
    for (int i = 0; i < n; i++) {
      String name = clashes[i];
      String newName = name;
      do {
        newName = EXPORTED_PREFIX + newName;
      } while (!b.get(newName).isEmpty());
      b.set(newName, exposed.get(name));
    }
  }

  /**
   * The labels of a synthetic series ({@code up}, {@code scrape_duration_seconds}, …), as
   * upstream's {@code mutateReportSampleLabels}: the target's public labels always win, and a
   * clashing name in {@code series} moves to {@code exported_<name>} (once, without repeating).
   * {@code honor_labels} and metric relabelling do not apply.
   */
  public static Labels mutateReport(Labels series, Labels targetLabels) {
    LabelsBuilder b = series.toBuilder();
    for (int i = 0; i < targetLabels.size(); i++) {
      String name = targetLabels.name(i);
      if (!name.startsWith(TargetLabels.RESERVED_PREFIX)) {
        b.set(EXPORTED_PREFIX + name, series.get(name));
        b.set(name, targetLabels.value(i));
      }
    }
    return b.build();
  }

  /**
   * The scrape loop's checks on a mutated series, in upstream's words; null when it may be
   * stored. A failure fails the whole scrape.
   */
  public static String validate(Labels lset, NameValidation scheme) {
    NameValidation s = scheme == null ? NameValidation.UTF8 : scheme;
    if (!lset.has(Labels.METRIC_NAME)) {
      return "missing metric name (__name__ label)";
    }
    for (int i = 0; i < lset.size(); i++) {
      String name = lset.name(i);
      String value = lset.value(i);
      boolean ok = s.isValidLabelName(name)
          && NameValidation.isValidUtf8Value(value)
          && (!name.equals(Labels.METRIC_NAME) || s.isValidMetricName(value));
      if (!ok) {
        return "invalid metric name or label names: " + GoFormat.labelsString(lset);
      }
    }
    return null;
  }

  /** {@link #checkLimits(Labels, long, long, long)} with the config's limits. */
  public static String checkLimits(Labels lset, ScrapeConfig cfg) {
    return checkLimits(lset, cfg.labelLimit(), cfg.labelNameLengthLimit(), cfg.labelValueLengthLimit());
  }

  /**
   * {@code label_limit}, {@code label_name_length_limit} and {@code label_value_length_limit} (0 =
   * none; lengths in UTF-8 bytes, as Go's {@code len}); null when within them, else upstream's
   * error text. A breach fails the whole scrape.
   */
  public static String checkLimits(Labels lset, long labelLimit, long nameLengthLimit, long valueLengthLimit) {
    String metric = GoFormat.truncate(lset.metricName(), 50);
    if (labelLimit > 0 && lset.size() > labelLimit) {
      return "label_limit exceeded (metric: " + metric + ", number of labels: " + lset.size() + ", limit: "
          + labelLimit + ")";
    }
    if (nameLengthLimit <= 0 && valueLengthLimit <= 0) {
      return null;
    }
    for (int i = 0; i < lset.size(); i++) {
      String name = lset.name(i);
      if (nameLengthLimit > 0) {
        int len = GoFormat.utf8Length(name);
        if (len > nameLengthLimit) {
          return "label_name_length_limit exceeded (metric: " + metric + ", label name: "
              + GoFormat.truncate(name, 50) + ", length: " + len + ", limit: " + nameLengthLimit + ")";
        }
      }
      if (valueLengthLimit > 0) {
        String value = lset.value(i);
        int len = GoFormat.utf8Length(value);
        if (len > valueLengthLimit) {
          return "label_value_length_limit exceeded (metric: " + metric + ", label name: "
              + GoFormat.truncate(name, 50) + ", value: " + GoQuote.quote(GoFormat.truncate(value, 50))
              + ", length: " + len + ", limit: " + valueLengthLimit + ")";
        }
      }
    }
    return null;
  }
}
