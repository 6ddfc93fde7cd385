package io.hearth.scrape.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProtobufFloatsTest {

  @Test
  void memoisedTextsAndBytesAgree() {
    ProtobufFloats floats = new ProtobufFloats();
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < 2000; i++) { // more than the cache holds: it starts over and stays right
        double v = i / 8.0;
        assertThat(floats.text(v)).isEqualTo(FloatFormat.openMetrics(v));
        assertThat(new String(floats.bytes(v), StandardCharsets.UTF_8))
            .isEqualTo(FloatFormat.openMetrics(v));
      }
    }
    assertThat(floats.text(0.25)).isSameAs(floats.text(0.25));
  }
}
