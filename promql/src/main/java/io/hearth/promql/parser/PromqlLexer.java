package io.hearth.promql.parser;

import static io.hearth.promql.parser.antlr.PromqlGrammar.*;

import java.util.Locale;
import java.util.Map;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.CommonTokenFactory;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenFactory;
import org.antlr.v4.runtime.TokenSource;

/**
 * PromQL's tokenizer, written by hand because the language is modal: inside {@code {...}} every
 * word is a label name, inside {@code [...]} only durations are read, and keywords become names
 * elsewhere. It follows Prometheus's lexer state for state, so that it accepts the same inputs
 * and fails with the same messages.
 *
 * <p>A lexical error becomes one {@link #ERROR_TYPE} token whose text is Prometheus's message;
 * after it the stream ends. Comments are dropped. Offsets are UTF-16 indexes into the query.
 */
final class PromqlLexer implements TokenSource {
  static final int ERROR_TYPE = ERROR;

  private static final int EOF_RUNE = -1;

  private static final Map<String, Integer> KEYWORDS =
      Map.ofEntries(
          Map.entry("and", LAND),
          Map.entry("or", LOR),
          Map.entry("unless", LUNLESS),
          Map.entry("atan2", ATAN2),
          Map.entry("sum", SUM),
          Map.entry("avg", AVG),
          Map.entry("count", COUNT),
          Map.entry("min", MIN),
          Map.entry("max", MAX),
          Map.entry("group", GROUP),
          Map.entry("stddev", STDDEV),
          Map.entry("stdvar", STDVAR),
          Map.entry("topk", TOPK),
          Map.entry("bottomk", BOTTOMK),
          Map.entry("count_values", COUNT_VALUES),
          Map.entry("quantile", QUANTILE),
          Map.entry("limitk", LIMITK),
          Map.entry("limit_ratio", LIMIT_RATIO),
          Map.entry("offset", OFFSET),
          Map.entry("smoothed", SMOOTHED),
          Map.entry("anchored", ANCHORED),
          Map.entry("by", BY),
          Map.entry("without", WITHOUT),
          Map.entry("on", ON),
          Map.entry("ignoring", IGNORING),
          Map.entry("group_left", GROUP_LEFT),
          Map.entry("group_right", GROUP_RIGHT),
          Map.entry("fill", FILL),
          Map.entry("fill_left", FILL_LEFT),
          Map.entry("fill_right", FILL_RIGHT),
          Map.entry("bool", BOOL),
          Map.entry("start", START),
          Map.entry("end", END),
          Map.entry("step", STEP),
          Map.entry("range", RANGE),
          Map.entry("max_of", MAX_OF),
          Map.entry("min_of", MIN_OF),
          Map.entry("inf", NUMBER),
          Map.entry("nan", NUMBER));

  private static final Map<String, Integer> DURATION_KEYWORDS =
      Map.of("step", STEP, "range", RANGE, "max_of", MAX_OF, "min_of", MIN_OF);

  private final String input;
  private int pos;
  private int start;
  private int width;

  private int parenDepth;
  private boolean braceOpen;
  private boolean bracketOpen;
  private boolean gotColon;
  private boolean gotDuration;
  private boolean inDurationExpr;
  private int stringOpen;
  private boolean done;

  private Token pending;

  PromqlLexer(String input) {
    this.input = input;
  }

  @Override
  public Token nextToken() {
    if (done) {
      return token(Token.EOF, input.length(), input.length(), "<EOF>");
    }
    pending = null;
    while (pending == null) {
      if (braceOpen) {
        lexInsideBraces();
      } else if (inDurationExpr) {
        lexDurationExpr();
      } else {
        lexStatements();
      }
    }
    Token t = pending;
    if (t.getType() == Token.EOF || t.getType() == ERROR) {
      done = true;
    }
    return t;
  }

  // ---- character handling ------------------------------------------------------------------

