package io.hearth.promql.conformance;

import io.hearth.labels.Labels;
import io.hearth.promql.conformance.ExpectedResult.Entry;
import io.hearth.promql.conformance.ExpectedResult.ExpectLine;
import io.hearth.promql.conformance.TestScript.Clear;
import io.hearth.promql.conformance.TestScript.Command;
import io.hearth.promql.conformance.TestScript.Eval;
import io.hearth.promql.conformance.TestScript.Load;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Parses the PromQL test-script language into a {@link TestScript}, following upstream's harness
 * line for line where FORMAT.md leaves a corner open (which line ends a block, what a bare number
 * means, how {@code expect} lines are told from series lines). Errors name the file and line.
 */
final class ScriptParser {
  private static final Pattern SPACE = Pattern.compile("[\t ]+");
  private static final Pattern LOAD = Pattern.compile("^load(?:_(with_nhcb))?\\s+(.+?)$");
  private static final Pattern EVAL_INSTANT =
      Pattern.compile("^eval(?:_(fail|warn|ordered|info))?\\s+instant\\s+(?:at\\s+(.+?))?\\s+(.+)$");
  private static final Pattern EVAL_RANGE =
      Pattern.compile(
          "^eval(?:_(fail|warn|info))?\\s+range\\s+from\\s+(.+)\\s+to\\s+(.+)\\s+step\\s+(.+?)\\s+(.+)$");
  private static final Pattern EXPECT =
      Pattern.compile("^expect\\s+(ordered|fail|warn|no_warn|info|no_info)(?:\\s+(regex|msg):(.+))?$");
  private static final String RANGE_VECTOR_PREFIX = "expect range vector";
  private static final Pattern EXPECT_RANGE =
      Pattern.compile("^" + RANGE_VECTOR_PREFIX + "\\s+from\\s+(.+)\\s+to\\s+(.+)\\s+step\\s+(.+)$");
  private static final String STRING_PREFIX = "expect string";

  private final String file;
  private final String[] lines;
  private int i; // index of the line being read

  private ScriptParser(String file, String text) {
    this.file = file;
    this.lines = text.split("\n", -1);
    for (int k = 0; k < lines.length; k++) {
      String l = lines[k].strip();
      // A comment is a blank line: it ends the block it sits in.
      lines[k] = l.startsWith("#") ? "" : l;
    }
  }

  /** Parses a whole script; throws {@link IllegalArgumentException} naming file and line. */
  static TestScript parse(String file, String text) {
    return new ScriptParser(file, text).script();
  }

  private TestScript script() {
    List<Command> out = new ArrayList<>();
    for (i = 0; i < lines.length; i++) {
      String l = lines[i];
      if (l.isEmpty()) {
        continue;
      }
      String word = SPACE.split(l, 2)[0].toLowerCase(Locale.ROOT);
      if (word.equals("clear")) {
        out.add(new Clear(i + 1));
      } else if (word.startsWith("load")) {
        out.add(load());
      } else if (word.startsWith("eval")) {
        out.add(eval());
      } else {
        throw error(i, "invalid command \"" + l + "\"");
      }
    }
    return new TestScript(file, out);
  }

  private Load load() {
    int line = i;
    Matcher m = LOAD.matcher(lines[i]);
    if (!m.matches()) {
      throw error(i, "invalid load command. (load[_with_nhcb] <step:duration>)");
    }
    long interval = duration(m.group(2), "step");
    Map<Labels, SeriesDescription> series = new LinkedHashMap<>();
    while (i + 1 < lines.length && !lines[i + 1].isEmpty()) {
      i++;
      String def = lines[i];
      if (isStartTimestampLine(def)) {
        continue; // start timestamps are not stored: every start_timestamps eval is skipped
      }
      SeriesDescription s = series(def);
      series.remove(s.labels()); // a later definition replaces an earlier one
      series.put(s.labels(), s);
    }
    return new Load(line + 1, interval, "with_nhcb".equals(m.group(1)), List.copyOf(series.values()));
  }

  /** {@code metric{a="b"}@st <offsets>}: the selector's first word ends in {@code @st}. */
  static boolean isStartTimestampLine(String def) {
    String[] parts = SPACE.split(def, 2);
    return parts.length == 2 && parts[0].endsWith("@st");
  }

