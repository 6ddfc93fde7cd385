package io.hearth.tsdb.query;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * What the literal text of a matcher's regex (RE2 syntax, fully anchored, as {@link
 * io.hearth.labels.Matcher} compiles it) says about the values it can match, found without running
 * the regex: the exact set of values for a pure alternation such as {@code a|b|c}, or a literal
 * prefix every match starts with, possibly followed only by {@code .*} or {@code .+}.
 *
 * <p>The analysis is conservative: anything it does not fully understand (classes, escapes other
 * than escaped punctuation, flags, {@code \Q}) yields no set and a shorter or empty prefix, which
 * only costs speed. Immutable and thread-safe.
 */
final class RegexLiterals {
  /** What may follow the prefix. */
  enum Tail {
    /** {@code .*}: anything, so the prefix alone decides. */
    ANY,
    /** {@code .+}: anything non-empty. */
    NON_EMPTY,
    /** Something else: only the regex can decide. */
    OTHER
  }

  private static final String META = "\\.+*?()|[]{}^$";
  // RE2 reads a backslash before any ASCII punctuation as that character.
  private static final String ESCAPABLE = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

  private final List<String> set;
  private final String prefix;
  private final Tail tail;

  private RegexLiterals(List<String> set, String prefix, Tail tail) {
    this.set = set;
    this.prefix = prefix;
    this.tail = tail;
  }

  static RegexLiterals of(String re) {
    List<String> set = setMatches(re);
    if (set != null) {
      return new RegexLiterals(set, set.size() == 1 ? set.getFirst() : "", Tail.OTHER);
    }
    return prefixAndTail(re);
  }

  /** The only values the regex matches, in first-seen order, or {@code null} if not a pure set. */
  List<String> set() {
    return set;
  }

  /** A literal prefix every match starts with; {@code ""} if none is known. */
  String prefix() {
    return prefix;
  }

  Tail tail() {
    return tail;
  }

  /** Whether the literals alone decide every value: a set, or a prefix followed by .* or .+ */
  boolean isDecidedByLiterals() {
    return set != null || tail != Tail.OTHER;
  }

  /** For {@link #isDecidedByLiterals()} regexes: whether {@code v} matches. */
  boolean matchesByLiterals(String v) {
    if (set != null) {
      return set.contains(v);
    }
    return switch (tail) {
      case ANY -> v.startsWith(prefix);
      case NON_EMPTY -> v.length() > prefix.length() && v.startsWith(prefix);
      case OTHER -> throw new IllegalStateException("regex needs evaluating, literals do not decide");
    };
  }

  /**
   * Parses {@code lit|lit|...}, optionally wrapped whole in {@code (...)} or {@code (?:...)}, where
   * each literal is plain characters and escaped punctuation. Empty alternatives match "".
   */
  private static List<String> setMatches(String re) {
    int from = 0;
    int to = re.length();
    if (re.startsWith("(") && re.endsWith(")") && closingParen(re, 0) == to - 1) {
      from = re.startsWith("(?:") ? 3 : 1;
      to--;
      if (from == 1 && re.startsWith("(?")) {
        return null; // flags or a named group
      }
    }
    LinkedHashSet<String> out = new LinkedHashSet<>();
    StringBuilder cur = new StringBuilder();
    for (int i = from; i < to; i++) {
      char c = re.charAt(i);
      if (c == '\\') {
        if (i + 1 >= to || ESCAPABLE.indexOf(re.charAt(i + 1)) < 0) {
          return null;
        }
        cur.append(re.charAt(++i));
      } else if (c == '|') {
        out.add(cur.toString());
        cur.setLength(0);
      } else if (META.indexOf(c) >= 0) {
        return null;
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return new ArrayList<>(out);
  }

  /** The index of the ')' closing the '(' at {@code open}, or -1; escapes and classes respected. */
  private static int closingParen(String re, int open) {
    int depth = 0;
    for (int i = open; i < re.length(); i++) {
      char c = re.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '[') {
        i = classEnd(re, i);
        if (i < 0) {
          return -1;
        }
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  /** The index of the ']' ending the class that starts at {@code open}, or -1 if unsure. */
  private static int classEnd(String re, int open) {
    int i = open + 1;
    if (i < re.length() && re.charAt(i) == '^') {
      i++;
    }
    if (i < re.length() && re.charAt(i) == ']') {
      i++; // a leading ']' is a literal member
    }
    for (; i < re.length(); i++) {
      char c = re.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '[' && i + 1 < re.length() && re.charAt(i + 1) == ':') {
        int end = re.indexOf(":]", i + 2);
        if (end < 0) {
          return -1;
        }
        i = end + 1;
      } else if (c == ']') {
        return i;
      }
    }
    return -1;
  }

  private static RegexLiterals prefixAndTail(String re) {
    if (re.contains("\\Q") || hasTopLevelBar(re)) {
      return new RegexLiterals(null, "", Tail.OTHER);
    }
    StringBuilder prefix = new StringBuilder();
    int i = 0;
    while (i < re.length()) {
      char c = re.charAt(i);
      int next;
      char lit;
      if (c == '\\') {
        if (i + 1 >= re.length() || ESCAPABLE.indexOf(re.charAt(i + 1)) < 0) {
          break;
        }
        lit = re.charAt(i + 1);
        next = i + 2;
      } else if (META.indexOf(c) >= 0 || Character.isSurrogate(c)) {
        break; // a surrogate pair is one code point: a quantifier after it would cover both halves
      } else {
        lit = c;
        next = i + 1;
      }
      if (next < re.length() && "*+?{".indexOf(re.charAt(next)) >= 0) {
        break; // the literal is quantified, so it is not a fixed part of every match
      }
      prefix.append(lit);
      i = next;
    }
    String rest = re.substring(i);
    Tail tail =
        switch (rest) {
          case ".*" -> Tail.ANY;
          case ".+" -> Tail.NON_EMPTY;
          default -> Tail.OTHER;
        };
    return new RegexLiterals(null, prefix.toString(), tail);
  }

  /** Whether an unescaped '|' appears outside any group or class. Unbalanced input says yes. */
  private static boolean hasTopLevelBar(String re) {
    int depth = 0;
    for (int i = 0; i < re.length(); i++) {
      char c = re.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '[') {
        i = classEnd(re, i);
        if (i < 0) {
          return true;
        }
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        if (--depth < 0) {
          return true;
        }
      } else if (c == '|' && depth == 0) {
        return true;
      }
    }
    return depth != 0;
  }
}