  private int next() {
    if (pos >= input.length()) {
      width = 0;
      return EOF_RUNE;
    }
    int r = input.codePointAt(pos);
    width = Character.charCount(r);
    pos += width;
    return r;
  }

  private int peek() {
    int r = next();
    backup();
    return r;
  }

  private void backup() {
    pos -= width;
  }

  private boolean accept(String valid) {
    int r = next();
    if (r != EOF_RUNE && valid.indexOf(r) >= 0) {
      return true;
    }
    backup();
    return false;
  }

  private boolean is(String valid) {
    int r = peek();
    return r != EOF_RUNE && valid.indexOf(r) >= 0;
  }

  private void acceptRun(String valid) {
    while (true) {
      int r = next();
      if (r == EOF_RUNE || valid.indexOf(r) < 0) {
        break;
      }
    }
    backup();
  }

  private void emit(int type) {
    pending = token(type, start, pos, input.substring(start, pos));
    start = pos;
  }

  private void ignore() {
    start = pos;
  }

  private void error(String message) {
    pending = token(ERROR, start, input.length(), message);
  }

  private Token token(int type, int from, int to, String text) {
    CommonToken t = new CommonToken(type, text);
    t.setStartIndex(from);
    t.setStopIndex(to - 1);
    t.setLine(1);
    t.setCharPositionInLine(from);
    return t;
  }

  // ---- states --------------------------------------------------------------------------------

  private void lexStatements() {
    if (input.startsWith("#", pos)) {
      lexLineComment();
      return;
    }
    int r = next();
    switch (r) {
      case EOF_RUNE -> {
        if (parenDepth != 0) {
          error("unclosed left parenthesis");
        } else if (bracketOpen) {
          error("unclosed left bracket");
        } else {
          emit(Token.EOF);
        }
      }
      case ',' -> emit(COMMA);
      case ' ', '\t', '\n', '\r' -> lexSpace();
      case '*' -> emit(MUL);
      case '/' -> emit(DIV);
      case '%' -> emit(MOD);
      case '+' -> emit(ADD);
      case '-' -> emit(SUB);
      case '^' -> emit(POW);
      case '=' -> {
        int t = peek();
        if (t == '=') {
          next();
          emit(EQLC);
        } else if (t == '~') {
          error("unexpected character after '=': " + GoQuote.rune(t));
        } else {
          emit(EQL);
        }
      }
      case '!' -> {
        int t = next();
        if (t != '=') {
          error("unexpected character after '!': " + GoQuote.rune(t));
        } else {
          emit(NEQ);
        }
      }
      case '<' -> {
        if (peek() == '=') {
          next();
          emit(LTE);
        } else if (peek() == '/') {
          next();
          emit(TRIM_UPPER);
        } else {
          emit(LSS);
        }
      }
      case '>' -> {
        if (peek() == '=') {
          next();
          emit(GTE);
        } else if (peek() == '/') {
          next();
          emit(TRIM_LOWER);
        } else {
          emit(GTR);
        }
      }
      case '"', '\'' -> {
        stringOpen = r;
        lexString();
      }
      case '`' -> {
        stringOpen = r;
        lexRawString();
      }
      case '(' -> {
        emit(LEFT_PAREN);
        parenDepth++;
      }
      case ')' -> {
        emit(RIGHT_PAREN);
        parenDepth--;
        if (parenDepth < 0) {
          error("unexpected right parenthesis " + GoQuote.rune(r));
        }
      }
      case '{' -> {
        emit(LEFT_BRACE);
        braceOpen = true;
      }
      case '[' -> {
        if (bracketOpen) {
          error("unexpected left bracket " + GoQuote.rune(r));
          return;
        }
        gotColon = false;
        emit(LEFT_BRACKET);
        skipSpaces();
        bracketOpen = true;
        inDurationExpr = true;
      }
      case ']' -> {
        if (!bracketOpen) {
          error("unexpected right bracket " + GoQuote.rune(r));
          return;
        }
        emit(RIGHT_BRACKET);
        bracketOpen = false;
      }
      case '@' -> emit(AT);
      default -> {
        if (isDigit(r) || (r == '.' && isDigit(peek()))) {
          backup();
          lexNumberOrDuration();
        } else if (isAlpha(r) || r == ':') {
          if (!bracketOpen) {
            backup();
            lexKeywordOrIdentifier();
            return;
          }
          if (r == ':') {
            if (gotColon) {
              error("unexpected colon " + GoQuote.rune(r));
              return;
            }
            emit(COLON);
            gotColon = true;
            return;
          }
          if (isDurationKeywordStart(r) && scanDurationKeyword()) {
            return;
          }
          error("unexpected character: " + GoQuote.rune(r) + ", expected " + GoQuote.rune(':'));
        } else {
          error("unexpected character: " + GoQuote.rune(r));
        }
      }
    }
  }

