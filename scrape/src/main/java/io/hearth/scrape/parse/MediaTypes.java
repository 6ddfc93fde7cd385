package io.hearth.scrape.parse;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Go's {@code mime.ParseMediaType} as far as Prometheus uses it: the lower-cased media type of a
 * {@code Content-Type}, or Go's error text when the value would not parse. Prometheus appends
 * that text to its own message, so a target's last error reads the same here.
 */
final class MediaTypes {
  /** A parsed media type, or the reason it could not be parsed (then {@code mediaType} is null). */
  record Parsed(String mediaType, String error) {}

  private MediaTypes() {}

  static Parsed parse(String v) {
    int semi = v.indexOf(';');
    if (semi < 0) {
      semi = v.length();
    }
    String mediaType = trimSpace(v.substring(0, semi).toLowerCase(Locale.ROOT));
    String error = checkMediaType(mediaType);
    if (error != null) {
      return new Parsed(null, error);
    }
    Map<String, Boolean> params = new HashMap<>();
    Map<String, Map<String, Boolean>> continuations = new HashMap<>();
    String rest = v.substring(semi);
    while (!rest.isEmpty()) {
      rest = trimLeftSpace(rest);
      if (rest.isEmpty()) {
        break;
      }
      String[] param = consumeMediaParam(rest);
      if (param == null) {
        if (trimSpace(rest).equals(";")) {
          break; // a trailing semicolon is allowed
        }
        return new Parsed(null, "mime: invalid media parameter");
      }
      String key = param[0];
      Map<String, Boolean> names = params;
      int star = key.indexOf('*');
      if (star >= 0) {
        names = continuations.computeIfAbsent(key.substring(0, star), k -> new HashMap<>());
      }
      if (names.put(key, Boolean.TRUE) != null) {
        return new Parsed(null, "mime: duplicate parameter name");
      }
      rest = param[1];
    }
    return new Parsed(mediaType, null);
  }

  private static String checkMediaType(String s) {
    int end = tokenEnd(s, 0);
    if (end == 0) {
      return "mime: no media type";
    }
    if (end == s.length()) {
      return null;
    }
    if (s.charAt(end) != '/') {
      return "mime: expected slash after first token";
    }
    int subEnd = tokenEnd(s, end + 1);
    if (subEnd == end + 1) {
      return "mime: expected token after slash";
    }
    if (subEnd != s.length()) {
      return "mime: unexpected content after media subtype";
    }
    return null;
  }

  /** {@code {lower-cased name, rest}} of a {@code ;name=value} at the start of {@code v}, or null. */
  private static String[] consumeMediaParam(String v) {
    String rest = trimLeftSpace(v);
    if (!rest.startsWith(";")) {
      return null;
    }
    rest = trimLeftSpace(rest.substring(1));
    int nameEnd = tokenEnd(rest, 0);
    if (nameEnd == 0) {
      return null;
    }
    String name = rest.substring(0, nameEnd).toLowerCase(Locale.ROOT);
    rest = trimLeftSpace(rest.substring(nameEnd));
    if (!rest.startsWith("=")) {
      return null;
    }
    rest = trimLeftSpace(rest.substring(1));
    int valueEnd = consumeValue(rest);
    if (valueEnd < 0) {
      return null;
    }
    return new String[] {name, rest.substring(valueEnd)};
  }

  /** Where a token or quoted string at the start of {@code v} ends, or -1 if there is none. */
  private static int consumeValue(String v) {
    if (v.isEmpty()) {
      return -1;
    }
    if (v.charAt(0) != '"') {
      int end = tokenEnd(v, 0);
      return end == 0 ? -1 : end;
    }
    for (int i = 1; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '"') {
        return i + 1;
      }
      if (c == '\\' && i + 1 < v.length() && !isTokenChar(v.charAt(i + 1))) {
        i++;
        continue;
      }
      if (c == '\r' || c == '\n') {
        return -1;
      }
    }
    return -1; // no closing quote
  }

  private static int tokenEnd(String s, int from) {
    int i = from;
    while (i < s.length() && isTokenChar(s.charAt(i))) {
      i++;
    }
    return i;
  }

  /** RFC 2045 token characters: printable ASCII except space and {@code ()<>@,;:\"/[]?=}. */
  private static boolean isTokenChar(char c) {
    return c > 0x20 && c < 0x7F && "()<>@,;:\\\"/[]?=".indexOf(c) < 0;
  }

  /** Go's {@code unicode.IsSpace}. */
  private static boolean isSpace(char c) {
    return switch (c) {
      case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0 -> true;
      default -> c > 0xFF && Character.isSpaceChar(c);
    };
  }

  private static String trimLeftSpace(String s) {
    int i = 0;
    while (i < s.length() && isSpace(s.charAt(i))) {
      i++;
    }
    return s.substring(i);
  }

  private static String trimSpace(String s) {
    int end = s.length();
    while (end > 0 && isSpace(s.charAt(end - 1))) {
      end--;
    }
    return trimLeftSpace(s.substring(0, end));
  }
}
