package io.hearth.scrape.parse;

import io.hearth.labels.LabelsBuilder;

/**
 * OpenMetrics 1.0 text, parsed as Prometheus 3's {@code OpenMetricsParser} parses it: {@code # EOF}
 * required and nothing after it, float-second timestamps turned into milliseconds, one exemplar per
 * sample, {@code # UNIT} checked against the family name, and the same error texts, prefixed by
 * the line.
 *
 * <p>{@code _created} lines of counters, summaries and histograms are samples of their own by
 * default, as Prometheus's scrape loop sees them unless start-timestamp ingestion is on; pass
 * {@code skipStartTimestampSeries} to drop them and read them through {@link #startTimestamp()}
 * instead. Not thread-safe; reuse with {@link #reset}. A {@link #next()} over sample lines
 * allocates nothing.
 */
public final class OpenMetricsParser extends TextParser {
  private final boolean skipStartTimestampSeries;
  private boolean skipCreated;

  private int[] eOffsets = new int[16];
  private int nEOffsets;
  private boolean hasExemplar;
  private double exemplarValue;
  private long exemplarTs;
  private boolean hasExemplarTs;
  private final LabelsBuilder exemplarLabels = new LabelsBuilder();
  /** Set while {@link #startTimestamp()} reads ahead, so exemplars of later lines are skipped. */
  private boolean ignoreExemplar;

  private int unitStart;
  private int unitEnd;

  // Start-timestamp look-ahead cache: the last family+labels hash and what it found.
  private long stHash;
  private long st;
  private int[] saved = new int[34];

  public OpenMetricsParser() {
    this(false);
  }

  /**
   * @param skipStartTimestampSeries Prometheus's {@code OpenMetricsSkipSTSeries}: hide the {@code
   *     _created} samples of counters, summaries and histograms
   */
  public OpenMetricsParser(boolean skipStartTimestampSeries) {
    this.skipStartTimestampSeries = skipStartTimestampSeries;
  }

  @Override
  public void reset(byte[] buf, int length) {
    resetInput(buf, length, length);
    skipCreated = skipStartTimestampSeries;
    nEOffsets = 0;
    hasExemplar = false;
    ignoreExemplar = false;
    unitStart = unitEnd = 0;
    stHash = 0;
    st = 0;
  }