  private Eval eval() {
    int line = i;
    Matcher instant = EVAL_INSTANT.matcher(lines[i]);
    Matcher range = EVAL_RANGE.matcher(lines[i]);
    boolean isInstant = instant.matches();
    if (!isInstant && !range.matches()) {
      throw error(
          i,
          "invalid evaluation command. Must be either 'eval[_fail|_warn|_ordered] instant [at"
              + " <offset:duration>] <query>' or 'eval[_fail|_warn] range from <from> to <to> step"
              + " <step> <query>'");
    }
    String mod = isInstant ? instant.group(1) : range.group(1);
    String query = isInstant ? instant.group(3) : range.group(5);
    long time = 0;
    long start = 0;
    long end = 0;
    long step = 0;
    if (isInstant) {
      String at = instant.group(2);
      time = duration(at == null ? "" : at, "timestamp");
      start = time;
    } else {
      start = duration(range.group(2), "start timestamp");
      end = duration(range.group(3), "end timestamp");
      step = duration(range.group(4), "step");
      if (end < start) {
        throw error(i, "end timestamp is before start timestamp");
      }
    }

    Builder b = new Builder();
    b.isOrdered = "ordered".equals(mod);
    b.isFailFlag = "fail".equals(mod);
    b.isWarnFlag = "warn".equals(mod);
    b.isInfoFlag = "info".equals(mod);
    boolean rangeVector = false;
    for (int j = 1; i + 1 < lines.length; j++) {
      i++;
      String def = lines[i];
      if (def.isEmpty()) {
        i--;
        break;
      }
      if (b.isFailFlag && def.startsWith("expected_fail_message")) {
        b.failMessage = def.substring("expected_fail_message".length()).strip();
        break;
      }
      if (b.isFailFlag && def.startsWith("expected_fail_regexp")) {
        b.failRegexp = regex(def.substring("expected_fail_regexp".length()).strip());
        break;
      }
      if (def.startsWith(RANGE_VECTOR_PREFIX)) {
        Matcher r = EXPECT_RANGE.matcher(def);
        if (!r.matches()) {
          throw error(i, "invalid range vector definition \"" + def + "\"");
        }
        start = duration(r.group(1), "start timestamp");
        end = duration(r.group(2), "end timestamp");
        step = duration(r.group(3), "step");
        if (end < start) {
          throw error(i, "end timestamp is before start timestamp");
        }
        time = end; // the instant query runs at the window's end
        rangeVector = true;
        continue;
      }
      if (def.startsWith(STRING_PREFIX)) {
        String lit = def.equals(STRING_PREFIX) ? "" : def.substring(STRING_PREFIX.length() + 1);
        if (lit.isEmpty()) {
          throw error(i, "expected string literal not valid - a quoted string literal is required");
        }
        try {
          b.string = GoStrings.unquote(lit);
        } catch (IllegalArgumentException e) {
          throw error(i, "expected string literal not valid - check that the string is correctly quoted");
        }
        continue;
      }
      // A metric named "expect" can still be written as expect{}.
      if (def.split(" ", -1)[0].equals("expect")) {
        expectLine(def, b);
        j--;
        continue;
      }
      Double scalar = parseGoNumber(def);
      if (scalar != null) {
        b.isScalar = true;
        b.scalar = scalar;
        break; // upstream stops reading the block at a scalar line
      }
      SeriesDescription s = series(def);
      if (s.size() > 1 && isInstant && !rangeVector) {
        throw error(
            i,
            "expecting multiple values in instant evaluation not allowed. consider using 'expect"
                + " range vector' directive to enable a range vector result for an instant query");
      }
      b.isScalar = false;
      b.series.remove(s.labels());
      b.series.put(s.labels(), new Entry(j, s));
    }
    return new Eval(line + 1, query, !isInstant, time, start, end, step, rangeVector, b.build());
  }

  private void expectLine(String def, Builder b) {
    Matcher m = EXPECT.matcher(def.strip());
    if (!m.matches()) {
      throw error(i, "invalid expect statement, must match `expect <type> <match_type>: <string>` format");
    }
    ExpectLine e = ExpectLine.ANY;
    if (m.group(2) != null) {
      String text = m.group(3).strip();
      e = m.group(2).equals("msg") ? new ExpectLine(text, null) : new ExpectLine(null, regex(text));
    }
    switch (m.group(1)) {
      case "ordered" -> b.isOrdered = true;
      case "fail" -> {
        if (b.fail != null) {
          throw error(i, "invalid expect lines, multiple expect fail lines are not allowed");
        }
        b.fail = e;
      }
      case "warn" -> b.warn.add(e);
      case "info" -> b.info.add(e);
      case "no_warn" -> b.isNoWarn = true;
      case "no_info" -> b.isNoInfo = true;
      default -> throw new AssertionError(m.group(1));
    }
    if (!b.warn.isEmpty() && b.isNoWarn) {
      throw error(i, "invalid expect lines, warn and no_warn cannot be used together");
    }
    if (!b.info.isEmpty() && b.isNoInfo) {
      throw error(i, "invalid expect lines, info and no_info cannot be used together");
    }
  }

