package io.hearth.tsdb.wal;

import io.hearth.labels.Labels;
import io.hearth.labels.SymbolTable;
import io.hearth.tsdb.io.DecodeException;
import io.hearth.tsdb.record.RecordDecoder;
import io.hearth.tsdb.record.RecordType;
import io.hearth.tsdb.record.SampleConsumer;
import io.hearth.tsdb.record.SeriesConsumer;
import io.hearth.tsdb.record.TombstoneConsumer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Replays a WAL directory into a {@link RecordHandler}: reads every record, decodes series, samples
 * and tombstones, and reports the other record types. A damaged tail, or a record that passes its
 * checksum but does not decode, is cut with {@link Wal#repair} and reported in the summary; what came
 * before it has been replayed by then.
 *
 * <p>Entries reach the handler as they are decoded, so when a record turns out malformed part-way,
 * its earlier entries have been handed over although the repair cuts the record; that takes a
 * writer bug, since the record passed its checksum.
 *
 * <p>Call it before {@link Wal#open} on the same directory. Each call uses its own reader and decoder,
 * so calls on different directories may run concurrently.
 */
public final class WalReplay {
  private WalReplay() {}

  public static ReplaySummary replay(Path dir, SymbolTable symbols, RecordHandler handler) throws IOException {
    Dispatcher d = new Dispatcher(handler);
    if (Files.isDirectory(dir) == false) {
      return d.summary(Optional.empty());
    }
    RecordDecoder decoder = new RecordDecoder(symbols);
    CorruptWalException damage = null;
    try (WalReader r = WalReader.open(dir)) {
      while (r.next()) {
        d.records++;
        byte[] rec = r.record();
        int len = r.recordLength();
        RecordType type = RecordDecoder.type(rec, 0, len);
        try {
          switch (type) {
            case SERIES -> decoder.series(rec, 0, len, d);
            case SAMPLES -> decoder.samples(rec, 0, len, d);
            case TOMBSTONES -> decoder.tombstones(rec, 0, len, d);
            default -> {
              d.unhandled++;
              handler.unhandled(type, r.segment(), r.offset());
            }
          }
        } catch (DecodeException e) {
          // The record passed its checksum, so the writer wrote it this way; nothing after it can be
          // trusted either, which is how Prometheus treats it too.
          damage = new CorruptWalException(r.file(), r.segment(), r.offset(), "record at offset " + r.offset() + ": " + e.getMessage(), e);
          break;
        }
      }
    } catch (CorruptWalException e) {
      damage = e;
    }
    if (damage == null) {
      return d.summary(Optional.empty());
    }
    return d.summary(Optional.of(Wal.repair(dir, damage)));
  }

  /** Counts what it forwards; one object serves as all three consumers so replay allocates nothing per entry. */
  private static final class Dispatcher implements SeriesConsumer, SampleConsumer, TombstoneConsumer {
    private final RecordHandler handler;
    long records;
    long series;
    long samples;
    long tombstones;
    long unhandled;

    Dispatcher(RecordHandler handler) {
      this.handler = handler;
    }

    @Override
    public void accept(long ref, Labels labels) {
      series++;
      handler.series(ref, labels);
    }

    @Override
    public void accept(long ref, long t, double v) {
      samples++;
      handler.sample(ref, t, v);
    }

    @Override
    public void accept(long ref, long minT, long maxT) {
      tombstones++;
      handler.tombstone(ref, minT, maxT);
    }

    ReplaySummary summary(Optional<WalRepair> repair) {
      return new ReplaySummary(records, series, samples, tombstones, unhandled, repair);
    }
  }
}
