package io.hearth.promql.conformance;

import io.hearth.labels.Labels;
import io.hearth.labels.LabelsBuilder;
import io.hearth.storage.StaleMarker;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One parsed series line of a script, {@code metric{a="b"} 0+10x5 _ stale {{count:1}}}: its
 * labels and the expanded list of value items. Item {@code k} stands for the {@code k}-th step of
 * the load interval (or of the expected range). Immutable.
 *
 * <p>Native-histogram items are kept only as markers: the runner stores floats, and evals that
 * touch histograms are skipped.
 */
final class SeriesDescription {
  static final byte OMITTED = 0;
  static final byte FLOAT = 1;
  static final byte HISTOGRAM = 2;

  private final Labels labels;
  private final byte[] kinds;
  private final double[] values;

  private SeriesDescription(Labels labels, byte[] kinds, double[] values) {
    this.labels = labels;
    this.kinds = kinds;
    this.values = values;
  }

  Labels labels() {
    return labels;
  }

  int size() {
    return kinds.length;
  }

  byte kind(int i) {
    return kinds[i];
  }

  /** The float at item {@code i}; 0 for omitted and histogram items, as upstream leaves them. */
  double value(int i) {
    return values[i];
  }

  boolean hasHistogram() {
    for (byte k : kinds) {
      if (k == HISTOGRAM) {
        return true;
      }
    }
    return false;
  }

