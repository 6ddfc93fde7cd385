package io.hearth.server.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The few metrics whose Prometheus names client_java refuses: it reserves the suffixes {@code
 * _created} (so no counter may be called {@code prometheus_tsdb_head_series_created_total}) and
 * {@code _info} (so no gauge may be called {@code prometheus_build_info}). They are written here,
 * by hand, after client_java's families, in the Prometheus text or OpenMetrics format that the
 * scrape negotiated. Values are integers, read when scraped. Thread-safe once built.
 */
public final class ReservedNameMetrics {
  /** One family with one sample. */
  private record Family(String name, String help, boolean isCounter, String labels, LongSupplier value) {}

  private final List<Family> families = new ArrayList<>();

  /**
   * Adds a counter.
   *
   * @param name the full name, ending in {@code _total}
   * @param value read at each scrape; a negative value means "not yet", and the family is skipped
   */
  public synchronized void counter(String name, String help, LongSupplier value) {
    if (!name.endsWith("_total")) {
      throw new IllegalArgumentException("a counter's name must end in _total, got " + name);
    }
    families.add(new Family(name, help, true, "", value));
  }

  /** Adds a gauge of constant 1 with the given label pairs (name, value, name, value, ...). */
  public synchronized void constantGauge(String name, String help, String... labelPairs) {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < labelPairs.length; i += 2) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(labelPairs[i]).append("=\"").append(escapeLabelValue(labelPairs[i + 1])).append('"');
    }
    families.add(new Family(name, help, false, sb.append('}').toString(), () -> 1));
  }

  /** Writes every family whose value is known; {@code openMetrics} picks the format. */
  public void write(OutputStream out, boolean openMetrics) throws IOException {
    List<Family> fs;
    synchronized (this) {
      fs = List.copyOf(families);
    }
    StringBuilder sb = new StringBuilder();
    for (Family f : fs) {
      long v = f.value().getAsLong();
      if (v < 0) {
        continue;
      }
      String type = f.isCounter() ? "counter" : "gauge";
      // OpenMetrics names a counter's family without _total and puts TYPE first.
      String family = openMetrics && f.isCounter() ? f.name().substring(0, f.name().length() - "_total".length()) : f.name();
      if (openMetrics) {
        sb.append("# TYPE ").append(family).append(' ').append(type).append('\n');
        sb.append("# HELP ").append(family).append(' ').append(escapeHelp(f.help())).append('\n');
      } else {
        sb.append("# HELP ").append(family).append(' ').append(escapeHelp(f.help())).append('\n');
        sb.append("# TYPE ").append(family).append(' ').append(type).append('\n');
      }
      sb.append(f.name()).append(f.labels().equals("{}") ? "" : f.labels()).append(' ').append(v).append('\n');
    }
    out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static String escapeHelp(String s) {
    return s.replace("\\", "\\\\").replace("\n", "\\n");
  }

  private static String escapeLabelValue(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
