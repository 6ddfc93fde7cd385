package io.hearth.scrape.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Go's {@code filepath.Glob}: {@code *}, {@code ?} and {@code [...]} within one path element,
 * matches sorted by name within each directory, and a pattern without metacharacters matching
 * itself if the file exists. Unreadable directories match nothing, as in Go.
 */
public final class Glob {
  private Glob() {}

  /** @throws IllegalArgumentException "syntax error in pattern" for a malformed class */
  public static List<Path> expand(String pattern) {
    Path p = Path.of(pattern);
    if (!hasMeta(pattern)) {
      return Files.exists(p, LinkOption.NOFOLLOW_LINKS) ? List.of(p) : List.of();
    }
    Path dir = p.getParent();
    String name = p.getFileName().toString();
    Pattern re = toRegex(name);
    List<Path> dirs;
    if (dir == null) {
      dirs = List.of(Path.of("."));
    } else if (!hasMeta(dir.toString())) {
      dirs = List.of(dir);
    } else {
      dirs = expand(dir.toString());
    }
    List<Path> out = new ArrayList<>();
    for (Path d : dirs) {
      if (!Files.isDirectory(d)) {
        continue;
      }
      try (Stream<Path> entries = Files.list(d)) {
        entries
            .map(e -> e.getFileName().toString())
            .filter(n -> re.matcher(n).matches())
            .sorted()
            .forEach(n -> out.add(dir == null ? Path.of(n) : d.resolve(n)));
      } catch (IOException e) {
        // Go's Glob ignores I/O errors.
      }
    }
    return out;
  }

  static boolean hasMeta(String s) {
    for (int i = 0; i < s.length(); i++) {
      if ("*?[\\".indexOf(s.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** One path element's pattern as an anchored regex. */
  static Pattern toRegex(String pattern) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      switch (c) {
        case '*' -> b.append("[^/]*");
        case '?' -> b.append("[^/]");
        case '\\' -> {
          if (++i >= pattern.length()) {
            throw new IllegalArgumentException("syntax error in pattern");
          }
          b.append(Pattern.quote(String.valueOf(pattern.charAt(i))));
        }
        case '[' -> {
          int end = i + 1;
          if (end < pattern.length() && pattern.charAt(end) == '^') {
            end++;
          }
          // A class needs at least one member before its closing bracket.
          end++;
          while (end < pattern.length() && pattern.charAt(end) != ']') {
            if (pattern.charAt(end) == '\\') {
              end++;
            }
            end++;
          }
          if (end >= pattern.length()) {
            throw new IllegalArgumentException("syntax error in pattern");
          }
          StringBuilder cls = new StringBuilder("[");
          int j = i + 1;
          if (pattern.charAt(j) == '^') {
            cls.append('^');
            j++;
          }
          for (; j < end; j++) {
            char m = pattern.charAt(j);
            if (m == '\\') {
              m = pattern.charAt(++j);
            }
            if (m == '-' && j > i + 1 && j + 1 < end) {
              cls.append('-');
            } else {
              if (!Character.isLetterOrDigit(m)) {
                cls.append('\\'); // quote punctuation; quoting a letter would make a class like \d
              }
              cls.append(m);
            }
          }
          b.append(cls.append("&&[^/]]"));
          i = end;
        }
        default -> b.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(b.toString(), Pattern.DOTALL);
  }
}
