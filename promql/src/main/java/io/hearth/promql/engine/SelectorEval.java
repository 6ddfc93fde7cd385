package io.hearth.promql.engine;

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
    boolean hasAt = vs.at() != null;
    long atRef = hasAt ? ev.atTime(vs.at()) - vs.offsetMs() : 0;
    long firstRef = hasAt ? atRef : ev.start - vs.offsetMs();
    long lastRef = hasAt ? atRef : ev.end - vs.offsetMs();
    long lookback = ev.ctx.opts.lookbackDeltaMs();
    SeriesSet set = select(ev, vs);
    SampleBuffer buf = new SampleBuffer();
    SampleIterator it = null;
    long total = 0;
    while (set.next()) {
      ev.ctx.checkInterrupted();
      Series series = set.at();
      it = series.iterator(it);
      buf.load(it, firstRef - lookback + 1, lastRef, false);
      if (buf.n == 0) {
        continue;
      }
      StepSeries s = null;
      int idx = -1;
      for (int step = 0; step < ev.numSteps; step++) {
        long ref = hasAt ? atRef : ev.stepTime(step) - vs.offsetMs();
        while (idx + 1 < buf.n && buf.t[idx + 1] <= ref) {
          idx++;
        }
        if (idx < 0 || buf.t[idx] <= ref - lookback || StaleMarker.isStale(buf.v[idx])) {
          continue;
        }
        if (s == null) {
          s = out.newSeries(series.labels(), false);
        }
        s.set(step, timestamps ? buf.t[idx] / 1000.0 : buf.v[idx]);
      }
      if (s != null) {
        total += s.count;
        ev.ctx.addSamples(s.count);
      }
    }
    ev.ctx.addQueryable(total);
    return out;
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
