package io.hearth.server.api;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * Jackson escapes that write strings as Prometheus's encoders do, so responses match Prometheus
 * byte for byte: {@code \n}, {@code \r}, {@code \t}, {@code \"}, {@code \\} in short form, every
 * other control character as <code>&#92;u00xx</code> in lower-case hex. {@link #STANDARD} is Go's {@code
 * encoding/json} (and jsoniter's standard-library mode), used for the envelope: it also escapes
 * {@code <}, {@code >}, {@code &}, U+2028 and U+2029. {@link #LABELS} is jsoniter's {@code
 * WriteString}, which Prometheus uses for label names and values: no HTML escaping.
 */
final class GoJsonEscapes extends CharacterEscapes {
  static final GoJsonEscapes STANDARD = new GoJsonEscapes(true);
  static final GoJsonEscapes LABELS = new GoJsonEscapes(false);

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final int[] ascii;
  private final boolean html;

  private GoJsonEscapes(boolean html) {
    this.html = html;
    ascii = standardAsciiEscapesForJSON();
    for (int c = 0; c < 0x20; c++) {
      ascii[c] = c == '\n' || c == '\r' || c == '\t' ? ascii[c] : ESCAPE_CUSTOM;
    }
    if (html) {
      ascii['<'] = ESCAPE_CUSTOM;
      ascii['>'] = ESCAPE_CUSTOM;
      ascii['&'] = ESCAPE_CUSTOM;
    }
  }

  @Override
  public int[] getEscapeCodesForAscii() {
    return ascii;
  }

  @Override
  public SerializableString getEscapeSequence(int ch) {
    if (ch < 0x80 || (html && (ch == 0x2028 || ch == 0x2029))) {
      return new SerializedString(
          "\\u" + HEX[(ch >> 12) & 0xf] + HEX[(ch >> 8) & 0xf] + HEX[(ch >> 4) & 0xf] + HEX[ch & 0xf]);
    }
    return null;
  }
}
