package io.hearth.server.metrics;

import io.hearth.tsdb.Db;
import io.hearth.tsdb.head.HeadStats;
import io.hearth.tsdb.head.ReplayReport;
import io.hearth.tsdb.wal.Wal;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Summary;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The storage's metrics, as Prometheus's {@code tsdb/head.go}, {@code tsdb/db.go} and {@code
 * tsdb/wlog/wlog.go} define them. Every value but the WAL's fsync summary is read from the head's
 * and WAL's own counters when scraped; before the TSDB is open the callback metrics have no sample.
 */
public final class TsdbMetrics {
  private final Summary fsyncDuration;

  /** @param reserved takes the counters whose names client_java refuses ({@code *_created_total}) */
  public TsdbMetrics(PrometheusRegistry registry, ReservedNameMetrics reserved, Supplier<Db> db) {
    // Head (tsdb/head.go).
    gauge(registry, db, "prometheus_tsdb_head_series", "Total number of series in the head block.",
        d -> d.head().numSeries());
    // The head never removes a series yet (no truncation), so every series it holds was created.
    reserved.counter("prometheus_tsdb_head_series_created_total", "Total number of series created in the head",
        read(db, d -> d.head().numSeries()));
    gauge(registry, db, "prometheus_tsdb_head_chunks", "Total number of chunks in the head block.",
        d -> stats(d).chunksCreated());
    reserved.counter("prometheus_tsdb_head_chunks_created_total", "Total number of chunks created in the head",
        read(db, d -> stats(d).chunksCreated()));
    gauge(registry, db, "prometheus_tsdb_head_active_appenders", "Number of currently active appender transactions",
        d -> stats(d).activeAppenders());
    reserved.counter("prometheus_tsdb_head_appenders_created_total", "Total number of appender transactions created.",
        read(db, d -> stats(d).appendersCreated()));
    typed(registry, db, "prometheus_tsdb_head_samples_appended_total", "Total number of appended samples.",
        // Prometheus counts commits, not WAL replay; Hearth has no native histograms yet.
        (d, cb) -> {
          cb.accept(new Typed(stats(d).samplesCommitted(), "float"));
          cb.accept(new Typed(0, "histogram"));
        });
    typed(registry, db, "prometheus_tsdb_out_of_order_samples_total",
        "Total number of out of order samples ingestion failed attempts due to out of order being disabled.",
        (d, cb) -> {
          cb.accept(new Typed(stats(d).outOfOrder(), "float"));
          cb.accept(new Typed(0, "histogram"));
        });
    gauge(registry, db, "prometheus_tsdb_head_min_time",
        "Minimum time bound of the head block. The unit is decided by the library consumer.", d -> d.head().minTime());
    gauge(registry, db, "prometheus_tsdb_head_max_time",
        "Maximum timestamp of the head block. The unit is decided by the library consumer.", d -> d.head().maxTime());
    // cmd/prometheus divides the milliseconds as integers before converting, and so do we.
    gauge(registry, db, "prometheus_tsdb_head_min_time_seconds", "Minimum time bound of the head block.",
        d -> d.head().minTime() / 1000);
    gauge(registry, db, "prometheus_tsdb_head_max_time_seconds", "Maximum timestamp of the head block.",
        d -> d.head().maxTime() / 1000);
    // The oldest block's minimum, else the head's (db.go).
    gauge(registry, db, "prometheus_tsdb_lowest_timestamp",
        "Lowest timestamp value stored in the database. The unit is decided by the library consumer.",
        TsdbMetrics::lowestTimestamp);
    gauge(registry, db, "prometheus_tsdb_lowest_timestamp_seconds", "Lowest timestamp value stored in the database.",
        d -> lowestTimestamp(d) / 1000);
    gauge(registry, db, "prometheus_tsdb_data_replay_duration_seconds", "Time taken to replay the data on disk.",
        d -> replay(d).millis() / 1e3);
    // Prometheus counts a corruption when opening the head finds one and repairs the WAL.
    counter(registry, db, "prometheus_tsdb_wal_corruptions_total", "Total number of WAL corruptions.",
        d -> replay(d).isRepaired() ? 1 : 0);

    // Blocks (tsdb/db.go): those opened at start; Hearth does not cut or compact blocks yet.
    gauge(registry, db, "prometheus_tsdb_blocks_loaded", "Number of currently loaded data blocks",
        d -> d.blocks().size());
    gauge(registry, db, "prometheus_tsdb_storage_blocks_bytes",
        "The number of bytes that are currently used for local storage by all blocks.", TsdbMetrics::blocksBytes);
    gauge(registry, db, "prometheus_tsdb_symbol_table_size_bytes", "Size of symbol table in memory for loaded blocks",
        d -> 0);

    // WAL (tsdb/wlog/wlog.go).
    fsyncDuration = Summary.builder()
        .name("prometheus_tsdb_wal_fsync_duration_seconds")
        .help("Duration of write log fsync.")
        .quantile(0.5, 0.05)
        .quantile(0.9, 0.01)
        .quantile(0.99, 0.001)
        .register(registry);
    counter(registry, db, "prometheus_tsdb_wal_page_flushes_total", "Total number of page flushes.",
        d -> d.wal().pageFlushes());
    counter(registry, db, "prometheus_tsdb_wal_completed_pages_total", "Total number of completed pages.",
        d -> d.wal().completedPages());
    counter(registry, db, "prometheus_tsdb_wal_writes_failed_total", "Total number of write log writes that failed.",
        d -> d.wal().writesFailed());
    gauge(registry, db, "prometheus_tsdb_wal_segment_current",
        "Write log segment index that TSDB is currently writing to.", d -> d.wal().lastSegment());
    gauge(registry, db, "prometheus_tsdb_wal_storage_size_bytes", "Size of the write log directory.",
        d -> walSize(d.wal()));
  }

