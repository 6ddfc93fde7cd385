package io.hearth.server.logging;

import io.hearth.scrape.parse.FloatFormat;
import io.hearth.scrape.parse.GoQuote;
import io.hearth.server.flags.GoDuration;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * Writes one record as Go's slog handlers do under promslog's defaults: {@code time}, {@code
 * level}, {@code source} ({@code File.java:line}), {@code msg}, then the attributes. Logfmt (slog's
 * text handler) quotes a value only when it is empty or holds a space, {@code =}, {@code "} or a
 * control character, and writes the time with milliseconds; JSON writes the time with up to nine
 * fraction digits, trailing zeros dropped. Times are in the local zone, as promslog leaves them.
 * A thrown exception becomes {@code err}, with its stack trace as {@code stack} when asked.
 * Stateless apart from its settings; thread-safe.
 */
public final class SlogFormatter {
  private static final DateTimeFormatter MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX");
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
  private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("XXX");
  private static final SimpleFormatter MESSAGES = new SimpleFormatter();

  private final LogFormat format;
  private final ZoneId zone;
  private final boolean withStacks;

  /**
   * @param withStacks whether a thrown exception's stack trace is written too (at debug level)
   */
  public SlogFormatter(LogFormat format, ZoneId zone, boolean withStacks) {
    this.format = format;
    this.zone = zone;
    this.withStacks = withStacks;
  }

  /** The record as one line, without the line break. */
  public String format(LogRecord r, String source) {
    StringBuilder b = new StringBuilder(160);
    boolean json = format == LogFormat.JSON;
    if (json) {
      b.append('{');
    }
    field(b, "time", json ? rfc3339Nano(r.getInstant()) : MILLIS.format(r.getInstant().atZone(zone)), true);
    field(b, "level", LogLevel.nameOf(r.getLevel()), false);
    field(b, "source", source, false);
    Object[] params = r.getParameters();
    boolean structured = params != null && params.length == 1 && params[0] instanceof Attributes;
    String msg = structured ? r.getMessage() : MESSAGES.formatMessage(r);
    field(b, "msg", msg == null ? "" : msg, false);
    if (structured) {
      Attributes a = (Attributes) params[0];
      for (int i = 0; i < a.size(); i++) {
        field(b, a.key(i), a.value(i), false);
      }
    }
    Throwable t = r.getThrown();
    if (t != null) {
      field(b, "err", t.getMessage() != null ? t.getMessage() : t.toString(), false);
      if (withStacks) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        field(b, "stack", w.toString().strip(), false);
      }
    }
    if (json) {
      b.append('}');
    }
    return b.toString();
  }

  private void field(StringBuilder b, String key, Object value, boolean first) {
    if (format == LogFormat.JSON) {
      if (!first) {
        b.append(',');
      }
      jsonString(b, key);
      b.append(':');
      jsonValue(b, value);
    } else {
      if (!first) {
        b.append(' ');
      }
      text(b, key);
      b.append('=');
      if (value instanceof String s) {
        text(b, s);
      } else {
        text(b, render(value));
      }
    }
  }

  /** A value's text as slog prints it: Go's shortest floats, Go durations, an error's message. */
  private static String render(Object v) {
    return switch (v) {
      case null -> "<nil>";
      case Double d -> FloatFormat.appendGo(d, 'g', new StringBuilder()).toString();
      case Float f -> FloatFormat.appendGo(f, 'g', new StringBuilder()).toString();
      case Duration d -> GoDuration.format(d.toNanos());
      case Throwable t -> t.getMessage() != null ? t.getMessage() : t.toString();
      default -> v.toString();
    };
  }

  private static void jsonValue(StringBuilder b, Object v) {
    switch (v) {
      case Boolean bool -> b.append(bool);
      case Integer i -> b.append(i);
      case Long l -> b.append(l);
      case Short s -> b.append(s);
      case Double d when !d.isNaN() && !d.isInfinite() -> b.append(render(d));
      case null, default -> jsonString(b, render(v));
    }
  }

  /** logfmt: bare when safe, else Go-quoted ({@code strconv.Quote}). */
  private static void text(StringBuilder b, String s) {
    b.append(needsQuoting(s) ? GoQuote.quote(s) : s);
  }

  /** slog's rule: empty, a space, '=', '"', a control or non-printable character. */
  static boolean needsQuoting(String s) {
    if (s.isEmpty()) {
      return true;
    }
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      i += Character.charCount(c);
      if (c < 0x80) {
        if (c == ' ' || c == '=' || c == '"' || c < 0x20) {
          return true;
        }
      } else if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)
          || Character.getType(c) == Character.UNASSIGNED || Character.isSurrogate((char) c)
          || Character.getType(c) == Character.FORMAT) {
        return true;
      }
    }
    return false;
  }

  /** slog's JSON strings: '"', '\\' and controls escaped, U+2028/9 too; HTML characters as they are. */
  private static void jsonString(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            b.append(String.format("\\u%04x", (int) c));
          } else if (Character.isSurrogate(c)
              && !(Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)))
              && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1)))) {
            b.append("\\ufffd");
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }

  /** Go's {@code time.RFC3339Nano}: fraction digits without trailing zeros, none when zero. */
  private String rfc3339Nano(Instant t) {
    ZonedDateTime z = t.atZone(zone);
    StringBuilder b = new StringBuilder(SECONDS.format(z));
    int nanos = z.getNano();
    if (nanos != 0) {
      b.append('.').append(String.format("%09d", nanos).replaceAll("0+$", ""));
    }
    return b.append(OFFSET.format(z)).toString();
  }
}
