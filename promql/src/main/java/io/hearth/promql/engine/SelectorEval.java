package io.hearth.promql.engine;

import io.hearth.labels.Labels;
import io.hearth.labels.Matcher;
import io.hearth.promql.ast.MatrixSelector;
import io.hearth.promql.ast.VectorSelector;
import io.hearth.storage.SampleIterator;
import io.hearth.storage.Series;
import io.hearth.storage.SeriesSet;
import io.hearth.storage.StaleMarker;
import java.util.ArrayList;
import java.util.List;

/** Instant and range selectors: select the series once, decode each once, walk the steps. */
final class SelectorEval {
  private SelectorEval() {}

  static SeriesSet select(Evaluator ev, VectorSelector vs) {
    return ev.ctx.querier.select(false, vs.matchers().toArray(new Matcher[0]));
  }

  /**
   * An instant selector over every step: the newest sample in {@code (t - lookback, t]} at each
   * step's reference time, unless that sample is a stale marker.
   *
   * @param timestamps whether to yield the sample's timestamp in seconds (for {@code timestamp()})
   *     instead of its value
   */
  static StepMatrix vector(Evaluator ev, VectorSelector vs, boolean timestamps) {
    StepMatrix out = new StepMatrix(ev.numSteps, 16);
    if (ev.numSteps == 0) {
      return out;
    }
    InstantWalk walk = new InstantWalk(ev, vs, timestamps);
    SeriesSet set = select(ev, vs);
    long span = walk.lastRef - walk.firstRef + walk.lookback;
    long total = 0;
    SampleBuffer buf = new SampleBuffer();
    SampleIterator it = null;
    // Batches bound what is held at once: each drained series carries a chunk snapshot.
    for (List<Series> all = drain(ev, set); !all.isEmpty(); all = drain(ev, set)) {
      if (QueryWorkers.isWorthIt((long) all.size() * (ev.numSteps + span / 15_000))) {
        StepSeries[] results = new StepSeries[all.size()];
        List<Series> batch = all;
        QueryWorkers.forEach(
            all.size(),
            (from, to) -> {
              SampleBuffer b = new SampleBuffer();
              SampleIterator i2 = null;
              for (int i = from; i < to; i++) {
                ev.ctx.checkInterruptedFromWorker();
                i2 = batch.get(i).iterator(i2);
                results[i] = walk.series(batch.get(i).labels(), i2, b);
              }
            });
        for (StepSeries s : results) {
          if (s != null) {
            out.add(s);
            total += s.count;
            ev.ctx.addSamples(s.count);
          }
        }
      } else {
        // On one thread the sample budget is charged series by series, so an oversized
        // selection stops early instead of being built first.
        for (int i = 0; i < all.size(); i++) {
          ev.ctx.checkInterrupted();
          it = all.get(i).iterator(it);
          StepSeries s = walk.series(all.get(i).labels(), it, buf);
          if (s != null) {
            out.add(s);
            total += s.count;
            ev.ctx.addSamples(s.count);
          }
        }
      }
    }
    ev.ctx.addQueryable(total);
    return out;
  }

  /**
   * Up to {@link QueryWorkers#BATCH} more selected series, in selection order; empty when none is
   * left. Each is snapshotted as it is reached, so the batch can be decoded later, from any thread.
   */
  static List<Series> drain(Evaluator ev, SeriesSet set) {
    List<Series> batch = new ArrayList<>();
    while (batch.size() < QueryWorkers.BATCH && set.next()) {
      ev.ctx.checkInterrupted();
      batch.add(set.at());
    }
    return batch;
  }

  /**
   * An instant selector over every step: the newest sample in {@code (t - lookback, t]} at each
   * step's reference time, unless that sample is a stale marker. Read-only once built, so worker
   * threads share it.
   */
  private static final class InstantWalk {
    private final Evaluator ev;
    private final long offset;
    private final boolean hasAt;
    private final long atRef;
    final long firstRef;
    final long lastRef;
    final long lookback;
    /** Whether to yield the sample's timestamp in seconds (for {@code timestamp()}). */
    private final boolean timestamps;

    InstantWalk(Evaluator ev, VectorSelector vs, boolean timestamps) {
      this.ev = ev;
      this.offset = vs.offsetMs();
      this.hasAt = vs.at() != null;
      this.atRef = hasAt ? ev.atTime(vs.at()) - offset : 0;
      this.firstRef = hasAt ? atRef : ev.start - offset;
      this.lastRef = hasAt ? atRef : ev.end - offset;
      this.lookback = ev.ctx.opts.lookbackDeltaMs();
      this.timestamps = timestamps;
    }

    /** The series' value at every step, or null if it has none; decodes through {@code buf}. */
    StepSeries series(Labels labels, SampleIterator it, SampleBuffer buf) {
      buf.load(it, firstRef - lookback + 1, lastRef, false);
      if (buf.n == 0) {
        return null;
      }
      StepSeries s = null;
      int idx = -1;
      for (int step = 0; step < ev.numSteps; step++) {
        long ref = hasAt ? atRef : ev.stepTime(step) - offset;
        while (idx + 1 < buf.n && buf.t[idx + 1] <= ref) {
          idx++;
        }
        if (idx < 0 || buf.t[idx] <= ref - lookback || StaleMarker.isStale(buf.v[idx])) {
          continue;
        }
        if (s == null) {
          s = new StepSeries(labels, false, ev.numSteps);
        }
        s.set(step, timestamps ? buf.t[idx] / 1000.0 : buf.v[idx]);
      }
      return s;
    }
  }

  /** A bare range selector as an instant query's result: the samples in its window. */
  static List<FloatSeries> matrix(Evaluator ev, MatrixSelector m) {
    VectorSelector vs = m.selector();
    long ref = (vs.at() != null ? ev.atTime(vs.at()) : ev.start) - vs.offsetMs();
    SeriesSet set = select(ev, vs);
    SampleBuffer buf = new SampleBuffer();
    SampleIterator it = null;
    List<FloatSeries> out = new ArrayList<>();
    while (set.next()) {
      ev.ctx.checkInterrupted();
      Series series = set.at();
      it = series.iterator(it);
      buf.load(it, ref - m.rangeMs() + 1, ref, true);
      if (buf.n > 0) {
        ev.ctx.addSamples(buf.n);
        ev.ctx.addQueryable(buf.n);
        out.add(new FloatSeries(series.labels(), buf.t, buf.v, buf.n));
      }
    }
    return out;
  }
}
