package io.hearth.tsdb.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EncodingTest {
  @Test
  void codesArePrometheus() {
    check(0, Encoding.NONE);
    check(1, Encoding.XOR);
    check(2, Encoding.HISTOGRAM);
    check(3, Encoding.FLOAT_HISTOGRAM);
  }

  private static void check(int code, Encoding want) {
    assertThat(want.code()).isEqualTo((byte) code);
    assertThat(Encoding.fromCode(code)).isSameAs(want);
  }

  @Test
  void unknownCodesAreRejected() {
    assertThatThrownBy(() -> Encoding.fromCode(7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown chunk encoding 7");
    assertThatThrownBy(() -> Encoding.fromCode(-1)).hasMessage("unknown chunk encoding -1");
    assertThatThrownBy(() -> Encoding.fromCode(4)).hasMessage("unknown chunk encoding 4");
    assertThatThrownBy(() -> Encoding.fromCode(0x81)).hasMessage("unknown chunk encoding 129");
  }
}
