package io.hearth.tsdb.record;

import io.hearth.labels.Labels;
import io.hearth.tsdb.io.ByteArrayBuilder;
import io.hearth.tsdb.io.ByteSlice;

/**
 * Encodes WAL records in Prometheus's layout (drawn in {@code docs/format/wal.md}):
 *
 * <pre>
 * SeriesRecord    --&gt; 0x01, { Ref:BE64, LabelCount:uvarint, { Name:string, Value:string }^LabelCount }*
 * SamplesRecord   --&gt; 0x02 [, BaseRef:BE64, BaseT:BE64, { RefDelta:varint, TDelta:varint, Value:BE64 }*]
 * TombstoneRecord --&gt; 0x03, { Ref:BE64, MinT:varint, MaxT:varint }*
 * string          --&gt; ByteCount:uvarint, UTF-8 bytes
 * </pre>
 *
 * <p>Deltas are taken against the first sample. Values are the raw IEEE 754 bits, so NaN payloads
 * such as the stale marker survive.
 *
 * <p>Not thread-safe. Every method reuses one buffer and returns a view of it, valid until the next
 * call on this encoder: a caller logging a series record and a samples record in one batch uses two
 * encoders. Once the buffer has grown to the working size, encoding allocates nothing.
 */
public final class RecordEncoder {
  private final ByteArrayBuilder buf = new ByteArrayBuilder(4096);

  /** Encodes a series record for {@code refs[0, n)} and {@code labels[0, n)}. */
  public ByteSlice series(long[] refs, Labels[] labels, int n) {
    checkCount(n, refs.length, labels.length);
    buf.reset().putByte(RecordType.SERIES.code());
    for (int i = 0; i < n; i++) {
      Labels ls = labels[i];
      buf.putBE64(refs[i]).putUvarint(ls.size());
      for (int j = 0; j < ls.size(); j++) {
        buf.putUvarintString(ls.name(j)).putUvarintString(ls.value(j));
      }
    }
    return buf.slice();
  }

  /** Encodes a samples record for {@code refs[0, n)}, {@code ts[0, n)} and {@code vs[0, n)}. */
  public ByteSlice samples(long[] refs, long[] ts, double[] vs, int n) {
    checkCount(n, refs.length, Math.min(ts.length, vs.length));
    buf.reset().putByte(RecordType.SAMPLES.code());
    if (n == 0) {
      return buf.slice(); // Prometheus writes no bases when there is nothing to delta against.
    }
    long baseRef = refs[0];
    long baseT = ts[0];
    buf.putBE64(baseRef).putBE64(baseT);
    for (int i = 0; i < n; i++) {
      buf.putVarint(refs[i] - baseRef).putVarint(ts[i] - baseT).putBE64(Double.doubleToRawLongBits(vs[i]));
    }
    return buf.slice();
  }

  /**
   * Encodes a tombstones record: series {@code refs[i]} lost its samples in {@code [minTs[i],
   * maxTs[i]]}. A series with several deleted intervals appears once per interval, as in Prometheus.
   */
  public ByteSlice tombstones(long[] refs, long[] minTs, long[] maxTs, int n) {
    checkCount(n, refs.length, Math.min(minTs.length, maxTs.length));
    buf.reset().putByte(RecordType.TOMBSTONES.code());
    for (int i = 0; i < n; i++) {
      buf.putBE64(refs[i]).putVarint(minTs[i]).putVarint(maxTs[i]);
    }
    return buf.slice();
  }

  private static void checkCount(int n, int len1, int len2) {
    if (n < 0 || n > len1 || n > len2) {
      throw new IllegalArgumentException("count must be in [0, " + Math.min(len1, len2) + "], got " + n);
    }
  }
}