  private void lexInsideBraces() {
    if (input.startsWith("#", pos)) {
      lexLineComment();
      return;
    }
    int r = next();
    switch (r) {
      case EOF_RUNE -> error("unexpected end of input inside braces");
      case ' ', '\t', '\n', '\r' -> lexSpace();
      case ',' -> emit(COMMA);
      case '"', '\'' -> {
        stringOpen = r;
        lexString();
      }
      case '`' -> {
        stringOpen = r;
        lexRawString();
      }
      case '=' -> {
        if (next() == '~') {
          emit(EQL_REGEX);
        } else {
          backup();
          emit(EQL);
        }
      }
      case '!' -> {
        int nr = next();
        if (nr == '~') {
          emit(NEQ_REGEX);
        } else if (nr == '=') {
          emit(NEQ);
        } else {
          error("unexpected character after '!' inside braces: " + GoQuote.rune(nr));
        }
      }
      case '{' -> error("unexpected left brace " + GoQuote.rune(r));
      case '}' -> {
        emit(RIGHT_BRACE);
        braceOpen = false;
      }
      default -> {
        if (isAlpha(r)) {
          backup();
          lexIdentifier();
        } else {
          error("unexpected character inside braces: " + GoQuote.rune(r));
        }
      }
    }
  }

  /** Inside brackets, before the first duration and after operators. */
  private void lexDurationExpr() {
    int r = next();
    switch (r) {
      case EOF_RUNE -> error("unexpected end of input in duration expression");
      case ']' -> {
        emit(RIGHT_BRACKET);
        bracketOpen = false;
        gotColon = false;
        inDurationExpr = false;
      }
      case ':' -> {
        emit(COLON);
        if (!gotDuration) {
          error("unexpected colon before duration in duration expression");
          return;
        }
        if (gotColon) {
          error("unexpected repeated colon in duration expression");
          return;
        }
        gotColon = true;
      }
      case '(' -> {
        emit(LEFT_PAREN);
        parenDepth++;
      }
      case ')' -> {
        emit(RIGHT_PAREN);
        parenDepth--;
        if (parenDepth < 0) {
          error("unexpected right parenthesis " + GoQuote.rune(r));
        }
      }
      case ' ', '\t', '\n', '\r' -> skipSpaces();
      case '+' -> emit(ADD);
      case '-' -> emit(SUB);
      case '*' -> emit(MUL);
      case '/' -> emit(DIV);
      case '%' -> emit(MOD);
      case '^' -> emit(POW);
      case ',' -> emit(COMMA);
      default -> {
        if (isDurationKeywordStart(r)) {
          if (!scanDurationKeyword()) {
            error("unexpected character in duration expression: " + GoQuote.rune(r));
          }
        } else if (isDigit(r) || (r == '.' && isDigit(peek()))) {
          backup();
          gotDuration = true;
          inDurationExpr = false;
          lexNumberOrDuration();
        } else {
          error("unexpected character in duration expression: " + GoQuote.rune(r));
        }
      }
    }
  }

  private void skipSpaces() {
    while (isSpace(peek())) {
      next();
    }
    ignore();
  }

