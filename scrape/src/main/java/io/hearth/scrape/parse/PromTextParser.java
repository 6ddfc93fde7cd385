package io.hearth.scrape.parse;

/**
 * The Prometheus text format 0.0.4, parsed as Prometheus 3's {@code PromParser} parses it: the same
 * accepted input (quoted UTF-8 metric and label names, free trailing commas, integer millisecond
 * timestamps, blank lines, any {@code #} comment) and the same error texts, prefixed by the line.
 *
 * <p>Input is read as if it ended with one more newline, as Prometheus appends one, so a last line
 * without a newline parses. {@link #seriesBytes()} spans exactly what Prometheus's {@code Series()}
 * returns. Not thread-safe; reuse with {@link #reset}. A {@link #next()} over sample lines
 * allocates nothing.
 */
public final class PromTextParser extends TextParser {
  @Override
  public void reset(byte[] buf, int length) {
    resetInput(buf, length, length + 1);
  }

  // ---- lexer (promlex.l) --------------------------------------------------------------------

  private int lex() {
    if (i >= vlen) {
      return T_EOF;
    }
    int c = at(i);
    start = i;
    return switch (state) {
      case S_INIT -> lexInit(c);
      case S_COMMENT -> lexComment(c);
      case S_META1 -> lexMeta1(c);
      case S_META2 -> lexMeta2(c);
      case S_LABELS -> lexLabels(c);
      case S_LVALUE -> lexLabelValue(c);
      case S_VALUE -> lexValue(c);
      case S_TIMESTAMP -> lexTimestamp(c);
      default -> throw new IllegalStateException("invalid start condition " + state);
    };
  }

  private static boolean isBlank(int c) {
    return c == ' ' || c == '\t';
  }

  private int whitespace() {
    int c;
    do {
      c = advance();
    } while (isBlank(c));
    return T_WHITESPACE;
  }

  private int abort() {
    // Comments that merely start like HELP or TYPE are swallowed up to the newline.
    return state == S_COMMENT ? consumeComment() : T_INVALID;
  }

  private int consumeComment() {
    for (int c = i < vlen ? at(i) : 0; ; c = advance()) {
      if (c == 0) {
        return T_EOF;
      }
      if (c == '\n') {
        state = S_INIT;
        return T_COMMENT;
      }
    }
  }

  private int lexInit(int c) {
    if (isNameStart(c)) {
      scanName();
      state = S_VALUE;
      return T_MNAME;
    }
    switch (c) {
      case '#' -> {
        c = advance();
        if (!isBlank(c)) {
          return consumeComment();
        }
        do {
          c = advance();
        } while (isBlank(c));
        state = S_COMMENT;
        return lexComment(c);
      }
      case '\n' -> {
        advance();
        state = S_INIT;
        return T_LINEBREAK;
      }
      case ' ', '\t' -> {
        return whitespace();
      }
      case 0 -> {
        advance();
        return T_EOF;
      }
      case '{' -> {
        advance();
        state = S_LABELS;
        return T_BRACE_OPEN;
      }
      default -> {
        return abort();
      }
    }
  }

  private int lexComment(int c) {
    if (c == 'H' || c == 'T') {
      boolean help = c == 'H';
      if (help ? advance() != 'E' || advance() != 'L' || advance() != 'P'
          : advance() != 'Y' || advance() != 'P' || advance() != 'E') {
        return abort();
      }
      c = advance();
      if (!isBlank(c)) {
        return abort();
      }
      do {
        c = advance();
      } while (isBlank(c));
      state = S_META1;
      return help ? T_HELP : T_TYPE;
    }
    if (isBlank(c)) {
      return whitespace();
    }
    return abort();
  }

  private int lexMeta1(int c) {
    if (c == '"') {
      if (!scanQuoted(true)) {
        return abort();
      }
      state = S_META2;
      return T_MNAME;
    }
    if (isNameStart(c)) {
      scanName();
      state = S_META2;
      return T_MNAME;
    }
    if (isBlank(c)) {
      return whitespace();
    }
    return abort();
  }

  private static boolean isTextStart(int c) {
    return c != 0 && c != '\n' && c != ' ' && c != '\t';
  }