  // ---- lexer (openmetricslex.l) -------------------------------------------------------------

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
      case S_LABELS, S_EXEMPLAR -> lexLabels(c);
      case S_LVALUE -> lexLabelValue(c);
      case S_VALUE -> lexValue(c);
      case S_TIMESTAMP -> lexTimestamp(c);
      case S_EVALUE -> lexExemplarValue(c);
      case S_ETIMESTAMP -> lexExemplarTimestamp(c);
      default -> throw new IllegalStateException("invalid start condition " + state);
    };
  }

  /** Anything but NUL, newline and space: what a value or timestamp is made of. */
  private static boolean isValueChar(int c) {
    return c != 0 && c != '\n' && c != ' ';
  }

  private int lexInit(int c) {
    if (isNameStart(c)) {
      scanName();
      state = S_VALUE;
      return T_MNAME;
    }
    if (c == '#') {
      if (advance() != ' ') {
        return T_INVALID;
      }
      c = advance();
      state = S_COMMENT;
      return lexComment(c);
    }
    if (c == '{') {
      advance();
      state = S_LABELS;
      return T_BRACE_OPEN;
    }
    return T_INVALID;
  }

  private int lexComment(int c) {
    switch (c) {
      case 'E' -> {
        if (advance() != 'O' || advance() != 'F') {
          return T_INVALID;
        }
        if (advance() == '\n') {
          advance();
        }
        state = S_INIT;
        return T_EOF_WORD;
      }
      case 'H' -> {
        return keyword('E', 'L', 'P', T_HELP);
      }
      case 'T' -> {
        return keyword('Y', 'P', 'E', T_TYPE);
      }
      case 'U' -> {
        return keyword('N', 'I', 'T', T_UNIT);
      }
      default -> {
        return T_INVALID;
      }
    }
  }

  private int keyword(char a, char b, char c, int token) {
    if (advance() != a || advance() != b || advance() != c || advance() != ' ') {
      return T_INVALID;
    }
    advance();
    state = S_META1;
    return token;
  }

  private int lexMeta1(int c) {
    if (c == '"') {
      if (!scanQuoted(true)) {
        return T_INVALID;
      }
      state = S_META2;
      return T_MNAME;
    }
    if (isNameStart(c)) {
      scanName();
      state = S_META2;
      return T_MNAME;
    }
    return T_INVALID;
  }

  private int lexMeta2(int c) {
    if (c != ' ') {
      return T_INVALID;
    }
    for (; ; ) {
      c = advance();
      if (c == '\n') {
        advance();
        state = S_INIT;
        return T_TEXT;
      }
      if (c == 0) {
        return T_INVALID;
      }
    }
  }

  /** Labels of a sample ({@code S_LABELS}) or of an exemplar ({@code S_EXEMPLAR}). */
  private int lexLabels(int c) {
    boolean exemplar = state == S_EXEMPLAR;
    if (isLabelStart(c)) {
      scanLabelName();
      return T_LNAME;
    }
    switch (c) {
      case '"' -> {
        // In an exemplar a quoted name may not span lines.
        return scanQuoted(!exemplar) ? T_QSTRING : T_INVALID;
      }
      case ',' -> {
        advance();
        return T_COMMA;
      }
      case '=' -> {
        advance();
        state = exemplar ? S_EVALUE : S_LVALUE;
        return T_EQUAL;
      }
      case '}' -> {
        advance();
        state = exemplar ? S_EVALUE : S_VALUE;
        return T_BRACE_CLOSE;
      }
      default -> {
        return T_INVALID;
      }
    }
  }

  private int lexLabelValue(int c) {
    if (c == '"' && scanQuoted(false)) {
      state = S_LABELS;
      return T_LVALUE;
    }
    return T_INVALID;
  }

  private int spaceThenValue() {
    int c = advance();
    if (!isValueChar(c)) {
      return T_INVALID;
    }
    int p = i + 1;
    while (p < len && isValueChar(buf[p] & 0xff)) {
      p++;
    }
    i = p;
    return T_VALUE;
  }

  private int lexValue(int c) {
    if (c == ' ') {
      int t = spaceThenValue();
      if (t == T_VALUE) {
        state = S_TIMESTAMP;
      }
      return t;
    }
    if (c == '{') {
      advance();
      state = S_LABELS;
      return T_BRACE_OPEN;
    }
    return T_INVALID;
  }

  private int lexTimestamp(int c) {
    if (c == '\n') {
      advance();
      state = S_INIT;
      return T_LINEBREAK;
    }
    if (c != ' ') {
      return T_INVALID;
    }
    c = advance();
    if (c == '#') {
      c = advance();
      if (c == ' ') {
        if (advance() != '{') {
          return T_INVALID;
        }
        advance();
        state = S_EXEMPLAR;
        return T_COMMENT;
      }
      // " #" followed by anything else is just a (bad) timestamp.
    } else if (!isValueChar(c)) {
      return T_INVALID;
    }
    while (isValueChar(c)) {
      c = advance();
    }
    return T_TIMESTAMP;
  }

  private int lexExemplarValue(int c) {
    if (c == ' ') {
      int t = spaceThenValue();
      if (t == T_VALUE) {
        state = S_ETIMESTAMP;
      }
      return t;
    }
    if (c == '"' && scanQuoted(false)) {
      state = S_EXEMPLAR;
      return T_LVALUE;
    }
    return T_INVALID;
  }

  private int lexExemplarTimestamp(int c) {
    if (c == '\n') {
      advance();
      state = S_INIT;
      return T_LINEBREAK;
    }
    if (c == ' ') {
      return spaceThenValue() == T_VALUE ? T_TIMESTAMP : T_INVALID;
    }
    return T_INVALID;
  }

  // ---- parser (openmetricsparse.go) ---------------------------------------------------------

  @Override
  public Entry next() {
    if (done) {
      return Entry.EOF;
    }
    for (; ; ) {
      pstart = i;
      nOffsets = 0;
      if (!ignoreExemplar) {
        nEOffsets = 0;
        hasExemplar = false;
        exemplarValue = 0;
        hasExemplarTs = false;
      }
      int t = lex();
      switch (t) {
        case T_EOF_WORD -> {
          if (lex() != T_EOF) {
            throw error("unexpected data after # EOF");
          }
          done = true;
          return Entry.EOF;
        }
        case T_EOF -> throw error("data does not end with # EOF");
        case T_HELP, T_TYPE, T_UNIT -> {
          return metadata(t);
        }
        case T_BRACE_OPEN -> {
          addOffsets(-1, -1);
          parseLabelValues(false);
          seriesEnd = i;
          parseSeriesEndOfLine(lex());
          if (skipCreated && isCreatedSeries()) {
            continue;
          }
          return Entry.SERIES;
        }
        case T_MNAME -> {
          addOffsets(pstart, i);
          seriesEnd = i;
          int t2 = lex();
          if (t2 == T_BRACE_OPEN) {
            parseLabelValues(false);
            seriesEnd = i;
            t2 = lex();
          }
          parseSeriesEndOfLine(t2);
          if (skipCreated && isCreatedSeries()) {
            continue;
          }
          return Entry.SERIES;
        }
        default -> throw parseError("expected a valid start token", t);
      }
    }
  }

  private Entry metadata(int t) {
    int t2 = lex();
    if (t2 != T_MNAME) {
      throw parseError("expected metric name after " + tokenName(t), t2);
    }
    int mStart = start;
    int mEnd = i;
    if (buf[mStart] == '"' && buf[mEnd - 1] == '"') {
      mStart++;
      mEnd--;
    }
    mfNameLen = mEnd - mStart;
    addOffsets(mStart, mEnd);
    if (lex() != T_TEXT) {
      throw error("expected text in " + tokenName(t));
    }
    if (i - start > 1) {
      textStart = start + 1;
      textEnd = i - 1;
    } else {
      textStart = textEnd = i;
    }
    switch (t) {
      case T_TYPE -> {
        mtype = parseType();
        return Entry.TYPE;
      }
      case T_HELP -> {
        if (!GoText.validUtf8(buf, textStart, textEnd)) {
          throw error("help text " + q(textStart, textEnd) + " is not a valid utf8 string");
        }
        return Entry.HELP;
      }
      default -> {
        unitStart = textStart;
        unitEnd = textEnd;
        int ul = unitEnd - unitStart;
        if (ul > 0) {
          // The unit must be the family name's suffix, after an underscore.
          boolean ok = mEnd - mStart >= ul + 1 && buf[mEnd - ul - 1] == '_';
          for (int k = 0; ok && k < ul; k++) {
            ok = buf[mEnd - ul + k] == buf[unitStart + k];
          }
          if (!ok) {
            throw error(
                "unit " + q(unitStart, unitEnd) + " not a suffix of metric " + q(mStart, mEnd));
          }
        }
        return Entry.UNIT;
      }
    }
  }

  private MetricType parseType() {
    if (textIs("counter")) {
      return MetricType.COUNTER;
    } else if (textIs("gauge")) {
      return MetricType.GAUGE;
    } else if (textIs("histogram")) {
      return MetricType.HISTOGRAM;
    } else if (textIs("gaugehistogram")) {
      return MetricType.GAUGE_HISTOGRAM;
    } else if (textIs("summary")) {
      return MetricType.SUMMARY;
    } else if (textIs("info")) {
      return MetricType.INFO;
    } else if (textIs("stateset")) {
      return MetricType.STATESET;
    } else if (textIs("unknown")) {
      return MetricType.UNKNOWN;
    }
    throw error("invalid metric type " + q(textStart, textEnd));
  }

  private void addExemplarOffsets(int a, int b) {
    if (nEOffsets + 2 > eOffsets.length) {
      eOffsets = java.util.Arrays.copyOf(eOffsets, eOffsets.length * 2);
    }
    eOffsets[nEOffsets++] = a;
    eOffsets[nEOffsets++] = b;
  }

  private void parseLabelValues(boolean exemplar) {
    int t = lex();
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
      t = lex();
      if (quoted && (t == T_COMMA || t == T_BRACE_CLOSE)) {
        if (exemplar) {
          throw parseError("expected label name", t);
        }
        if (offsets[0] != -1 || offsets[1] != -1) {
          throw error("metric name already set while parsing: " + q(pstart, i));
        }
        offsets[0] = tStart + 1;
        offsets[1] = tEnd - 1;
        if (t == T_BRACE_CLOSE) {
          return;
        }
        t = lex();
        continue;
      }
      if (buf[tStart] == '"') {
        tStart++;
        tEnd--;
      }
      if (exemplar) {
        addExemplarOffsets(tStart, tEnd);
      } else {
        addOffsets(tStart, tEnd);
      }
      if (t != T_EQUAL) {
        throw parseError("expected equal", t);
      }
      t = lex();
      if (t != T_LVALUE) {
        throw parseError("expected label value", t);
      }
      if (!GoText.validUtf8(buf, start, i)) {
        throw error("invalid UTF-8 label value: " + q(start, i));
      }
      if (exemplar) {
        addExemplarOffsets(start + 1, i - 1);
      } else {
        addOffsets(start + 1, i - 1);
      }
      t = lex();
      if (t == T_COMMA) {
        t = lex();
      } else if (t != T_BRACE_CLOSE) {
        throw parseError("expected comma or brace close", t);
      }
    }
  }

  private boolean isCreatedSeries() {
    return requiresStartTimestamp(mtype) && endsWithCreated(offsets[0], offsets[1]);
  }

  private boolean endsWithCreated(int from, int to) {
    if (to - from < 8) {
      return false;
    }
    int p = to - 8;
    return buf[p] == '_' && buf[p + 1] == 'c' && buf[p + 2] == 'r' && buf[p + 3] == 'e'
        && buf[p + 4] == 'a' && buf[p + 5] == 't' && buf[p + 6] == 'e' && buf[p + 7] == 'd';
  }

  private static boolean requiresStartTimestamp(MetricType t) {
    return t == MetricType.COUNTER || t == MetricType.SUMMARY || t == MetricType.HISTOGRAM;
  }

  private void parseSeriesEndOfLine(int t) {
    if (offsets[0] == -1) {
      throw error("metric name not set while parsing: " + q(pstart, i));
    }
    value = floatToken(t, "metric");
    hasTs = false;
    int t2 = lex();
    switch (t2) {
      case T_EOF -> throw error("data does not end with # EOF");
      case T_COMMENT -> parseExemplar();
      case T_TIMESTAMP -> {
        hasTs = true;
        double f = parseValue(start + 1, i);
        if (Double.isNaN(f) || Double.isInfinite(f)) {
          throw error("invalid timestamp " + goPercentF(f));
        }
        ts = goInt64(f * 1000.0);
        int t3 = lex();
        if (t3 == T_COMMENT) {
          parseExemplar();
        } else if (t3 != T_LINEBREAK) {
          throw parseError("expected next entry after timestamp", t3);
        }
      }
      default -> {
        // Prometheus lets anything else pass here; the next line start then fails on it.
      }
    }
  }

  private double floatToken(int t, String after) {
    if (t != T_VALUE) {
      throw parseError("expected value after " + after, t);
    }
    double v = parseValue(start + 1, i);
    return Double.isNaN(v) ? NORMAL_NAN : v;
  }

  private void parseExemplar() {
    if (ignoreExemplar) {
      for (int t = lex(); t != T_LINEBREAK; t = lex()) {
        if (t == T_EOF) {
          throw error("data does not end with # EOF");
        }
        if (t == T_INVALID) { // Prometheus would spin here; stop instead
          throw error("invalid exemplar");
        }
      }
      return;
    }
    parseLabelValues(true);
    hasExemplar = true;
    exemplarValue = floatToken(lex(), "exemplar labels");
    hasExemplarTs = false;
    int t2 = lex();
    switch (t2) {
      case T_EOF -> throw error("data does not end with # EOF");
      case T_LINEBREAK -> {}
      case T_TIMESTAMP -> {
        hasExemplarTs = true;
        double f = parseValue(start + 1, i);
        if (Double.isNaN(f) || Double.isInfinite(f)) {
          throw error("invalid exemplar timestamp " + goPercentF(f));
        }
        exemplarTs = goInt64(f * 1000);
        int t3 = lex();
        if (t3 != T_LINEBREAK) {
          throw parseError("expected next entry after exemplar timestamp", t3);
        }
      }
      default -> throw parseError("expected timestamp or comment", t2);
    }
  }

  // ---- accessors ----------------------------------------------------------------------------

  /** HELP text with OpenMetrics escapes ({@code \\}, {@code \"}, {@code \n}) resolved. */
  @Override
  public String help() {
    return GoText.unescapeLabel(string(textStart, textEnd));
  }

  /** The unit of a UNIT entry (and, as in Prometheus, the last one seen afterwards). */
  @Override
  public String unit() {
    return string(unitStart, unitEnd);
  }

  /** OpenMetrics has one exemplar per sample at most; its labels are taken as written. */
  @Override
  public boolean exemplar(Exemplar into) {
    if (!hasExemplar) {
      return false;
    }
    into.value = exemplarValue;
    into.hasTimestamp = hasExemplarTs;
    into.timestamp = hasExemplarTs ? exemplarTs : 0;
    exemplarLabels.reset();
    for (int k = 0; k + 3 < nEOffsets; k += 4) {
      String name = string(eOffsets[k], eOffsets[k + 1]);
      if (!name.isEmpty()) {
        exemplarLabels.set(name, string(eOffsets[k + 2], eOffsets[k + 3]));
      }
    }
    into.labels = exemplarLabels.build();
    hasExemplar = false;
    return true;
  }

  /**
   * The current counter, summary or histogram sample's {@code _created} value in ms, found by
   * reading ahead within its family as Prometheus does; 0 if there is none or the type has none.
   * Leaves the cursor and every accessor as they were. The read-ahead can cross the rest of the
   * family for every sample that has no {@code _created} line (as in Prometheus), so call it only
   * when start timestamps are wanted.
   */
  @Override
  public long startTimestamp() {
    if (!requiresStartTimestamp(mtype)) {
      stHash = 0;
      return 0;
    }
    int nameEnd = offsets[0] + familyNameLength();
    long currHash = seriesHash(offsets[0], nameEnd);
    if (currHash == stHash && st > 0) {
      return st;
    }
    // Save everything advance() may overwrite.
    int sI = i;
    int sStart = start;
    int sState = state;
    int sPstart = pstart;
    int sN = nOffsets;
    int sSeriesEnd = seriesEnd;
    int sTextStart = textStart;
    int sTextEnd = textEnd;
    MetricType sType = mtype;
    double sValue = value;
    long sTs = ts;
    boolean sHasTs = hasTs;
    boolean sDone = done;
    int sUnitStart = unitStart;
    int sUnitEnd = unitEnd;
    int sNameLen = mfNameLen;
    if (saved.length < sN) {
      saved = new int[offsets.length];
    }
    System.arraycopy(offsets, 0, saved, 0, sN);
    boolean sSkip = skipCreated;
    skipCreated = false;
    ignoreExemplar = true;
    long found = 0;
    try {
      for (; ; ) {
        Entry e = next();
        if (e != Entry.SERIES) {
          break;
        }
        if (!endsWithCreated(offsets[0], offsets[1])) {
          continue;
        }
        if (seriesHash(offsets[0], offsets[1] - 8) == currHash) {
          found = goInt64(value * 1000.0);
        }
        break;
      }
    } catch (ExpositionException e) {
      // advance() will report it in its turn; for this sample there is no start timestamp.
    } finally {
      i = sI;
      start = sStart;
      state = sState;
      pstart = sPstart;
      nOffsets = sN;
      System.arraycopy(saved, 0, offsets, 0, sN);
      seriesEnd = sSeriesEnd;
      textStart = sTextStart;
      textEnd = sTextEnd;
      mtype = sType;
      value = sValue;
      ts = sTs;
      hasTs = sHasTs;
      done = sDone;
      unitStart = sUnitStart;
      unitEnd = sUnitEnd;
      mfNameLen = sNameLen;
      ignoreExemplar = false;
      skipCreated = sSkip;
    }
    if (found != 0) {
      st = found;
      stHash = currHash;
    } else {
      stHash = 0;
    }
    return found;
  }

  /**
   * How much of the sample's name is the family name: Prometheus remembers the length of the
   * last HELP/TYPE/UNIT name and cuts the sample name there.
   */
  private int familyNameLength() {
    return Math.min(mfNameLen, offsets[1] - offsets[0]);
  }

  private int mfNameLen;

  @Override
  void resetInput(byte[] buf, int length, int virtualLength) {
    super.resetInput(buf, length, virtualLength);
    mfNameLen = 0;
  }

  /**
   * A hash of the family name and the labels other than {@code le}/{@code quantile}, so a bucket
   * and its family's {@code _created} line hash alike.
   */
  private long seriesHash(int nameFrom, int nameTo) {
    long h = 0xcbf29ce484222325L;
    for (int k = 2; k + 3 < nOffsets; k += 4) {
      int a = offsets[k];
      int b = offsets[k + 1];
      if (mtype == MetricType.SUMMARY && bytesEqual(a, b, "quantile")
          || mtype == MetricType.HISTOGRAM && bytesEqual(a, b, "le")) {
        continue;
      }
      h = fnv(h, a, b);
      h = fnv(h, offsets[k + 2], offsets[k + 3]);
    }
    return fnv(h, nameFrom, nameTo);
  }

  private long fnv(long h, int from, int to) {
    for (int p = from; p < to; p++) {
      h ^= buf[p] & 0xff;
      h *= 0x100000001b3L;
    }
    return h * 31 + (to - from);
  }

  private boolean bytesEqual(int from, int to, String s) {
    if (to - from != s.length()) {
      return false;
    }
    for (int k = 0; k < s.length(); k++) {
      if (buf[from + k] != s.charAt(k)) {
        return false;
      }
    }
    return true;
  }
}
