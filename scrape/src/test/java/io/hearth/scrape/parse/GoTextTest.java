package io.hearth.scrape.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GoTextTest {
  private static void checkQuote(byte[] in, String want) {
    assertThat(GoText.quote(in, 0, in.length)).isEqualTo(want);
  }

  @Test
  void quoteLikeGo() {
    checkQuote("a\"b\\c".getBytes(StandardCharsets.UTF_8), "\"a\\\"b\\\\c\"");
    checkQuote("\n\t\u0000\u007f\u0007".getBytes(StandardCharsets.UTF_8), "\"\\n\\t\\x00\\x7f\\a\"");
    checkQuote("ü€\uFFFD".getBytes(StandardCharsets.UTF_8), "\"ü€\uFFFD\"");
    checkQuote(new byte[] {(byte) 0xff, 'a', (byte) 0xe2, (byte) 0x82}, "\"\\xffa\\xe2\\x82\"");
    checkQuote(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, "\"\\xed\\xa0\\x80\""); // surrogate
    checkQuote("\u200b\u00a0".getBytes(StandardCharsets.UTF_8), "\"\\u200b\\u00a0\"");
  }

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