  private int lexMeta2(int c) {
    if (isBlank(c)) {
      do {
        c = advance();
      } while (isBlank(c));
      if (!isTextStart(c)) {
        return T_WHITESPACE;
      }
    }
    if (isTextStart(c)) {
      do {
        c = advance();
      } while (c != 0 && c != '\n');
    }
    // {C}* also matches the empty string, so this state never fails.
    state = S_INIT;
    return T_TEXT;
  }

  private int lexLabels(int c) {
    if (isLabelStart(c)) {
      scanLabelName();
      return T_LNAME;
    }
    switch (c) {
      case '"' -> {
        return scanQuoted(true) ? T_QSTRING : abort();
      }
      case ',' -> {
        advance();
        return T_COMMA;
      }
      case '=' -> {
        advance();
        state = S_LVALUE;
        return T_EQUAL;
      }
      case ' ', '\t' -> {
        return whitespace();
      }
      case '}' -> {
        advance();
        state = S_VALUE;
        return T_BRACE_CLOSE;
      }
      default -> {
        return abort();
      }
    }
  }

  private int lexLabelValue(int c) {
    if (c == '"') {
      if (!scanQuoted(true)) {
        return abort();
      }
      state = S_LABELS;
      return T_LVALUE;
    }
    if (isBlank(c)) {
      return whitespace();
    }
    return abort();
  }

  private static boolean isValueChar(int c) {
    return c != 0 && c != '\t' && c != '\n' && c != ' ' && c != '{';
  }

  private int lexValue(int c) {
    if (isBlank(c)) {
      return whitespace();
    }
    if (c == '{') {
      advance();
      state = S_LABELS;
      return T_BRACE_OPEN;
    }
    if (isValueChar(c)) {
      int p = i + 1;
      while (p < len && isValueChar(buf[p] & 0xff)) {
        p++;
      }
      i = p; // the virtual newline past the end ends a value too
      state = S_TIMESTAMP;
      return T_VALUE;
    }
    return abort();
  }

  private int lexTimestamp(int c) {
    if (c == '\n') {
      advance();
      state = S_INIT;
      return T_LINEBREAK;
    }
    if (isBlank(c)) {
      return whitespace();
    }
    if (c >= '0' && c <= '9') {
      int p = i + 1;
      while (p < len && buf[p] >= '0' && buf[p] <= '9') {
        p++;
      }
      i = p;
      return T_TIMESTAMP;
    }
    return abort();
  }

  /** The next token that is not whitespace. */
  private int nextToken() {
    int t;
    do {
      t = lex();
    } while (t == T_WHITESPACE);
    return t;
  }

  // ---- parser (promparse.go) ----------------------------------------------------------------

  @Override
  public Entry next() {
    if (done) {
      return Entry.EOF;
    }
    for (; ; ) {
      pstart = i;
      nOffsets = 0;
      int t = nextToken();
      switch (t) {
        case T_EOF -> {
          done = true;
          return Entry.EOF;
        }
        case T_LINEBREAK -> {
          // blank line
        }
        case T_HELP, T_TYPE -> {
          return metadata(t);
        }
        case T_COMMENT -> {
          textStart = start;
          textEnd = i;
          int t2 = nextToken();
          if (t2 != T_LINEBREAK) {
            throw parseError("linebreak expected after comment", t2);
          }
          return Entry.COMMENT;
        }
        case T_BRACE_OPEN -> {
          addOffsets(-1, -1); // the name may come as a quoted string inside the braces
          parseLabelValues();
          seriesEnd = i;
          return parseMetricSuffix(nextToken());
        }
        case T_MNAME -> {
          // Prometheus takes the name from the entry start, leading blanks included.
          addOffsets(pstart, i);
          seriesEnd = i;
          int t2 = nextToken();
          if (t2 == T_BRACE_OPEN) {
            parseLabelValues();
            seriesEnd = i;
            t2 = nextToken();
          }
          return parseMetricSuffix(t2);
        }
        default -> throw parseError("expected a valid start token", t);
      }
    }
  }