  private void lexSpace() {
    while (isSpace(peek())) {
      next();
    }
    ignore();
  }

  private void lexLineComment() {
    pos += 1;
    int r = next();
    while (!isEndOfLine(r) && r != EOF_RUNE) {
      r = next();
    }
    backup();
    // Comments never reach the parser.
    ignore();
  }

  private void lexString() {
    while (true) {
      int r = next();
      if (r == '\\') {
        if (!lexEscape()) {
          return;
        }
        continue;
      }
      if (r == 0xFFFD || (r >= 0xD800 && r < 0xE000)) {
        error("invalid UTF-8 rune");
        return;
      }
      if (r == EOF_RUNE || r == '\n') {
        error("unterminated quoted string");
        return;
      }
      if (r == stringOpen) {
        break;
      }
    }
    emit(STRING);
  }

  private void lexRawString() {
    while (true) {
      int r = next();
      if (r == 0xFFFD || (r >= 0xD800 && r < 0xE000)) {
        error("invalid UTF-8 rune");
        return;
      }
      if (r == EOF_RUNE) {
        error("unterminated raw string");
        return;
      }
      if (r == stringOpen) {
        break;
      }
    }
    emit(STRING);
  }

  /** Checks one escape after its backslash; false after reporting an error. */
  private boolean lexEscape() {
    int ch = next();
    int n;
    int base;
    int max;
    switch (ch) {
      case 'a', 'b', 'f', 'n', 'r', 't', 'v', '\\' -> {
        return true;
      }
      case '0', '1', '2', '3', '4', '5', '6', '7' -> {
        n = 3;
        base = 8;
        max = 255;
      }
      case 'x' -> {
        ch = next();
        n = 2;
        base = 16;
        max = 255;
      }
      case 'u' -> {
        ch = next();
        n = 4;
        base = 16;
        max = Character.MAX_CODE_POINT;
      }
      case 'U' -> {
        ch = next();
        n = 8;
        base = 16;
        max = Character.MAX_CODE_POINT;
      }
      case EOF_RUNE -> {
        error("escape sequence not terminated");
        return false;
      }
      default -> {
        if (ch == stringOpen) {
          return true;
        }
        error("unknown escape sequence " + GoQuote.unicode(ch));
        return false;
      }
    }
    long x = 0;
    while (n > 0) {
      int d = digitVal(ch);
      if (d >= base) {
        if (ch == EOF_RUNE) {
          error("escape sequence not terminated");
        } else {
          error("illegal character " + GoQuote.unicode(ch) + " in escape sequence");
        }
        return false;
      }
      x = x * base + d;
      n--;
      if (n > 0) {
        ch = next();
      }
    }
    if (x > max || (0xD800 <= x && x < 0xE000)) {
      error("escape sequence is an invalid Unicode code point");
      return false;
    }
    return true;
  }

  private static int digitVal(int ch) {
    if ('0' <= ch && ch <= '9') {
      return ch - '0';
    }
    if ('a' <= ch && ch <= 'f') {
      return ch - 'a' + 10;
    }
    if ('A' <= ch && ch <= 'F') {
      return ch - 'A' + 10;
    }
    return 16;
  }

  private void lexNumberOrDuration() {
    if (scanNumber()) {
      emit(NUMBER);
      return;
    }
    if (acceptRemainingDuration()) {
      backup();
      emit(DURATION);
      return;
    }
    error("bad number or duration syntax: " + GoQuote.string(input.substring(start, pos)));
  }

  private boolean acceptRemainingDuration() {
    if (!accept("smhdwy")) {
      return false;
    }
    accept("s"); // "ms"; bad unit pairs are caught when the duration is parsed
    while (accept("0123456789")) {
      while (accept("0123456789")) {
        // digits
      }
      if (!accept("smhdw")) {
        return false;
      }
      accept("s");
    }
    return !isAlphaNumeric(next());
  }