  private SeriesDescription series(String def) {
    try {
      return SeriesDescription.parse(def);
    } catch (IllegalArgumentException e) {
      throw error(i, e.getMessage());
    }
  }

  private long duration(String s, String what) {
    try {
      return PromDuration.parseMillis(s);
    } catch (IllegalArgumentException e) {
      throw error(i, "invalid " + what + " definition \"" + s + "\": " + e.getMessage());
    }
  }

  private Pattern regex(String re) {
    try {
      return Pattern.compile(re);
    } catch (PatternSyntaxException e) {
      throw error(i, "invalid regex " + re);
    }
  }

  private IllegalArgumentException error(int lineIndex, String msg) {
    return new IllegalArgumentException(file + ":" + (lineIndex + 1) + ": " + msg);
  }

  private static final Pattern GO_INT =
      Pattern.compile("(0[xX]_?[0-9a-fA-F_]+|0[oO]_?[0-7_]+|0[bB]_?[01_]+|[0-9][0-9_]*)");
  private static final Pattern GO_DECIMAL_FLOAT =
      Pattern.compile("([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");
  private static final Pattern GO_HEX_FLOAT =
      Pattern.compile("0[xX]([0-9a-fA-F]+\\.?[0-9a-fA-F]*|\\.[0-9a-fA-F]+)[pP][+-]?[0-9]+");

  /**
   * A whole line read as a number the way upstream tells a scalar line from a series line: Go's
   * {@code ParseInt(s, 0, 64)}, else {@code ParseFloat(s, 64)}. Null if it is neither.
   */
  static Double parseGoNumber(String s) {
    if (s.isEmpty()) {
      return null;
    }
    double sign = 1;
    String body = s;
    boolean hasSign = s.charAt(0) == '+' || s.charAt(0) == '-';
    if (hasSign) {
      sign = s.charAt(0) == '-' ? -1 : 1;
      body = s.substring(1);
    }
    if (GO_INT.matcher(body).matches() && !body.endsWith("_") && !body.contains("__")) {
      String digits = body.replace("_", "");
      try {
        if (digits.length() > 2 && digits.charAt(0) == '0' && "xXoObB".indexOf(digits.charAt(1)) >= 0) {
          int radix = switch (Character.toLowerCase(digits.charAt(1))) {
            case 'x' -> 16;
            case 'o' -> 8;
            default -> 2;
          };
          return sign * Long.parseLong(digits.substring(2), radix);
        }
        if (!body.contains("_")) {
          boolean octal = digits.length() > 1 && digits.charAt(0) == '0';
          return sign * Long.parseLong(digits, octal ? 8 : 10);
        }
        if (body.charAt(0) != '0') {
          return sign * Long.parseLong(digits);
        }
      } catch (NumberFormatException e) {
        // Out of int64 range, or 08/09: Go falls back to ParseFloat.
      }
    }
    String lower = body.toLowerCase(Locale.ROOT);
    if (lower.equals("inf") || lower.equals("infinity")) {
      return sign * Double.POSITIVE_INFINITY;
    }
    if (lower.equals("nan")) {
      return hasSign ? null : Double.NaN; // Go reads no sign on NaN
    }
    if (GO_DECIMAL_FLOAT.matcher(body).matches() || GO_HEX_FLOAT.matcher(body).matches()) {
      return sign * Double.parseDouble(body);
    }
    return null;
  }

  /** Collects an eval's expectations while its block is read. */
  private static final class Builder {
    final Map<Labels, Entry> series = new LinkedHashMap<>();
    boolean isScalar;
    double scalar;
    String string;
    boolean isOrdered;
    ExpectLine fail;
    boolean isFailFlag;
    String failMessage;
    Pattern failRegexp;
    final List<ExpectLine> warn = new ArrayList<>();
    final List<ExpectLine> info = new ArrayList<>();
    boolean isWarnFlag;
    boolean isInfoFlag;
    boolean isNoWarn;
    boolean isNoInfo;

    ExpectedResult build() {
      return new ExpectedResult(
          series, isScalar, scalar, string, isOrdered, fail, isFailFlag, failMessage, failRegexp,
          warn, info, isWarnFlag, isInfoFlag, isNoWarn, isNoInfo);
    }
  }
}
