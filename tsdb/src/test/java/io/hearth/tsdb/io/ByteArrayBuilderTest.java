package io.hearth.tsdb.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ByteArrayBuilderTest {
  private static String hex(ByteArrayBuilder b) {
    return HexFormat.of().formatHex(b.toByteArray());
  }

  private static void checkUvarint(long v, String want) {
    assertThat(hex(new ByteArrayBuilder().putUvarint(v))).as("uvarint %s", Long.toUnsignedString(v)).isEqualTo(want);
  }

  private static void checkVarint(long v, String want) {
    assertThat(hex(new ByteArrayBuilder().putVarint(v))).as("varint %d", v).isEqualTo(want);
  }

  private static void checkString(String s, String want) {
    assertThat(hex(new ByteArrayBuilder().putUvarintString(s))).as("string %s", s).isEqualTo(want);
  }

  @Test
  void uvarintMatchesGo() {
    checkUvarint(0, "00");
    checkUvarint(1, "01");
    checkUvarint(127, "7f");
    checkUvarint(128, "8001");
    checkUvarint(300, "ac02");
    checkUvarint(16384, "808001");
    checkUvarint(Long.MAX_VALUE, "ffffffffffffffff7f");
    checkUvarint(-1L, "ffffffffffffffffff01");
  }

  @Test
  void varintIsZigZagAsInGo() {
    checkVarint(0, "00");
    checkVarint(-1, "01");
    checkVarint(1, "02");
    checkVarint(-64, "7f");
    checkVarint(64, "8001");
    checkVarint(Long.MAX_VALUE, "feffffffffffffffff01");
    checkVarint(Long.MIN_VALUE, "ffffffffffffffffff01");
  }

  @Test
  void fixedWidthIntegersAreBigEndian() {
    ByteArrayBuilder b = new ByteArrayBuilder().putByte(0xAB).putBE16(0x1234).putBE32(0xCAFEBABE).putBE64(0x0102030405060708L);
    assertThat(hex(b)).isEqualTo("ab" + "1234" + "cafebabe" + "0102030405060708");
  }

  @Test
  void setBE32OverwritesInPlace() {
    ByteArrayBuilder b = new ByteArrayBuilder().putByte(1).putBE32(0).putByte(2);
    b.setBE32(1, 0xDEADBEEF);
    assertThat(hex(b)).isEqualTo("01deadbeef02");
    assertThatThrownBy(() -> b.setBE32(3, 0)).isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("length is 6");
  }

  @Test
  void stringsAreUtf8WithByteCount() {
    checkString("", "00");
    checkString("up", "027570");
    checkString("é", "02c3a9");
    checkString("€", "03e282ac");
    checkString("😀", "04f09f9880");
    checkString("a\uD800b", "03613f62"); // an unpaired surrogate becomes '?', as String.getBytes does
  }

  @Test
  void stringEncodingAgreesWithTheJdk() {
    String s = "job=\"ä€😀x\" \uDC00 " + "z".repeat(200);
    byte[] want = s.getBytes(StandardCharsets.UTF_8);
    ByteArrayBuilder b = new ByteArrayBuilder(1).putUvarintString(s);
    ByteDecoder d = new ByteDecoder(b.array(), 0, b.length());
    assertThat(d.getUvarint()).isEqualTo(want.length);
    assertThat(b.toByteArray()).endsWith(want);
  }

  @Test
  void growsAndKeepsItsArrayAfterReset() {
    ByteArrayBuilder b = new ByteArrayBuilder(2);
    for (int i = 0; i < 1000; i++) {
      b.putBE32(i);
    }
    assertThat(b.length()).isEqualTo(4000);
    byte[] grown = b.array();
    b.reset();
    for (int i = 0; i < 1000; i++) {
      b.putBE32(i);
    }
    assertThat(b.array()).isSameAs(grown);
  }

  @Test
  void sliceIsTheBuildersView() {
    ByteArrayBuilder b = new ByteArrayBuilder();
    ByteSlice s = b.putByte(7).putByte(8).slice();
    assertThat(s.array()).isSameAs(b.array());
    assertThat(s.offset()).isZero();
    assertThat(s.length()).isEqualTo(2);
    assertThat(s.toString()).isEqualTo("0708");
    assertThat(b.reset().putByte(9).slice()).isSameAs(s);
    assertThat(s.length()).isEqualTo(1);
  }

  @Test
  void rejectsNegativeCapacity() {
    assertThatThrownBy(() -> new ByteArrayBuilder(-1)).hasMessage("initial capacity must not be negative, got -1");
  }
}
