package io.hearth.tsdb.wal;

import io.hearth.tsdb.io.ByteSlice;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Shared helpers for the WAL tests. */
final class WalTesting {
  private WalTesting() {}

  /** A record as read back, with where it was. */
  record Read(int segment, long offset, long endOffset, byte[] data, boolean isCompressed) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Read r && r.segment == segment && r.offset == offset && r.endOffset == endOffset && Arrays.equals(r.data, data) && r.isCompressed == isCompressed;
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(data);
    }

    @Override
    public String toString() {
      return "Read[segment=" + segment + ", offset=" + offset + ", end=" + endOffset + ", length=" + data.length + "]";
    }
  }

  static List<Read> readAll(Path dir) throws IOException {
    List<Read> out = new ArrayList<>();
    try (WalReader r = WalReader.open(dir)) {
      while (r.next()) {
        out.add(new Read(r.segment(), r.offset(), r.endOffset(), Arrays.copyOf(r.record(), r.recordLength()), r.isCompressed()));
      }
    }
    return out;
  }

  static List<byte[]> data(List<Read> reads) {
    return reads.stream().map(Read::data).toList();
  }

  /** Random bytes; compressible ones (runs of a few symbols) when {@code isCompressible}. */
  static byte[] record(Random rnd, int length, boolean isCompressible) {
    byte[] b = new byte[length];
    if (isCompressible) {
      for (int i = 0; i < length; i++) {
        b[i] = (byte) ('a' + (i / 7 + rnd.nextInt(2)) % 4);
      }
    } else {
      rnd.nextBytes(b);
    }
    return b;
  }

  static void log(Wal wal, byte[]... records) throws IOException {
    ByteSlice[] slices = new ByteSlice[records.length];
    for (int i = 0; i < records.length; i++) {
      slices[i] = ByteSlice.of(records[i]);
    }
    wal.log(slices);
  }

  static long seed(String test) {
    long seed = System.nanoTime();
    System.out.println(test + " seed " + seed);
    return seed;
  }
}
