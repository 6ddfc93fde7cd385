package io.hearth.server.api;

/**
 * Undoes Prometheus's value-encoding escaping of names ({@code U__} then the name with {@code __}
 * for an underscore and {@code _<hex>_} for any other code point), as {@code model.UnescapeName}
 * does: a malformed escape leaves the name as it was given.
 */
final class ValueEscaping {
  private ValueEscaping() {}

  static String unescape(String name) {
    if (!name.startsWith("U__")) {
      return name;
    }
    String s = name.substring(3);
    StringBuilder out = new StringBuilder(s.length());
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c != '_') {
        out.append(c);
        i++;
        continue;
      }
      i++;
      if (i >= s.length()) {
        return name;
      }
      if (s.charAt(i) == '_') {
        out.append('_');
        i++;
        continue;
      }
      // At most five hex digits: Go's loop gives up at the sixth before it looks for the '_'.
      int code = 0;
      int digits = 0;
      while (true) {
        if (i >= s.length() || digits >= 6) {
          return name;
        }
        char h = Character.toLowerCase(s.charAt(i));
        if (h == '_') {
          break;
        }
        int d = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : -1;
        if (d < 0) {
          return name;
        }
        code = code * 16 + d;
        digits++;
        i++;
      }
      // Go's utf8.ValidRune: no surrogates, nothing past U+10FFFF.
      if (code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
        return name;
      }
      out.appendCodePoint(code);
      i++;
    }
    return out.toString();
  }
}
