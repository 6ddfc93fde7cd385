package io.hearth.scrape.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GoQuoteTest {
  private static void checkQuote(byte[] in, String want) {
    assertThat(GoQuote.quote(in, 0, in.length)).isEqualTo(want);
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
  void quoteFollowsStrconvQuote() {
    assertThat(GoQuote.quote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
    assertThat(GoQuote.quote("\n\t\u0007\u0000\u007f")).isEqualTo("\"\\n\\t\\a\\x00\\x7f\"");
    assertThat(GoQuote.quote("é日本\uD83D\uDE00")).isEqualTo("\"é日本\uD83D\uDE00\"");
    assertThat(GoQuote.quote("\u00a0\u200b")).isEqualTo("\"\\u00a0\\u200b\"");
  }

  @Test
  void stringsQuoteAsTheirUtf8Bytes() {
    for (String s : new String[] {"", "plain", "tab\there", "é日本\uD83D\uDE00", "\u00a0\u200b\u2028", "\uFFFD\u0007"}) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      assertThat(GoQuote.quote(s)).as(s).isEqualTo(GoQuote.quote(b, 0, b.length));
    }
    assertThat(GoQuote.quote("a\uD800b")).isEqualTo("\"a\\ufffdb\""); // an unpaired surrogate
    assertThat(GoQuote.quote("\uDB40\uDC01")).isEqualTo("\"\\U000e0001\""); // a format rune
  }

  /** encoding/json's quoteChar, as its syntax errors name characters. */
  @Test
  void quoteCharLikeEncodingJson() {
    assertThat(GoQuote.quoteChar('a')).isEqualTo("'a'");
    assertThat(GoQuote.quoteChar('\'')).isEqualTo("'\\''");
    assertThat(GoQuote.quoteChar('"')).isEqualTo("'\"'");
    assertThat(GoQuote.quoteChar('\\')).isEqualTo("'\\\\'");
    assertThat(GoQuote.quoteChar('\n')).isEqualTo("'\\n'");
    assertThat(GoQuote.quoteChar(0x0b)).isEqualTo("'\\v'");
    assertThat(GoQuote.quoteChar(0x01)).isEqualTo("'\\x01'");
    assertThat(GoQuote.quoteChar(0xa0)).isEqualTo("'\\u00a0'");
    assertThat(GoQuote.quoteChar(0xe6)).isEqualTo("'æ'"); // the first byte of 日
  }
}
