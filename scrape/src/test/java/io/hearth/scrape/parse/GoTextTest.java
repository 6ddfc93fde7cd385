package io.hearth.scrape.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GoTextTest {
  @Test
  void utf8ValidityLikeGo() {
    assertThat(GoText.validUtf8("Heizölrückstoß€𝄞".getBytes(StandardCharsets.UTF_8), 0, 20)).isTrue();
    assertThat(GoText.validUtf8(new byte[] {(byte) 0xc0, (byte) 0x80}, 0, 2)).isFalse(); // overlong
    assertThat(GoText.validUtf8(new byte[] {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, 0, 4)).isFalse();
    assertThat(GoText.validUtf8(new byte[] {(byte) 0xe2, (byte) 0x82}, 0, 2)).isFalse();
  }

  @Test
  void replacers() {
    assertThat(GoText.unescapeLabel("a\\\\b\\\"c\\nd\\te\\")).isEqualTo("a\\b\"c\nd\\te\\");
    assertThat(GoText.unescapeLabel("\\\\n")).isEqualTo("\\n");
    assertThat(GoText.unescapeHelp("a\\\\b\\\"c\\nd")).isEqualTo("a\\b\\\"c\nd");
  }
}
