package io.hearth.scrape.loop;

import io.hearth.labels.Labels;
import io.hearth.storage.Appender;
import io.hearth.storage.SampleRejectedException;
import io.hearth.storage.StaleMarker;

/**
 * The synthetic series every scrape writes beside the target's own: {@code up}, {@code
 * scrape_duration_seconds}, {@code scrape_samples_scraped}, {@code
 * scrape_samples_post_metric_relabeling}, {@code scrape_series_added}, and with
 * {@code extra_scrape_metrics} also {@code scrape_timeout_seconds}, {@code scrape_sample_limit}
 * and {@code scrape_body_size_bytes}. They carry the target's labels, which win over nothing:
 * these names are never exposed labels.
 */
final class ScrapeReport {
  static final String[] NAMES = {
    "up",
    "scrape_duration_seconds",
    "scrape_samples_scraped",
    "scrape_samples_post_metric_relabeling",
    "scrape_series_added",
    "scrape_timeout_seconds",
    "scrape_sample_limit",
    "scrape_body_size_bytes",
  };
  private static final int BASIC = 5;

  private final Labels[] labels;
  private final long[] refs;
  private final int count;
  private final double[] values;

  ScrapeReport(Labels targetLabels, boolean extraMetrics) {
    count = extraMetrics ? NAMES.length : BASIC;
    labels = new Labels[count];
    refs = new long[count];
    values = new double[count];
    for (int i = 0; i < count; i++) {
      labels[i] = SampleLabels.mutateReport(Labels.of(Labels.METRIC_NAME, NAMES[i]), targetLabels);
    }
  }

  void append(
      Appender app,
      long t,
      boolean up,
      double durationSeconds,
      ScrapeLoop.AppendResult result,
      double timeoutSeconds,
      long sampleLimit,
      int bodyBytes) {
    values[0] = up ? 1 : 0;
    values[1] = durationSeconds;
    values[2] = result.total();
    values[3] = result.added();
    values[4] = result.seriesAdded();
    if (count > BASIC) {
      values[5] = timeoutSeconds;
      values[6] = sampleLimit;
      values[7] = bodyBytes;
    }
    for (int i = 0; i < count; i++) {
      write(app, i, t, values[i]);
    }
  }

  /** Marks the report series stale when the target goes away. */
  void appendStale(Appender app, long t) {
    for (int i = 0; i < count; i++) {
      write(app, i, t, StaleMarker.VALUE);
    }
  }

  private void write(Appender app, int i, long t, double v) {
    try {
      refs[i] = app.append(refs[i], labels[i], t, v);
    } catch (SampleRejectedException e) {
      // Only possible when a newer loop for the same target already reported at a later time.
    }
  }
}
