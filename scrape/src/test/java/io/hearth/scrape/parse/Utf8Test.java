package io.hearth.scrape.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Verdicts are those of Go's {@code utf8.Valid}, which Prometheus applies to names and values. */
class Utf8Test {

  @Test
  void validity() {
    check("", true);
    check("616263", true); // abc
    check("c3a4", true); // ä
    check("e29c93", true); // ✓
    check("f09f9880", true); // U+1F600
    check("f48fbfbf", true); // U+10FFFF
    check("efbfbd", true); // U+FFFD itself
    check("ff", false);
    check("c3", false); // truncated
    check("c328", false); // bad continuation
    check("c0af", false); // overlong '/'
    check("e080af", false); // overlong
    check("eda080", false); // surrogate U+D800
    check("f4908080", false); // past U+10FFFF
    check("f08f8080", false); // overlong 4-byte
    check("80", false); // lone continuation
    check("61e29c", false); // truncated after ASCII
  }

  private static void check(String hex, boolean want) {
    byte[] b = HexFormat.of().parseHex(hex);
    byte[] padded = new byte[b.length + 2];
    System.arraycopy(b, 0, padded, 1, b.length);
    padded[0] = 'x';
    padded[padded.length - 1] = (byte) 0xE2; // outside the range: must not be read
    assertThat(Utf8.isValid(padded, 1, b.length)).as(hex).isEqualTo(want);
  }
}
