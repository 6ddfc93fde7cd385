package io.hearth.scrape.discovery.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Go's {@code filepath.Glob} and {@code filepath.Match} on Unix paths, which is what file_sd
 * expands its patterns with: {@code *} and {@code ?} never cross a {@code /}, {@code [...]} classes
 * take ranges and a leading {@code ^}, and {@code \} escapes. Matches come back sorted by name
 * within a directory; a directory that cannot be read contributes nothing, as in Go.
 */
final class Glob {
  static final String BAD_PATTERN = "syntax error in pattern";

  private Glob() {}

  /** Thrown for a malformed pattern, with Go's {@code ErrBadPattern} text. */
  static final class BadPatternException extends Exception {
    BadPatternException() {
      super(BAD_PATTERN, null, false, false);
    }
  }

  static List<String> expand(String pattern) throws BadPatternException {
    compile(pattern); // Go rejects a malformed pattern before touching the disk
    if (!hasMeta(pattern)) {
      return Files.exists(Path.of(pattern), java.nio.file.LinkOption.NOFOLLOW_LINKS) ? List.of(pattern) : List.of();
    }
    int slash = pattern.lastIndexOf('/');
    String dir = slash < 0 ? "" : pattern.substring(0, slash + 1);
    String file = pattern.substring(slash + 1);
    dir = dir.isEmpty() ? "." : dir.equals("/") ? dir : dir.substring(0, dir.length() - 1);
    List<String> out = new ArrayList<>();
    if (!hasMeta(dir)) {
      matchIn(dir, file, out);
      return out;
    }
    if (dir.equals(pattern)) {
      throw new BadPatternException();
    }
    for (String d : expand(dir)) {
      matchIn(d, file, out);
    }
    return out;
  }

  private static void matchIn(String dir, String filePattern, List<String> out) throws BadPatternException {
    Path d = Path.of(dir);
    if (!Files.isDirectory(d)) {
      return;
    }
    Pattern p = compile(filePattern);
    List<String> names;
    try (Stream<Path> entries = Files.list(d)) {
      names = entries.map(e -> e.getFileName().toString()).sorted().toList();
    } catch (IOException | RuntimeException e) {
      return; // Go's glob ignores I/O errors too
    }
    for (String name : names) {
      if (p.matcher(name).matches()) {
        out.add(d.resolve(name).normalize().toString());
      }
    }
  }

  static boolean hasMeta(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '*' || c == '?' || c == '[' || c == '\\') {
        return true;
      }
    }
    return false;
  }

  static boolean matches(String pattern, String name) throws BadPatternException {
    return compile(pattern).matcher(name).matches();
  }

  /** Translates a Go path pattern into an equivalent Java regex, rejecting what Go rejects. */
  static Pattern compile(String pattern) throws BadPatternException {
    StringBuilder re = new StringBuilder();
    int i = 0;
    int n = pattern.length();
    while (i < n) {
      int c = pattern.codePointAt(i);
      i += Character.charCount(c);
      switch (c) {
        case '*' -> re.append("[^/]*");
        case '?' -> re.append("[^/]");
        case '\\' -> {
          if (i >= n) {
            throw new BadPatternException();
          }
          int e = pattern.codePointAt(i);
          i += Character.charCount(e);
          literal(re, e);
        }
        case '[' -> i = charClass(pattern, i, re);
        default -> literal(re, c);
      }
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }

  /** Parses a class starting after its {@code [}; returns the index after its {@code ]}. */
  private static int charClass(String p, int i, StringBuilder re) throws BadPatternException {
    int n = p.length();
    re.append('[');
    if (i < n && p.charAt(i) == '^') {
      re.append('^');
      i++;
    }
    int ranges = 0;
    while (true) {
      if (i < n && p.charAt(i) == ']' && ranges > 0) {
        re.append(']');
        return i + 1;
      }
      int[] lo = escapedChar(p, i);
      i = lo[1];
      int hi = lo[0];
      if (i < n && p.charAt(i) == '-') {
        int[] h = escapedChar(p, i + 1);
        i = h[1];
        hi = h[0];
        if (hi < lo[0]) {
          throw new BadPatternException();
        }
      }
      re.append(String.format("\\x{%x}-\\x{%x}", lo[0], hi));
      ranges++;
    }
  }

  /** One class member, Go's getEsc: a bare '-' or ']' or a dangling escape is malformed. */
  private static int[] escapedChar(String p, int i) throws BadPatternException {
    int n = p.length();
    if (i >= n || p.charAt(i) == '-' || p.charAt(i) == ']') {
      throw new BadPatternException();
    }
    if (p.charAt(i) == '\\') {
      i++;
      if (i >= n) {
        throw new BadPatternException();
      }
    }
    int c = p.codePointAt(i);
    return new int[] {c, i + Character.charCount(c)};
  }

  private static void literal(StringBuilder re, int c) {
    re.append(String.format("\\x{%x}", c));
  }
}
