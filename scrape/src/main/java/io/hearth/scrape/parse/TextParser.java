package io.hearth.scrape.parse;

import io.hearth.labels.Labels;
import io.hearth.labels.LabelsBuilder;
import java.nio.charset.StandardCharsets;

/**
 * What the Prometheus text and OpenMetrics parsers share: the byte cursor their lexers move, the
 * offsets of the current sample's name and labels, the accessors and the error texts.
 *
 * <p>The lexers are hand ports of Prometheus's golex state machines ({@code promlex.l}, {@code
 * openmetricslex.l}): same start conditions, same longest-match tokens, and the same cursor
 * position after a failed match, because the error messages quote the input up to that position.
 *
 * <p>Offsets: {@code offsets[0..1]} bound the metric name (-1 until known), then every four ints
 * bound a label name and its value, unquoted but still escaped, as absolute positions in the
 * buffer.
 */
abstract sealed class TextParser implements ExpositionParser
    permits PromTextParser, OpenMetricsParser {
  // Tokens, named as Prometheus names them in its error messages.
  static final int T_INVALID = -1;
  static final int T_EOF = 0;
  static final int T_LINEBREAK = 2;
  static final int T_WHITESPACE = 3;
  static final int T_HELP = 4;
  static final int T_TYPE = 5;
  static final int T_UNIT = 6;
  static final int T_EOF_WORD = 7;
  static final int T_TEXT = 8;
  static final int T_COMMENT = 9;
  static final int T_MNAME = 11;
  static final int T_QSTRING = 12;
  static final int T_BRACE_OPEN = 13;
  static final int T_BRACE_CLOSE = 14;
  static final int T_LNAME = 15;
  static final int T_LVALUE = 16;
  static final int T_COMMA = 17;
  static final int T_EQUAL = 18;
  static final int T_TIMESTAMP = 19;
  static final int T_VALUE = 20;

  // Lexer start conditions.
  static final int S_INIT = 0;
  static final int S_COMMENT = 1;
  static final int S_META1 = 2;
  static final int S_META2 = 3;
  static final int S_LABELS = 4;
  static final int S_LVALUE = 5;
  static final int S_VALUE = 6;
  static final int S_TIMESTAMP = 7;
  static final int S_EXEMPLAR = 8;
  static final int S_EVALUE = 9;
  static final int S_ETIMESTAMP = 10;

  byte[] buf = new byte[0];
  int len;
  /** The lexer's input length: Prometheus text sees one extra '\n' past {@link #len}. */
  int vlen;
  /** Lexer cursor (Go's l.i), token start (l.start) and start condition (l.state). */
  int i;
  int start;
  int state;
  /** Where the current entry began (Go's p.start). */
  int pstart;
  int[] offsets = new int[34];
  int nOffsets;
  int seriesEnd;
  int textStart;
  int textEnd;
  MetricType mtype = MetricType.UNKNOWN;
  double value;
  long ts;
  boolean hasTs;
  boolean done;
  final GoFloat floats = new GoFloat();

  /** Prometheus's value.NormalNaN: the one NaN a parsed sample may carry. */
  static final double NORMAL_NAN = Double.longBitsToDouble(0x7ff8000000000001L);

  void resetInput(byte[] buf, int length, int virtualLength) {
    if (length < 0 || length > buf.length) {
      throw new IllegalArgumentException("length must be within the buffer, got " + length);
    }
    this.buf = buf;
    this.len = length;
    this.vlen = virtualLength;
    i = 0;
    start = 0;
    state = S_INIT;
    pstart = 0;
    nOffsets = 0;
    seriesEnd = 0;
    textStart = 0;
    textEnd = 0;
    mtype = MetricType.UNKNOWN;
    value = 0;
    ts = 0;
    hasTs = false;
    done = false;
  }

  /** The byte at p as the lexer sees it; position {@link #len} is the virtual newline. */
  final int at(int p) {
    return p < len ? buf[p] & 0xff : '\n';
  }

  /** Go's lexer advance(): advance, return 0 past the end, skip NULs where the format allows them. */
  final int advance() {
    int p = ++i;
    if (p >= vlen) {
      return 0;
    }
    int c = at(p);
    while (c == 0 && (state == S_LVALUE || state == S_META2 || state == S_COMMENT)) {
      p = ++i;
      if (p >= vlen) {
        return 0;
      }
      c = at(p);
    }
    return c;
  }

  private static final boolean[] NAME_START = new boolean[256];
  private static final boolean[] NAME_CHAR = new boolean[256];
  private static final boolean[] LABEL_CHAR = new boolean[256];

  static {
    for (int c = 0; c < 256; c++) {
      boolean letter = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
      boolean digit = c >= '0' && c <= '9';
      NAME_START[c] = letter || c == ':';
      NAME_CHAR[c] = letter || digit || c == ':';
      LABEL_CHAR[c] = letter || digit;
    }
  }

  /** c is a lexer byte (0..255, 0 past the end). */
  static boolean isNameStart(int c) {
    return NAME_START[c];
  }

  static boolean isLabelStart(int c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
  }

  /**
   * Scans a metric name whose first byte is the current one; the cursor ends past it. Names are
   * never lexed where NULs are skipped, so a plain loop over the buffer matches golex.
   */
  final void scanName() {
    int p = i + 1;
    byte[] b = buf;
    int n = len;
    while (p < n && NAME_CHAR[b[p] & 0xff]) {
      p++;
    }
    i = p;
  }

  final void scanLabelName() {
    int p = i + 1;
    byte[] b = buf;
    int n = len;
    while (p < n && LABEL_CHAR[b[p] & 0xff]) {
      p++;
    }
    i = p;
  }

  /**
   * Scans a double-quoted string whose opening quote is the current byte. Returns false where the
   * lexer would abort (NUL, unterminated, raw newline when not allowed), leaving the cursor on the
   * offending byte as golex does.
   */
  final boolean scanQuoted(boolean allowNewline) {
    for (; ; ) {
      // Ordinary bytes need none of advance()'s care.
      int p = i + 1;
      byte[] b = buf;
      int n = len;
      while (p < n) {
        byte x = b[p];
        if (x == '"' || x == '\\' || x == '\n' || x == 0) {
          break;
        }
        p++;
      }
      i = p - 1;
      int c = advance();
      if (c == '"') {
        advance();
        return true;
      }
      if (c == '\\') {
        c = advance();
        if (c == 0 || c == '\n') {
          return false;
        }
        continue;
      }
      if (c == 0 || c == '\n' && !allowNewline) {
        return false;
      }
    }
  }

  final void addOffsets(int a, int b) {
    if (nOffsets + 2 > offsets.length) {
      offsets = java.util.Arrays.copyOf(offsets, offsets.length * 2);
    }
    offsets[nOffsets++] = a;
    offsets[nOffsets++] = b;
  }

  static String tokenName(int t) {
    return switch (t) {
      case T_INVALID -> "INVALID";
      case T_EOF -> "EOF";
      case T_LINEBREAK -> "LINEBREAK";
      case T_WHITESPACE -> "WHITESPACE";
      case T_HELP -> "HELP";
      case T_TYPE -> "TYPE";
      case T_UNIT -> "UNIT";
      case T_EOF_WORD -> "EOFWORD";
      case T_TEXT -> "TEXT";
      case T_COMMENT -> "COMMENT";
      case T_MNAME -> "MNAME";
      case T_QSTRING -> "QSTRING";
      case T_BRACE_OPEN -> "BOPEN";
      case T_BRACE_CLOSE -> "BCLOSE";
      case T_LNAME -> "LNAME";
      case T_LVALUE -> "LVALUE";
      case T_COMMA -> "COMMA";
      case T_EQUAL -> "EQUAL";
      case T_TIMESTAMP -> "TIMESTAMP";
      case T_VALUE -> "VALUE";
      default -> "<invalid: " + t + ">";
    };
  }

  // ---- errors -------------------------------------------------------------------------------

  /** Go's %q of the lexer's input [from, to), virtual newline included. */
  final String q(int from, int to) {
    to = Math.min(to, vlen);
    from = Math.min(from, to);
    if (to <= len) {
      return GoQuote.quote(buf, from, to);
    }
    byte[] copy = new byte[to - from];
    for (int p = from; p < to; p++) {
      copy[p - from] = (byte) at(p);
    }
    return GoQuote.quote(copy, 0, copy.length);
  }

  final ExpositionException error(String reason) {
    int line = 1;
    int end = Math.min(pstart, len);
    for (int p = 0; p < end; p++) {
      if (buf[p] == '\n') {
        line++;
      }
    }
    return new ExpositionException("line " + line + ": " + reason);
  }

  /** Prometheus's parseError: what was expected, the token got, and the entry so far. */
  final ExpositionException parseError(String expected, int got) {
    int e = Math.min(vlen, i + 1);
    return error(
        expected + ", got " + q(start, e) + " (" + GoQuote.quote(tokenName(got))
            + ") while parsing: " + q(pstart, e));
  }

  /** Go's strconv.ParseFloat error text, as wrapped by the parsers. */
  final ExpositionException floatError(int status, int from, int to) {
    String why = status == GoFloat.RANGE ? "value out of range" : "invalid syntax";
    return error(
        "strconv.ParseFloat: parsing " + q(from, to) + ": " + why + " while parsing: "
            + q(pstart, i));
  }

  /**
   * Prometheus's parseFloat: Go's ParseFloat minus the forms Go added in 1.13 (hex floats and
   * underscores). Sets {@link GoFloat#value} or throws.
   */
  final double parseValue(int from, int to) {
    for (int p = from; p < to; p++) {
      byte c = buf[p];
      if (c == 'p' || c == 'P' || c == '_') {
        throw error("unsupported character in float while parsing: " + q(pstart, i));
      }
    }
    int status = floats.parse(buf, from, to);
    if (status != GoFloat.OK) {
      throw floatError(status, from, to);
    }
    return floats.value;
  }

  /** Go's %f as Prometheus prints a NaN or infinite timestamp. */
  static String goPercentF(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    return String.format("%f", v);
  }

  /** Go's int64(float64) on amd64: truncation, and MinInt64 for anything out of range. */
  static long goInt64(double v) {
    if (v >= -9.223372036854775808E18 && v < 9.223372036854775808E18) {
      return (long) v;
    }
    return Long.MIN_VALUE;
  }

  /** True when the current text token equals {@code word} (ASCII). */
  final boolean textIs(String word) {
    if (textEnd - textStart != word.length()) {
      return false;
    }
    for (int k = 0; k < word.length(); k++) {
      if (buf[textStart + k] != word.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  // ---- accessors ----------------------------------------------------------------------------

  @Override
  public byte[] seriesBytes() {
    return buf;
  }

  @Override
  public int seriesOffset() {
    return pstart;
  }

  @Override
  public int seriesLength() {
    return seriesEnd - pstart;
  }

  /** The whole metadata line: the entry starts at {@link #pstart} and the cursor is past it. */
  @Override
  public int metadataOffset() {
    return pstart;
  }

  @Override
  public int metadataLength() {
    return i - pstart;
  }

  @Override
  public double value() {
    return value;
  }

  @Override
  public boolean hasTimestamp() {
    return hasTs;
  }

  @Override
  public long timestamp() {
    return ts;
  }

  @Override
  public MetricType type() {
    return mtype;
  }

  /** The family name of a HELP, TYPE or UNIT entry, as written (quotes removed, not unescaped). */
  @Override
  public String metricName() {
    return string(offsets[0], offsets[1]);
  }

  @Override
  public String comment() {
    return string(textStart, textEnd);
  }

  final String string(int from, int to) {
    return new String(buf, from, to - from, StandardCharsets.UTF_8);
  }

  @Override
  public void labels(LabelsBuilder into) {
    if (offsets[0] < 0) {
      return;
    }
    into.set(Labels.METRIC_NAME, GoText.unescapeLabel(string(offsets[0], offsets[1])));
    for (int k = 2; k + 3 < nOffsets; k += 4) {
      String name = GoText.unescapeLabel(string(offsets[k], offsets[k + 1]));
      String v = GoText.unescapeLabel(string(offsets[k + 2], offsets[k + 3]));
      if (name.isEmpty()) {
        // Prometheus parses it and then fails the scrape on the invalid label set.
        throw error("invalid metric name or label names: empty label name in " + q(pstart, seriesEnd));
      }
      if (!into.get(name).isEmpty()) {
        // Prometheus's storage refuses the sample with these words, failing the scrape.
        throw error("label name " + GoQuote.quote(name) + " is not unique: invalid sample");
      }
      into.set(name, normalizeFloat(name, v));
    }
  }

  @Override
  public boolean exposesLabel(String name) {
    for (int k = 2; k + 3 < nOffsets && offsets[0] >= 0; k += 4) {
      if (GoText.unescapeLabel(string(offsets[k], offsets[k + 1])).equals(name)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Prometheus's normalizeFloatsInLabelValues: {@code le} of a histogram and {@code quantile} of
   * a summary in OpenMetrics float form, so "1" and "1.0" are one series.
   */
  final String normalizeFloat(String name, String v) {
    boolean le = mtype == MetricType.HISTOGRAM && name.equals("le");
    boolean quantile = mtype == MetricType.SUMMARY && name.equals("quantile");
    if (!le && !quantile) {
      return v;
    }
    byte[] b = v.getBytes(StandardCharsets.UTF_8);
    if (floats.parse(b, 0, b.length) != GoFloat.OK) {
      return v;
    }
    return FloatFormat.openMetrics(floats.value);
  }
}
