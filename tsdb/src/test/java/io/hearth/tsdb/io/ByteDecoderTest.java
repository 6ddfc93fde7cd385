package io.hearth.tsdb.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ByteDecoderTest {
  private static ByteDecoder decoder(String hex) {
    byte[] b = HexFormat.of().parseHex(hex);
    return new ByteDecoder(b, 0, b.length);
  }

  private static void checkFails(String hex, java.util.function.Consumer<ByteDecoder> read, String message) {
    ByteDecoder d = decoder(hex);
    assertThatThrownBy(() -> read.accept(d)).isInstanceOf(DecodeException.class).hasMessage(message);
  }

  @Test
  void roundTripsRandomValues() {
    long seed = System.nanoTime();
    System.out.println("ByteDecoderTest seed " + seed);
    Random rnd = new Random(seed);
    long[] values = new long[2000];
    ByteArrayBuilder b = new ByteArrayBuilder(1);
    for (int i = 0; i < values.length; i++) {
      // Mix magnitudes so that every varint length occurs.
      values[i] = rnd.nextLong() >> rnd.nextInt(64);
      b.putUvarint(values[i]).putVarint(values[i]).putBE64(values[i]).putBE32((int) values[i]).putBE16((int) values[i] & 0xFFFF);
    }
    ByteDecoder d = new ByteDecoder(b.array(), 0, b.length());
    for (long v : values) {
      assertThat(d.getUvarint()).as("seed %d", seed).isEqualTo(v);
      assertThat(d.getVarint()).as("seed %d", seed).isEqualTo(v);
      assertThat(d.getBE64()).isEqualTo(v);
      assertThat(d.getBE32()).isEqualTo((int) v);
      assertThat(d.getBE16()).isEqualTo((int) v & 0xFFFF);
    }
    assertThat(d.hasRemaining()).isFalse();
  }

  @Test
  void readsWithinTheGivenRangeOnly() {
    byte[] b = HexFormat.of().parseHex("ff0102ff");
    ByteDecoder d = new ByteDecoder(b, 1, 2);
    assertThat(d.getBE16()).isEqualTo(0x0102);
    assertThat(d.position()).isEqualTo(2);
    assertThatThrownBy(d::getByte).hasMessage("cannot read byte at offset 2: only 0 bytes left");
  }

  @Test
  void stringsAndSkips() {
    ByteDecoder d = decoder("027570" + "03e282ac" + "aabb" + "01");
    assertThat(d.getUvarintString()).isEqualTo("up");
    assertThat(d.getUvarintString()).isEqualTo("€");
    d.skip(2);
    assertThat(d.getByte()).isEqualTo(1);
  }

  @Test
  void reportsMalformedInputWithItsOffset() {
    checkFails("", ByteDecoder::getByte, "cannot read byte at offset 0: only 0 bytes left");
    checkFails("0102", ByteDecoder::getBE32, "cannot read BE32 at offset 0: only 2 bytes left");
    checkFails("01020304050607", ByteDecoder::getBE64, "cannot read BE64 at offset 0: only 7 bytes left");
    checkFails("8080", ByteDecoder::getUvarint, "cannot read uvarint at offset 0: input ends after 2 bytes");
    checkFails("ffffffffffffffffff02", ByteDecoder::getUvarint, "cannot read uvarint at offset 0: overflows 64 bits");
    checkFails("ffffffffffffffffff8001", ByteDecoder::getUvarint, "cannot read uvarint at offset 0: overflows 64 bits");
    checkFails("0a6162", ByteDecoder::getUvarintString, "cannot read string at offset 0: length 10 but only 2 bytes left");
    checkFails("8080808010", d -> d.getUvarintInt("count"), "cannot read count at offset 0: 4294967296 is too large");
    checkFails("01", d -> d.skip(2), "cannot read 2 bytes at offset 0: only 1 bytes left");
  }

  @Test
  void offsetsCountFromTheRangeStart() {
    ByteDecoder d = decoder("0001");
    d.getByte();
    DecodeException e = org.junit.jupiter.api.Assertions.assertThrows(DecodeException.class, d::getBE16);
    assertThat(e.offset()).isEqualTo(1);
  }
}
