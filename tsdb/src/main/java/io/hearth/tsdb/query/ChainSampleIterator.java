package io.hearth.tsdb.query;

import io.hearth.storage.SampleIterator;
import io.hearth.storage.ValueType;

/**
 * The samples of one series kept in several places (blocks, the head) as one stream in time
 * order. Where two places hold a sample with the same timestamp, the first place's is kept and
 * the others skipped, as Prometheus's chained merge keeps the first it meets; places are given in
 * block order with the head last, so a block's sample wins over a replayed copy.
 *
 * <p>The places are few (the blocks overlapping a query, plus the head), so each step scans them
 * linearly rather than keeping a heap; nothing is allocated per sample. Reusable through {@link
 * #reset}. Not thread-safe.
 */
public final class ChainSampleIterator implements SampleIterator {
  private SampleIterator[] its;
  /** Per place: whether it is positioned on a sample; false before its first move and once exhausted. */
  private boolean[] live;
  private boolean[] done;
  private boolean started;
  private int current = -1;
  private long t;
  private double v;

  public ChainSampleIterator(SampleIterator[] its) {
    reset(its);
  }

  /** Starts over on {@code its}, keeping this object (and its arrays when the count matches). */
  public ChainSampleIterator reset(SampleIterator[] its) {
    this.its = its;
    if (live == null || live.length != its.length) {
      live = new boolean[its.length];
      done = new boolean[its.length];
    } else {
      java.util.Arrays.fill(live, false);
      java.util.Arrays.fill(done, false);
    }
    started = false;
    current = -1;
    return this;
  }

  /** The places this iterator reads, for a caller that reuses their iterators. */
  public SampleIterator[] places() {
    return its;
  }

  @Override
  public ValueType next() {
    if (!started) {
      started = true;
      for (int i = 0; i < its.length; i++) {
        advance(i);
      }
    } else if (current >= 0) {
      // Everything at the sample just returned is behind us, duplicates included.
      long last = t;
      for (int i = 0; i < its.length; i++) {
        if (live[i] && its[i].t() <= last) {
          advance(i);
        }
      }
    } else {
      return ValueType.NONE;
    }
    return pick();
  }

  @Override
  public ValueType seek(long target) {
    if (started && current >= 0 && t >= target) {
      return ValueType.FLOAT;
    }
    if (started && current < 0) {
      return ValueType.NONE;
    }
    started = true;
    for (int i = 0; i < its.length; i++) {
      if (done[i] || (live[i] && its[i].t() >= target)) {
        continue;
      }
      if (its[i].seek(target) == ValueType.NONE) {
        live[i] = false;
        done[i] = true;
      } else {
        live[i] = true;
      }
    }
    return pick();
  }

  private void advance(int i) {
    if (done[i]) {
      return;
    }
    if (its[i].next() == ValueType.NONE) {
      live[i] = false;
      done[i] = true;
    } else {
      live[i] = true;
    }
  }

  /** Positions on the earliest sample among the places; ties go to the earliest place. */
  private ValueType pick() {
    current = -1;
    for (int i = 0; i < its.length; i++) {
      if (live[i] && (current < 0 || its[i].t() < t)) {
        current = i;
        t = its[i].t();
      }
    }
    if (current < 0) {
      return ValueType.NONE;
    }
    v = its[current].v();
    return ValueType.FLOAT;
  }

  @Override
  public long t() {
    return t;
  }

  @Override
  public double v() {
    return v;
  }
}
