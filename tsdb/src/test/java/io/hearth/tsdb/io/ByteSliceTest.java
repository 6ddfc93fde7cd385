package io.hearth.tsdb.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteSliceTest {
  @Test
  void viewsPartOfAnArray() {
    byte[] a = {1, 2, 3, 4, 5};
    ByteSlice s = ByteSlice.of(a, 1, 3);
    assertThat(s.array()).isSameAs(a);
    assertThat(s.get(0)).isEqualTo((byte) 2);
    assertThat(s.toByteArray()).containsExactly(2, 3, 4);
    assertThat(s).hasToString("020304");
    assertThat(ByteSlice.of(a).length()).isEqualTo(5);
  }

  @Test
  void rejectsRangesOutsideTheArray() {
    assertThatThrownBy(() -> ByteSlice.of(new byte[4], 2, 3)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> ByteSlice.of(new byte[4], 0, 4).get(4)).isInstanceOf(IndexOutOfBoundsException.class);
  }
}
