package io.hearth.promql.testdata;

import io.hearth.labels.Labels;
import io.hearth.labels.LabelsBuilder;
import io.hearth.storage.Appender;
import io.hearth.tsdb.head.Head;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Appends an OpenMetrics text file, as {@code shared/bench/openmetrics_gen.py} writes it, into a
 * {@link Head}: {@code # HELP}/{@code # TYPE}/{@code # EOF} lines are skipped, every other line is
 * {@code name{labels} value timestamp_seconds} with the timestamp required. Timestamps become
 * milliseconds exactly as {@code promtool tsdb create-blocks-from openmetrics} (2.42) turns them
 * into milliseconds, {@code (long) (seconds * 1000)} in doubles, so both stores hold the same
 * samples.
 *
 * <p>With {@code copies > 1} every series is appended that many times, copy {@code k > 0} with
 * {@code "#k"} appended to its {@code instance} label: a 10k-series file then fills a head with
 * 100k series that behave like more scrape targets. Not thread-safe; a loader is one call.
 */
public final class OpenMetricsLoader {
  /** Samples per commit: keeps the appender's buffer small without a commit per line. */
  private static final int BATCH = 100_000;

  /** What a load appended. Times are milliseconds; {@code minT > maxT} when nothing was read. */
  public record Stats(long series, long samples, long minT, long maxT, long lines) {}

  private final Head head;
  private final int copies;
  private final Map<String, long[]> refs = new HashMap<>();
  private final LabelsBuilder builder = new LabelsBuilder();
  private Appender app;
  private long pending;
  private long samples;
  private long minT = Long.MAX_VALUE;
  private long maxT = Long.MIN_VALUE;
  private long lineNo;

  private OpenMetricsLoader(Head head, int copies) {
    if (copies < 1) {
      throw new IllegalArgumentException("copies must be at least 1, got " + copies);
    }
    this.head = head;
    this.copies = copies;
  }

  /** Appends every sample of {@code file} into {@code head}, once. */
  public static Stats load(Path file, Head head) {
    return load(file, head, 1);
  }

  /** Appends every sample of {@code file} into {@code head}, {@code copies} times (see class doc). */
  public static Stats load(Path file, Head head, int copies) {
    return new OpenMetricsLoader(head, copies).run(file);
  }

  private Stats run(Path file) {
    app = head.appender();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (line.isEmpty() || line.charAt(0) == '#') {
          continue;
        }
        sample(line);
      }
      app.commit();
      app = null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (RuntimeException e) {
      if (app != null) {
        app.rollback();
      }
      throw new IllegalArgumentException("cannot load " + file + " line " + lineNo + ": " + e.getMessage(), e);
    }
    return new Stats((long) refs.size() * copies, samples, minT, maxT, lineNo);
  }

  private void sample(String line) {
    // The value and timestamp are the last two space-separated tokens: neither may hold a space,
    // while a quoted label value may.
    int tsAt = line.lastIndexOf(' ');
    int valueAt = tsAt > 0 ? line.lastIndexOf(' ', tsAt - 1) : -1;
    if (valueAt <= 0) {
      throw new IllegalArgumentException("expected \"name{labels} value timestamp\", got \"" + line + "\"");
    }
    String prefix = line.substring(0, valueAt);
    double v = parseValue(line.substring(valueAt + 1, tsAt));
    // promtool's OpenMetrics parser reads the timestamp as a float64 of seconds and truncates
    // seconds*1000 to an int64; doing the same keeps e.g. 1795298415.137 at the same millisecond.
    long t = (long) (Double.parseDouble(line.substring(tsAt + 1)) * 1000);
    long[] seriesRefs = refs.get(prefix);
    if (seriesRefs == null) {
      seriesRefs = new long[copies];
      refs.put(prefix, seriesRefs);
    }
    Labels labels = null;
    for (int k = 0; k < copies; k++) {
      if (seriesRefs[k] == 0) {
        if (labels == null) {
          labels = parseLabels(prefix);
        }
        Labels copy = k == 0 ? labels : labels.toBuilder().set("instance", labels.get("instance") + "#" + k).build();
        seriesRefs[k] = app.append(0, copy, t, v);
      } else {
        seriesRefs[k] = app.append(seriesRefs[k], null, t, v);
      }
    }
    samples += copies;
    minT = Math.min(minT, t);
    maxT = Math.max(maxT, t);
    pending += copies;
    if (pending >= BATCH) {
      app.commit();
      app = head.appender();
      pending = 0;
    }
  }

  private static double parseValue(String s) {
    return switch (s) {
      case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> Double.parseDouble(s);
    };
  }

  /** Parses {@code name} or {@code name{a="x",b="y"}}, with OpenMetrics escapes in values. */
  Labels parseLabels(String prefix) {
    builder.reset();
    int brace = prefix.indexOf('{');
    if (brace < 0) {
      return builder.set(Labels.METRIC_NAME, prefix).build();
    }
    builder.set(Labels.METRIC_NAME, prefix.substring(0, brace));
    int i = brace + 1;
    int n = prefix.length();
    StringBuilder value = new StringBuilder();
    while (i < n && prefix.charAt(i) != '}') {
      int eq = prefix.indexOf('=', i);
      if (eq < 0 || eq + 1 >= n || prefix.charAt(eq + 1) != '"') {
        throw new IllegalArgumentException("expected label=\"value\" at " + i + " of \"" + prefix + "\"");
      }
      String name = prefix.substring(i, eq);
      value.setLength(0);
      int j = eq + 2;
      for (; j < n && prefix.charAt(j) != '"'; j++) {
        char c = prefix.charAt(j);
        if (c == '\\' && j + 1 < n) {
          char e = prefix.charAt(++j);
          value.append(e == 'n' ? '\n' : e);
        } else {
          value.append(c);
        }
      }
      if (j >= n) {
        throw new IllegalArgumentException("unterminated label value in \"" + prefix + "\"");
      }
      builder.set(name, value.toString());
      i = j + 1;
      if (i < n && prefix.charAt(i) == ',') {
        i++;
      }
    }
    if (i >= n) {
      throw new IllegalArgumentException("expected \"}\" to end the labels of \"" + prefix + "\"");
    }
    return builder.build();
  }
}
