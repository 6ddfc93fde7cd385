package io.hearth.tsdb.record;

import io.hearth.labels.Labels;
import io.hearth.labels.LabelsBuilder;
import io.hearth.labels.SymbolTable;
import io.hearth.tsdb.io.ByteDecoder;
import io.hearth.tsdb.io.DecodeException;

/**
 * Decodes the WAL records {@link RecordEncoder} writes (and Prometheus writes), handing each entry to
 * a consumer as it is read.
 *
 * <p>Label names and values are interned through the {@link SymbolTable} given at construction.
 * Decoding samples and tombstones allocates nothing. Malformed input throws {@link DecodeException}
 * whose message names the record type, the entry and the offset inside the record; entries before
 * the bad one have already been handed to the consumer by then.
 *
 * <p>Not thread-safe: each replaying thread uses its own decoder.
 */
public final class RecordDecoder {
  private final SymbolTable symbols;
  private final ByteDecoder dec = new ByteDecoder();
  private final LabelsBuilder builder = new LabelsBuilder();

  public RecordDecoder(SymbolTable symbols) {
    this.symbols = symbols;
  }

  /** The type of a record, {@link RecordType#UNKNOWN} for an empty record or an unknown code. */
  public static RecordType type(byte[] rec, int off, int len) {
    return len < 1 ? RecordType.UNKNOWN : RecordType.of(rec[off]);
  }

  public void series(byte[] rec, int off, int len, SeriesConsumer c) {
    start(rec, off, len, RecordType.SERIES);
    int i = 0;
    try {
      for (; dec.hasRemaining(); i++) {
        long ref = dec.getBE64();
        int count = dec.getUvarintInt("label count");
        builder.reset();
        for (int j = 0; j < count; j++) {
          String name = dec.getUvarintString();
          String value = dec.getUvarintString();
          if (name.isEmpty()) {
            throw new DecodeException(dec.position(), "label " + j + " has an empty name");
          }
          builder.set(symbols.intern(name), symbols.intern(value));
        }
        c.accept(ref, builder.build());
      }
    } catch (DecodeException e) {
      throw malformed(RecordType.SERIES, "series", i, e);
    }
  }

  public void samples(byte[] rec, int off, int len, SampleConsumer c) {
    start(rec, off, len, RecordType.SAMPLES);
    if (dec.hasRemaining() == false) {
      return;
    }
    int i = 0;
    try {
      long baseRef = dec.getBE64();
      long baseT = dec.getBE64();
      for (; dec.hasRemaining(); i++) {
        long ref = baseRef + dec.getVarint();
        long t = baseT + dec.getVarint();
        c.accept(ref, t, Double.longBitsToDouble(dec.getBE64()));
      }
    } catch (DecodeException e) {
      throw malformed(RecordType.SAMPLES, "sample", i, e);
    }
  }

  public void tombstones(byte[] rec, int off, int len, TombstoneConsumer c) {
    start(rec, off, len, RecordType.TOMBSTONES);
    int i = 0;
    try {
      for (; dec.hasRemaining(); i++) {
        long ref = dec.getBE64();
        long minT = dec.getVarint();
        long maxT = dec.getVarint();
        c.accept(ref, minT, maxT);
      }
    } catch (DecodeException e) {
      throw malformed(RecordType.TOMBSTONES, "tombstone", i, e);
    }
  }

  private void start(byte[] rec, int off, int len, RecordType want) {
    RecordType got = type(rec, off, len);
    if (got != want) {
      String what;
      if (len < 1) {
        what = "an empty record";
      } else if (got == RecordType.UNKNOWN) {
        what = "a record with unknown type code " + (rec[off] & 0xFF);
      } else {
        what = "a " + got + " record";
      }
      throw new DecodeException(0, "cannot decode " + want + " record: got " + what);
    }
    dec.reset(rec, off, len);
    dec.skip(1);
  }

  private static DecodeException malformed(RecordType type, String entry, int i, DecodeException e) {
    // Offsets are counted from the record's first byte (its type), as a hex dump of the record shows them.
    return new DecodeException(e.offset(), "cannot decode " + type + " record: " + entry + " " + i + ": " + e.getMessage());
  }
}