  private Entry metadata(int t) {
    int t2 = nextToken();
    if (t2 != T_MNAME) {
      throw parseError("expected metric name after " + tokenName(t), t2);
    }
    int mStart = start;
    int mEnd = i;
    if (buf[mStart] == '"' && buf[mEnd - 1] == '"') {
      mStart++;
      mEnd--;
    }
    addOffsets(mStart, mEnd);
    t2 = nextToken();
    if (t2 != T_TEXT) {
      throw error("expected text in " + tokenName(t) + ", got " + tokenName(t2));
    }
    if (i - start > 1) {
      textStart = start + 1;
      textEnd = i;
    } else {
      textStart = textEnd = i;
    }
    if (t == T_TYPE) {
      mtype = parseType();
    } else if (!GoText.validUtf8(buf, textStart, textEnd)) {
      throw error("help text " + q(textStart, textEnd) + " is not a valid utf8 string");
    }
    int t3 = nextToken();
    if (t3 != T_LINEBREAK) {
      throw parseError("linebreak expected after metadata", t3);
    }
    return t == T_TYPE ? Entry.TYPE : Entry.HELP;
  }

  private MetricType parseType() {
    if (textIs("counter")) {
      return MetricType.COUNTER;
    } else if (textIs("gauge")) {
      return MetricType.GAUGE;
    } else if (textIs("histogram")) {
      return MetricType.HISTOGRAM;
    } else if (textIs("summary")) {
      return MetricType.SUMMARY;
    } else if (textIs("untyped")) {
      return MetricType.UNKNOWN;
    }
    throw error("invalid metric type " + q(textStart, textEnd));
  }

  private void parseLabelValues() {
    int t = nextToken();
    for (; ; ) {
      int tStart = start;
      int tEnd = i;
      boolean quoted;
      switch (t) {
        case T_BRACE_CLOSE -> {
          return;
        }
        case T_LNAME -> quoted = false;
        case T_QSTRING -> quoted = true;
        default -> throw parseError("expected label name", t);
      }
      t = nextToken();
      if (quoted && (t == T_COMMA || t == T_BRACE_CLOSE)) {
        // A bare quoted string is the metric name.
        if (offsets[0] != -1 || offsets[1] != -1) {
          throw error("metric name already set while parsing: " + q(pstart, i));
        }
        offsets[0] = tStart + 1;
        offsets[1] = tEnd - 1;
        if (t == T_BRACE_CLOSE) {
          return;
        }
        t = nextToken();
        continue;
      }
      if (buf[tStart] == '"') {
        tStart++;
        tEnd--;
      }
      addOffsets(tStart, tEnd);
      if (t != T_EQUAL) {
        throw parseError("expected equal", t);
      }
      t = nextToken();
      if (t != T_LVALUE) {
        throw parseError("expected label value", t);
      }
      if (!GoText.validUtf8(buf, start, i)) {
        throw error("invalid UTF-8 label value: " + q(start, i));
      }
      addOffsets(start + 1, i - 1);
      // A trailing comma is allowed, and so (unlike OpenMetrics) is a missing one.
      t = nextToken();
      if (t == T_COMMA) {
        t = nextToken();
      }
    }
  }

  private Entry parseMetricSuffix(int t) {
    if (offsets[0] == -1) {
      throw error("metric name not set while parsing: " + q(pstart, i));
    }
    if (t != T_VALUE) {
      throw parseError("expected value after metric", t);
    }
    double v = parseValue(start, i);
    value = Double.isNaN(v) ? NORMAL_NAN : v;
    hasTs = false;
    int t2 = nextToken();
    switch (t2) {
      case T_LINEBREAK -> {}
      case T_TIMESTAMP -> {
        hasTs = true;
        ts = parseMillis(start, i);
        int t3 = nextToken();
        if (t3 != T_LINEBREAK) {
          throw parseError("expected next entry after timestamp", t3);
        }
      }
      default -> throw parseError("expected timestamp or new record", t2);
    }
    return Entry.SERIES;
  }

  /** Go's strconv.ParseInt(s, 10, 64) over digits the lexer has checked. */
  private long parseMillis(int from, int to) {
    long v = 0;
    for (int p = from; p < to; p++) {
      int d = buf[p] - '0';
      if (v > (Long.MAX_VALUE - d) / 10) {
        throw error(
            "strconv.ParseInt: parsing " + q(from, to) + ": value out of range while parsing: "
                + q(pstart, i));
      }
      v = v * 10 + d;
    }
    return v;
  }

  @Override
  public String help() {
    return GoText.unescapeHelp(string(textStart, textEnd));
  }

  /** The text format has no units. */
  @Override
  public String unit() {
    return "";
  }

  /** The text format has no exemplars. */
  @Override
  public boolean exemplar(Exemplar into) {
    return false;
  }

  /** Prometheus does not read start timestamps from the text format. */
  @Override
  public long startTimestamp() {
    return 0;
  }
}
