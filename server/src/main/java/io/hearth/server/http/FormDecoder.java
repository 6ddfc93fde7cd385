package io.hearth.server.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decodes {@code application/x-www-form-urlencoded} text (a URL's query or a POST body) as Go's
 * {@code url.ParseQuery} does: pairs split on {@code &}, a pair containing {@code ;} skipped, name
 * and value split at the first {@code =}, {@code +} as a space, {@code %XX} escapes; a pair with a
 * malformed escape is skipped. Prometheus ignores those errors ({@code r.FormValue}), so only the
 * well-formed pairs count. Stateless.
 */
final class FormDecoder {
  private FormDecoder() {}

  /** Adds every well-formed pair of {@code s} to {@code into}, in order. */
  static void decode(String s, Map<String, List<String>> into) {
    int i = 0;
    int n = s.length();
    while (i < n) {
      int amp = s.indexOf('&', i);
      int end = amp < 0 ? n : amp;
      String pair = s.substring(i, end);
      i = end + 1;
      if (pair.isEmpty() || pair.indexOf(';') >= 0) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = unescape(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : unescape(pair.substring(eq + 1));
      if (name == null || value == null) {
        continue;
      }
      into.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
    }
  }

  /** Go's {@code QueryUnescape}; null for a malformed escape. Invalid UTF-8 becomes U+FFFD. */
  static String unescape(String s) {
    if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
      return s;
    }
    byte[] out = new byte[s.length() * 3];
    int o = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '+') {
        out[o++] = ' ';
      } else if (c == '%') {
        if (i + 2 >= s.length()) {
          return null;
        }
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          return null;
        }
        out[o++] = (byte) (hi << 4 | lo);
        i += 2;
      } else if (c < 0x80) {
        out[o++] = (byte) c;
      } else {
        byte[] utf8 = String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
          utf8 = s.substring(i, i + 2).getBytes(java.nio.charset.StandardCharsets.UTF_8);
          i++;
        }
        System.arraycopy(utf8, 0, out, o, utf8.length);
        o += utf8.length;
      }
    }
    return new String(out, 0, o, java.nio.charset.StandardCharsets.UTF_8);
  }
}