  /** The items as a script would write them one by one, for failure messages. */
  String valuesText() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < kinds.length; i++) {
      if (i > 0) {
        sb.append(' ');
      }
      switch (kinds[i]) {
        case OMITTED -> sb.append('_');
        case HISTOGRAM -> sb.append("{{histogram}}");
        default -> sb.append(ResultComparator.formatFloat(values[i]));
      }
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return labels + " " + valuesText();
  }

  /** Parses a series line; throws {@link IllegalArgumentException} naming the problem. */
  static SeriesDescription parse(String line) {
    Cursor c = new Cursor(line);
    Labels labels = parseMetric(c);
    if (!c.atEnd() && !isSpace(c.peek())) {
      throw c.error("expected whitespace after the series selector");
    }
    Items items = new Items();
    parseValues(c, items);
    return new SeriesDescription(
        labels, Arrays.copyOf(items.kinds, items.n), Arrays.copyOf(items.values, items.n));
  }

  /**
   * Parses only the selector part {@code metric{a="b"}} (used by {@code @st} lines and tests); the
   * rest of the line is ignored.
   */
  static Labels parseLabels(String text) {
    return parseMetric(new Cursor(text));
  }

  // ---- selector ----

  private static Labels parseMetric(Cursor c) {
    LabelsBuilder b = new LabelsBuilder();
    String name = null;
    if (!c.atEnd() && isMetricStart(c.peek())) {
      int start = c.pos;
      while (!c.atEnd() && isMetricChar(c.peek())) {
        c.pos++;
      }
      name = c.s.substring(start, c.pos);
    }
    if (!c.atEnd() && c.peek() == '{') {
      c.pos++;
      parseLabelSet(c, b);
    } else if (name == null) {
      throw c.error("expected a metric name or '{'");
    }
    if (name != null) {
      b.set(Labels.METRIC_NAME, name);
    }
    return b.build();
  }

  private static void parseLabelSet(Cursor c, LabelsBuilder b) {
    while (true) {
      c.skipSpaces();
      if (c.atEnd()) {
        throw c.error("unclosed label set");
      }
      if (c.peek() == '}') {
        c.pos++;
        return;
      }
      String name;
      boolean quoted = isQuote(c.peek());
      if (quoted) {
        name = GoStrings.unquote(c.quoted());
      } else if (isLabelStart(c.peek())) {
        int start = c.pos;
        while (!c.atEnd() && isLabelChar(c.peek())) {
          c.pos++;
        }
        name = c.s.substring(start, c.pos);
      } else {
        throw c.error("expected a label name or '}'");
      }
      c.skipSpaces();
      if (!c.atEnd() && c.peek() == '=') {
        c.pos++;
        c.skipSpaces();
        if (c.atEnd() || !isQuote(c.peek())) {
          throw c.error("expected a quoted label value");
        }
        b.set(name, GoStrings.unquote(c.quoted()));
      } else if (quoted) {
        b.set(Labels.METRIC_NAME, name); // {"my.metric", a="b"}
      } else {
        throw c.error("expected '=' after label name " + name);
      }
      c.skipSpaces();
      if (!c.atEnd() && c.peek() == ',') {
        c.pos++;
      } else if (c.atEnd() || c.peek() != '}') {
        throw c.error("expected ',' or '}'");
      }
    }
  }

  // ---- values ----

  /** Token kinds of the value sequence, after upstream's series-description lexer. */
  private enum Tok {
    SPACE,
    ADD,
    SUB,
    TIMES,
    BLANK,
    NUMBER,
    IDENT,
    HIST
  }

  private record Token(Tok kind, String text) {}

  private static void parseValues(Cursor c, Items out) {
    List<Token> toks = lex(c);
    int i = 0;
    while (i < toks.size()) {
      if (toks.get(i).kind == Tok.SPACE) {
        i++;
        continue;
      }
      int end = i;
      while (end < toks.size() && toks.get(end).kind != Tok.SPACE) {
        end++;
      }
      item(toks.subList(i, end), c.s, out);
      i = end;
    }
  }

  private static void item(List<Token> t, String line, Items out) {
    Tok first = t.getFirst().kind;
    if (first == Tok.BLANK) {
      if (t.size() == 1) {
        out.add(OMITTED, 0);
        return;
      }
      if (t.size() == 3 && t.get(1).kind == Tok.TIMES) {
        long n = uint(t.get(2), line);
        for (long k = 0; k < n; k++) {
          out.add(OMITTED, 0);
        }
        return;
      }
      throw bad(t, line);
    }
    if (first == Tok.HIST) {
      // {{A}}, {{A}}xN, {{A}}+{{B}}xN, {{A}}-{{B}}xN: 1 or N+1 histograms.
      long n;
      if (t.size() == 1) {
        n = 0;
      } else if (t.size() == 3 && t.get(1).kind == Tok.TIMES) {
        n = uint(t.get(2), line);
      } else if (t.size() == 5
          && (t.get(1).kind == Tok.ADD || t.get(1).kind == Tok.SUB)
          && t.get(2).kind == Tok.HIST
          && t.get(3).kind == Tok.TIMES) {
        n = uint(t.get(4), line);
      } else {
        throw bad(t, line);
      }
      for (long k = 0; k <= n; k++) {
        out.add(HISTOGRAM, 0);
      }
      return;
    }
    int[] pos = {0};
    double v = seriesValue(t, pos, line);
    if (pos[0] == t.size()) {
      out.add(FLOAT, v);
      return;
    }
    if (t.get(pos[0]).kind == Tok.TIMES && pos[0] + 2 == t.size()) {
      long n = uint(t.get(pos[0] + 1), line);
      for (long k = 0; k <= n; k++) {
        out.add(FLOAT, v);
      }
      return;
    }
    Tok sign = t.get(pos[0]).kind;
    if ((sign == Tok.ADD || sign == Tok.SUB)
        && pos[0] + 4 == t.size()
        && t.get(pos[0] + 1).kind == Tok.NUMBER
        && t.get(pos[0] + 2).kind == Tok.TIMES) {
      double delta = number(t.get(pos[0] + 1).text, line);
      if (sign == Tok.SUB) {
        delta = -delta;
      }
      long n = uint(t.get(pos[0] + 3), line);
      // Repeated addition, not a + k*b: upstream accumulates, and the loaded bits should match.
      for (long k = 0; k <= n; k++) {
        out.add(FLOAT, v);
        v += delta;
      }
      return;
    }
    throw bad(t, line);
  }

  /** {@code stale}, or a number with an optional sign; advances {@code pos[0]} past it. */
  private static double seriesValue(List<Token> t, int[] pos, String line) {
    Token tok = t.get(pos[0]);
    if (tok.kind == Tok.IDENT && tok.text.equals("stale")) {
      pos[0]++;
      return StaleMarker.VALUE;
    }
    double sign = 1;
    if (tok.kind == Tok.ADD || tok.kind == Tok.SUB) {
      sign = tok.kind == Tok.SUB ? -1 : 1;
      pos[0]++;
      if (pos[0] >= t.size()) {
        throw bad(t, line);
      }
      tok = t.get(pos[0]);
    }
    if (tok.kind != Tok.NUMBER) {
      throw bad(t, line);
    }
    pos[0]++;
    return sign * number(tok.text, line);
  }

  private static long uint(Token tok, String line) {
    if (tok.kind != Tok.NUMBER || !tok.text.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
      throw new IllegalArgumentException("expected a repetition count, got " + tok.text + " in: " + line);
    }
    return Long.parseLong(tok.text);
  }

  /**
   * A number as upstream's parser reads one: Go's {@code ParseInt(s, 0, 64)} first (so a leading
   * 0 means octal), then {@code ParseFloat}. Inf and NaN in any case.
   */
  static double number(String s, String line) {
    if (s.equalsIgnoreCase("inf")) {
      return Double.POSITIVE_INFINITY;
    }
    if (s.equalsIgnoreCase("nan")) {
      return Double.NaN;
    }
    if (s.matches("[0-9][0-9_]*")) {
      String digits = s.replace("_", "");
      boolean octal = digits.length() > 1 && digits.charAt(0) == '0';
      try {
        return Long.parseLong(digits, octal ? 8 : 10);
      } catch (NumberFormatException e) {
        if (!octal && !s.contains("_")) {
          return Double.parseDouble(s); // beyond int64: ParseFloat takes it
        }
        throw new IllegalArgumentException("error parsing number " + s + " in: " + line);
      }
    }
    if (s.contains("_") || !s.matches("([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?")) {
      throw new IllegalArgumentException("error parsing number " + s + " in: " + line);
    }
    return Double.parseDouble(s);
  }

  private static List<Token> lex(Cursor c) {
    List<Token> out = new ArrayList<>();
    String s = c.s;
    while (!c.atEnd()) {
      char ch = c.peek();
      int start = c.pos;
      if (ch == '{' && c.pos + 1 < s.length() && s.charAt(c.pos + 1) == '{') {
        int close = s.indexOf("}}", c.pos + 2);
        if (close < 0) {
          throw c.error("unclosed histogram {{");
        }
        c.pos = close + 2;
        out.add(new Token(Tok.HIST, s.substring(start, c.pos)));
      } else if (isSpace(ch)) {
        c.skipSpaces();
        out.add(new Token(Tok.SPACE, " "));
      } else if (ch == '+') {
        c.pos++;
        out.add(new Token(Tok.ADD, "+"));
      } else if (ch == '-') {
        c.pos++;
        out.add(new Token(Tok.SUB, "-"));
      } else if (ch == 'x') {
        c.pos++;
        out.add(new Token(Tok.TIMES, "x"));
      } else if (ch == '_') {
        c.pos++;
        out.add(new Token(Tok.BLANK, "_"));
      } else if (isDigit(ch) || (ch == '.' && c.pos + 1 < s.length() && isDigit(s.charAt(c.pos + 1)))) {
        while (!c.atEnd()) {
          char d = c.peek();
          if (isDigit(d) || d == '.' || d == '_') {
            c.pos++;
          } else if (d == 'e' || d == 'E') {
            c.pos++;
            if (!c.atEnd() && (c.peek() == '+' || c.peek() == '-')) {
              c.pos++;
            }
          } else {
            break;
          }
        }
        if (!c.atEnd() && c.peek() != 'x' && isLabelChar(c.peek())) {
          throw c.error("bad number or duration syntax");
        }
        out.add(new Token(Tok.NUMBER, s.substring(start, c.pos)));
      } else if (isLabelStart(ch)) {
        while (!c.atEnd() && isLabelChar(c.peek())) {
          c.pos++;
        }
        String word = s.substring(start, c.pos);
        boolean isNumber = word.equalsIgnoreCase("inf") || word.equalsIgnoreCase("nan");
        out.add(new Token(isNumber ? Tok.NUMBER : Tok.IDENT, word));
      } else {
        throw c.error("unexpected character in series sequence: '" + ch + "'");
      }
    }
    return out;
  }

  private static IllegalArgumentException bad(List<Token> t, String line) {
    StringBuilder sb = new StringBuilder();
    t.forEach(tok -> sb.append(tok.text));
    return new IllegalArgumentException("invalid series item \"" + sb + "\" in: " + line);
  }

  // ---- characters ----

  static boolean isSpace(char c) {
    return c == ' ' || c == '\t';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isLabelStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isLabelChar(char c) {
    return isLabelStart(c) || isDigit(c);
  }

  private static boolean isMetricStart(char c) {
    return isLabelStart(c) || c == ':';
  }

  private static boolean isMetricChar(char c) {
    return isLabelChar(c) || c == ':';
  }

  private static boolean isQuote(char c) {
    return c == '"' || c == '\'' || c == '`';
  }

  /** A position in the line being parsed. */
  private static final class Cursor {
    final String s;
    int pos;

    Cursor(String s) {
      this.s = s;
    }

    boolean atEnd() {
      return pos >= s.length();
    }

    char peek() {
      return s.charAt(pos);
    }

    void skipSpaces() {
      while (!atEnd() && isSpace(peek())) {
        pos++;
      }
    }

    /** The quoted literal starting here, quotes included; escapes are skipped over, not decoded. */
    String quoted() {
      char q = peek();
      int start = pos++;
      while (!atEnd()) {
        char ch = s.charAt(pos++);
        if (ch == '\\' && q != '`') {
          pos++;
        } else if (ch == q) {
          return s.substring(start, pos);
        }
      }
      throw error("unterminated quoted string");
    }

    IllegalArgumentException error(String what) {
      return new IllegalArgumentException(what + " at column " + (pos + 1) + " in: " + s);
    }
  }

  /** A growable pair of primitive arrays. */
  private static final class Items {
    byte[] kinds = new byte[16];
    double[] values = new double[16];
    int n;

    void add(byte kind, double v) {
      if (n == kinds.length) {
        kinds = Arrays.copyOf(kinds, n * 2);
        values = Arrays.copyOf(values, n * 2);
      }
      kinds[n] = kind;
      values[n] = v;
      n++;
    }
  }
}
