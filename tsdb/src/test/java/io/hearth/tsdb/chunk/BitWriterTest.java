package io.hearth.tsdb.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BitWriterTest {
  @Test
  void writesMostSignificantBitFirstAndPadsWithZeros() {
    check("", w -> {});
    check("80", w -> w.writeBit(true));
    check("40", w -> {
      w.writeBit(false);
      w.writeBit(true);
    });
    check("a0", w -> w.writeBits(0b101, 3));
    check("ff", w -> w.writeBits(0xff, 8));
    // Bits above n are ignored.
    check("c0", w -> w.writeBits(-1, 2));
    check("0123456789abcdef", w -> w.writeBits(0x0123456789abcdefL, 64));
    check("8091a2b3c4d5e6f780", w -> {
      w.writeBit(true);
      w.writeBits(0x0123456789abcdefL, 64);
    });
    check("ffffffffffffffffff80", w -> {
      w.writeBits(-1, 64);
      w.writeBits(-1, 9);
    });
  }

  @Test
  void varintsMatchGo() {
    // Byte strings as Go's binary.PutUvarint and PutVarint produce them.
    check("00", w -> w.writeUvarint(0));
    check("7f", w -> w.writeUvarint(127));
    check("8001", w -> w.writeUvarint(128));
    check("ac02", w -> w.writeUvarint(300));
    check("ffffffffffffffffff01", w -> w.writeUvarint(-1));
    check("01", w -> w.writeVarint(-1));
    check("02", w -> w.writeVarint(1));
    check("ffffffffffffffffff01", w -> w.writeVarint(Long.MIN_VALUE));
    check("feffffffffffffffff01", w -> w.writeVarint(Long.MAX_VALUE));
  }

  private static void check(String wantHex, java.util.function.Consumer<BitWriter> write) {
    BitWriter w = new BitWriter(0, 8);
    w.ensureCapacity(32);
    write.accept(w);
    w.flush();
    assertThat(Samples.hex(Arrays.copyOf(w.buffer(), w.length()))).isEqualTo(wantHex);
  }

  @Test
  void keepsHeaderAndContentWhenGrowing() {
    BitWriter w = new BitWriter(2, 10);
    w.buffer()[0] = (byte) 0xAB;
    w.buffer()[1] = (byte) 0xCD;
    for (int i = 0; i < 1000; i++) {
      w.ensureCapacity(1);
      w.writeBits(i & 1, 1);
    }
    w.flush();
    assertThat(w.length()).isEqualTo(2 + 125);
    assertThat(w.buffer().length).isGreaterThanOrEqualTo(w.length() + 8);
    assertThat(w.buffer()[0]).isEqualTo((byte) 0xAB);
    assertThat(w.buffer()[1]).isEqualTo((byte) 0xCD);
    for (int i = 2; i < w.length(); i++) {
      assertThat(w.buffer()[i]).isEqualTo((byte) 0x55);
    }
  }

  @Test
  void growsByItselfKeepingOnlyAWordOfRoomBeyondTheLastGrowthStep() {
    BitWriter w = new BitWriter(2, 16);
    for (int i = 0; i < 8000; i++) {
      w.writeBits(0b101, 3);
    }
    w.flush();
    assertThat(w.length()).isEqualTo(2 + 3000);
    // Grown by a quarter at a time, rounded to 8 bytes: never more than that beyond the word of room.
    assertThat(w.buffer().length).isBetween(w.length() + 1, (w.length() + 8) * 5 / 4 + 8);
    assertThat(w.buffer().length % 8).isZero();
    for (int i = 2; i < w.length(); i += 3) {
      assertThat(Arrays.copyOfRange(w.buffer(), i, i + 3)).containsExactly(0xb6, 0xdb, 0x6d);
    }
  }

  @Test
  void growingStopsAtTheRoomOfAFullHeadChunk() {
    BitWriter w = new BitWriter(2, 64);
    for (int i = 0; i < 1022; i++) {
      w.writeBits(i, 8);
    }
    // A chunk of 1,024 bytes, the most a head cuts at, fits without stepping on to 1,096 bytes.
    assertThat(w.length()).isEqualTo(1024);
    assertThat(w.buffer()).hasSize(BitWriter.HEAD_CHUNK_ROOM).hasSize(1032);
  }

  @Test
  void resetKeepsTheArrayOrAllocatesOneWhenThereIsNone() {
    BitWriter w = new BitWriter();
    assertThat(w.buffer()).isEmpty();
    w.reset(2, 24);
    assertThat(w.buffer()).hasSize(24);
    w.writeBits(-1, 64);
    w.writeBits(-1, 64);
    byte[] grown = w.buffer();
    w.reset(2, 24);
    assertThat(w.buffer()).isSameAs(grown);
    assertThat(w.length()).isEqualTo(2);
  }

  @Test
  void rejectsTooSmallInitialCapacity() {
    assertThatThrownBy(() -> new BitWriter(2, 9))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("initial capacity must hold the start plus 8 bytes, got start 2 and capacity 9");
  }
}