  /** Scans a number's characters; whether they form a valid number is the parser's concern. */
  private boolean scanNumber() {
    int initial = pos;
    String digits = "0123456789";
    if (accept("0") && accept("xX")) {
      accept("_");
      digits = "0123456789abcdefABCDEF";
    }
    accept(".");
    accept(digits);
    boolean dotConsumed = false;
    boolean exponentConsumed = false;
    while (is(digits + "._eE")) {
      if (is(".") && dotConsumed) {
        accept(".");
        return false;
      }
      if (is("eE") && exponentConsumed) {
        accept("eE");
        return false;
      }
      if (accept(".")) {
        dotConsumed = true;
        if (accept("_.")) {
          return false;
        }
        if (digits.length() > 10) {
          return false; // no fractional hexadecimal literals
        }
        continue;
      }
      if (accept("eE")) {
        exponentConsumed = true;
        accept("+-");
        if (accept("._eE") || peek() == EOF_RUNE) {
          return false;
        }
        continue;
      }
      if (accept("_")) {
        if (accept("._eE") || peek() == EOF_RUNE) {
          return false;
        }
        continue;
      }
      acceptRun(digits);
    }
    if (pos == initial) {
      return false;
    }
    return !isAlphaNumeric(peek());
  }

  private boolean isDurationKeywordStart(int r) {
    int c = Character.toLowerCase(r);
    return c == 's' || c == 'r' || c == 'm';
  }

  private boolean scanDurationKeyword() {
    while (true) {
      int r = next();
      if (!isAlpha(r)) {
        backup();
        String word = input.substring(start, pos).toLowerCase(Locale.ROOT);
        Integer type = DURATION_KEYWORDS.get(word);
        if (type != null) {
          emit(type);
          return true;
        }
        return false;
      }
    }
  }

  private void lexIdentifier() {
    while (isAlphaNumeric(next())) {
      // absorb
    }
    backup();
    emit(IDENTIFIER);
  }

  private void lexKeywordOrIdentifier() {
    while (true) {
      int r = next();
      if (isAlphaNumeric(r) || r == ':') {
        continue;
      }
      backup();
      String word = input.substring(start, pos);
      Integer kw = KEYWORDS.get(word.toLowerCase(Locale.ROOT));
      if (kw != null) {
        // fill, fill_left and fill_right are keywords only before "(", so they stay usable as names.
        if ((kw == FILL || kw == FILL_LEFT || kw == FILL_RIGHT) && !followedByLeftParen()) {
          emit(IDENTIFIER);
        } else {
          emit(kw);
        }
      } else if (word.indexOf(':') < 0) {
        emit(IDENTIFIER);
      } else {
        emit(METRIC_IDENTIFIER);
      }
      return;
    }
  }

  private boolean followedByLeftParen() {
    for (int p = pos; p < input.length(); p++) {
      char c = input.charAt(p);
      if (!isSpace(c)) {
        return c == '(';
      }
    }
    return false;
  }

  static boolean isSpace(int r) {
    return r == ' ' || r == '\t' || r == '\n' || r == '\r';
  }

  private static boolean isEndOfLine(int r) {
    return r == '\r' || r == '\n';
  }

  static boolean isAlphaNumeric(int r) {
    return isAlpha(r) || isDigit(r);
  }

  static boolean isDigit(int r) {
    return '0' <= r && r <= '9';
  }

  static boolean isAlpha(int r) {
    return r == '_' || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z');
  }

  // ---- TokenSource ---------------------------------------------------------------------------

  @Override
  public int getLine() {
    return 1;
  }

  @Override
  public int getCharPositionInLine() {
    return pos;
  }

  @Override
  public CharStream getInputStream() {
    return null;
  }

  @Override
  public String getSourceName() {
    return "query";
  }

  @Override
  public void setTokenFactory(TokenFactory<?> factory) {
    // Tokens are always CommonTokens built here.
  }

  @Override
  public TokenFactory<?> getTokenFactory() {
    return CommonTokenFactory.DEFAULT;
  }
}
