package io.hearth.tsdb.head;

import io.hearth.labels.Labels;
import io.hearth.tsdb.record.RecordType;
import io.hearth.tsdb.wal.RecordHandler;
import io.hearth.tsdb.wal.ReplaySummary;
import io.hearth.tsdb.wal.WalReplay;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Rebuilds a head from a WAL directory: series records recreate series under their references,
 * samples records re-append in log order. Records Hearth cannot represent yet (native histograms,
 * exemplars, metadata, tombstones) make replay fail with a message naming them, rather than be
 * dropped.
 */
public final class HeadReplay {
  private HeadReplay() {}

  /** Replays {@code walDir} (which may not exist) into {@code head}, before the head starts logging. */
  public static ReplayReport replay(Head head, Path walDir) throws IOException {
    long started = System.nanoTime();
    Handler h = new Handler(head);
    ReplaySummary summary = WalReplay.replay(walDir, head.symbols, h);
    h.finish();
    return new ReplayReport(summary, h.unknownRefs, h.rejected, head.numSeries(),
        (System.nanoTime() - started) / 1_000_000);
  }

  private static final class Handler implements RecordHandler {
    private final Head head;
    private final HeadOptions opts;
    // A WAL can name one series under two references (Prometheus writes a new record when a
    // series is recreated); the later reference maps to the series the first one created.
    private final Map<Long, MemSeries> aliases = new HashMap<>();
    private long minT = Long.MAX_VALUE;
    private long maxT = Long.MIN_VALUE;
    private long appended;
    long unknownRefs;
    long rejected;

    Handler(Head head) {
      this.head = head;
      this.opts = head.opts;
    }

    @Override
    public void series(long ref, Labels labels) {
      MemSeries s = head.createForReplay(ref, labels);
      s.isLogged = true;
      if (s.ref != ref) {
        aliases.put(ref, s);
      }
    }

    @Override
    public void sample(long ref, long t, double v) {
      MemSeries s = head.byRef(ref);
      if (s == null && !aliases.isEmpty()) {
        s = aliases.get(ref);
      }
      if (s == null) {
        unknownRefs++;
        return;
      }
      if (s.append(t, v, opts, head.arena, null)) {
        appended++;
        minT = Math.min(minT, t);
        maxT = Math.max(maxT, t);
      } else {
        rejected++;
      }
    }

    @Override
    public void tombstone(long ref, long minT, long maxT) {
      throw new UncheckedIOException(new IOException("cannot replay the WAL: it holds deletions (tombstones), which Hearth does not"
          + " apply yet; refusing to start rather than bring deleted samples back"));
    }

    @Override
    public void unhandled(RecordType type, int segment, long offset) throws IOException {
      throw new IOException(String.format(
          "cannot replay the WAL: segment %08d at offset %d holds a %s record, which Hearth does not"
              + " support yet; refusing to start rather than drop it", segment, offset, type));
    }

    void finish() {
      head.samplesAppended.add(appended);
      if (appended > 0) {
        head.observeTimes(minT, maxT);
      }
    }
  }
}
