package io.hearth.tsdb.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BitReaderTest {
  @Test
  void readsWhatTheWriterWrote() {
    SplittableRandom r = Seeds.random("readsWhatTheWriterWrote");
    for (int round = 0; round < 500; round++) {
      int count = r.nextInt(0, 200);
      long[] values = new long[count];
      int[] widths = new int[count];
      BitWriter w = new BitWriter(0, 16);
      for (int i = 0; i < count; i++) {
        widths[i] = r.nextInt(1, 65);
        values[i] = r.nextLong() & (-1L >>> (64 - widths[i]));
        w.ensureCapacity(8);
        w.writeBits(values[i], widths[i]);
      }
      w.flush();
      // Read from the middle of a larger array whose other bytes are garbage.
      byte[] buf = new byte[w.length() + 20];
      Arrays.fill(buf, (byte) 0xFF);
      System.arraycopy(w.buffer(), 0, buf, 7, w.length());
      BitReader in = new BitReader().reset(buf, 7, w.length());
      for (int i = 0; i < count; i++) {
        assertThat(in.readBits(widths[i])).as("value %d of width %d", i, widths[i]).isEqualTo(values[i]);
      }
      // Only padding is left, which is zero; beyond it the reader must not read the 0xFF bytes.
      while (true) {
        try {
          assertThat(in.readBit()).isZero();
        } catch (CorruptChunkException e) {
          assertThat(e).hasMessageStartingWith("truncated bit stream");
          break;
        }
      }
    }
  }

  @Test
  void varintsRoundTrip() {
    long[] values = {0, 1, -1, 63, 64, 127, 128, 300, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 62, -(1L << 62)};
    BitWriter w = new BitWriter(0, 16);
    for (long v : values) {
      w.ensureCapacity(20);
      w.writeBit(true); // varints need not be byte-aligned
      w.writeVarint(v);
      w.writeUvarint(v);
    }
    w.flush();
    BitReader in = new BitReader().reset(w.buffer(), 0, w.length());
    for (long v : values) {
      assertThat(in.readBit()).isOne();
      assertThat(in.readVarint()).isEqualTo(v);
      assertThat(in.readUvarint()).isEqualTo(v);
    }
  }

  @Test
  void rejectsVarintsLongerThan64Bits() {
    byte[] b = HexFormat.of().parseHex("ffffffffffffffffff02");
    assertThatThrownBy(() -> new BitReader().reset(b, 0, b.length).readUvarint())
        .isInstanceOf(CorruptChunkException.class)
        .hasMessage("varint overflows 64 bits at byte 9");
    byte[] eleven = HexFormat.of().parseHex("ffffffffffffffffff8001");
    assertThatThrownBy(() -> new BitReader().reset(eleven, 0, eleven.length).readUvarint())
        .isInstanceOf(CorruptChunkException.class);
  }

  @Test
  void readsUnaryCodes() {
    // 0 10 110 1111 1110 | 11 (max 2) 0, then padding.
    byte[] b = {(byte) 0b0101_1011, (byte) 0b1111_1011, (byte) 0b0000_0000};
    BitReader in = new BitReader().reset(b, 0, b.length);
    assertThat(in.readOnes(4)).isZero();
    assertThat(in.readOnes(4)).isEqualTo(1);
    assertThat(in.readOnes(4)).isEqualTo(2);
    assertThat(in.readOnes(4)).isEqualTo(4);
    assertThat(in.readOnes(4)).isEqualTo(3);
    assertThat(in.bytePosition()).isEqualTo(1);
    assertThat(in.readOnes(2)).isEqualTo(2);
    assertThat(in.readOnes(2)).isZero();
  }

  @Test
  void truncatedUnaryCodeFails() {
    byte[] b = {(byte) 0xFF};
    BitReader in = new BitReader().reset(b, 0, 1);
    assertThat(in.readOnes(4)).isEqualTo(4);
    assertThatThrownBy(() -> in.readOnes(8))
        .isInstanceOf(CorruptChunkException.class)
        .hasMessage("truncated bit stream: need 5 bits at byte 0 of 1, only 4 left");
  }

  @Test
  void readsSixtyFourBitsAtAnyAlignment() {
    for (int skip = 0; skip < 64; skip++) {
      BitWriter w = new BitWriter(0, 32);
      w.writeBits(0, Math.max(skip, 1));
      w.writeBits(0x8123456789abcdefL, 64);
      w.writeBits(0x5, 3);
      w.flush();
      BitReader in = new BitReader().reset(w.buffer(), 0, w.length());
      in.readBits(Math.max(skip, 1));
      assertThat(in.readBits(64)).isEqualTo(0x8123456789abcdefL);
      assertThat(in.readBits(3)).isEqualTo(5);
    }
  }

  @Test
  void resetChecksBounds() {
    assertThatThrownBy(() -> new BitReader().reset(new byte[4], 2, 3))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }
}