  /** Times the fsyncs of {@code db}'s WAL from now on; called once the TSDB is open. */
  public void attach(Db db) {
    db.wal().observeFsyncs(nanos -> fsyncDuration.observe(nanos / 1e9));
  }

  /** {@code f} of the open TSDB, or -1 (no sample) before it opens. */
  private static java.util.function.LongSupplier read(Supplier<Db> db, java.util.function.ToLongFunction<Db> f) {
    return () -> {
      Db d = db.get();
      return d == null ? -1 : f.applyAsLong(d);
    };
  }

  private static HeadStats stats(Db d) {
    return d.head().stats();
  }

  private static ReplayReport replay(Db d) {
    return d.replayReport();
  }

  private static long walSize(Wal wal) {
    try {
      return wal.storageSizeBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot measure the WAL directory " + wal.dir(), e);
    }
  }

  private static void gauge(PrometheusRegistry r, Supplier<Db> db, String name, String help, ToDoubleFunction<Db> f) {
    GaugeWithCallback.builder().name(name).help(help).callback(cb -> {
      Db d = db.get();
      if (d != null) {
        cb.call(f.applyAsDouble(d));
      }
    }).register(r);
  }

  private static void counter(PrometheusRegistry r, Supplier<Db> db, String name, String help, ToDoubleFunction<Db> f) {
    CounterWithCallback.builder().name(name).help(help).callback(cb -> {
      Db d = db.get();
      if (d != null) {
        cb.call(f.applyAsDouble(d));
      }
    }).register(r);
  }

  /** One value of a counter labelled by sample {@code type}. */
  private record Typed(double value, String type) {}

  private static void typed(PrometheusRegistry r, Supplier<Db> db, String name, String help,
      java.util.function.BiConsumer<Db, Consumer<Typed>> f) {
    CounterWithCallback.builder().name(name).help(help).labelNames("type").callback(cb -> {
      Db d = db.get();
      if (d != null) {
        f.accept(d, t -> cb.call(t.value(), t.type()));
      }
    }).register(r);
  }

  private static long lowestTimestamp(Db d) {
    long min = d.head().minTime();
    for (io.hearth.tsdb.block.Block b : d.blocks()) {
      min = Math.min(min, b.meta().minT());
    }
    return min;
  }

  /** The bytes of every file of every loaded block, read when scraped (a few files per block). */
  private static long blocksBytes(Db d) {
    long total = 0;
    for (io.hearth.tsdb.block.Block b : d.blocks()) {
      try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(b.dir())) {
        for (java.nio.file.Path f : (Iterable<java.nio.file.Path>) files::iterator) {
          if (java.nio.file.Files.isRegularFile(f)) {
            total += java.nio.file.Files.size(f);
          }
        }
      } catch (java.io.IOException e) {
        // A block being read elsewhere: count what could be read.
      }
    }
    return total;
  }
}
