package io.hearth.server.flags;

import io.hearth.scrape.config.ByteSizes;
import io.hearth.scrape.config.Durations;
import io.hearth.scrape.parse.FloatFormat;
import io.hearth.server.api.GoFloat;
import java.util.List;
import java.util.Locale;

/**
 * How a flag's text is checked and shown, one constant per kind of kingpin value Prometheus
 * registers. {@link #canonical} validates a value as Prometheus's flag parser does (with its error
 * text) and returns what the value's {@code String()} prints back, which is what {@code
 * /api/v1/status/flags} shows: {@code --query.timeout=120s} shows as {@code 2m}.
 */
public enum FlagType {
  /** {@code StringVar}: any text. */
  STRING,
  /** {@code BoolVar}: {@code --x}, {@code --no-x}; Hearth also takes {@code --x=true|false}. */
  BOOL,
  /** {@code model.Duration}: {@code 1h30m}, units y w d h m s ms, largest first. */
  DURATION,
  /** Go's {@code time.Duration} as kingpin reads it: {@code 2ms}, {@code 1.5h}, also d and w. */
  GO_DURATION,
  /** {@code units.Base2Bytes}: {@code 512MB}, every unit a power of 1024. */
  BYTES,
  /** kingpin's {@code IntVar}, parsed as a float and truncated, so {@code 5e7} is 50000000. */
  INT,
  /** kingpin's {@code Int64Var}: Go integer syntax ({@code 0x10} too). */
  INT64,
  /** {@code FloatVar}. */
  FLOAT,
  /** {@code EnumVar}: one of {@link Flag#options()}. */
  ENUM,
  /** promslog's level: debug, info, warn or error in any case, shown in lower case. */
  LOG_LEVEL,
  /** promslog's format: logfmt or json. */
  LOG_FORMAT,
  /** A repeatable string ({@code StringsVar}); values are joined with commas for display. */
  STRINGS,
  /** The remote-write protobuf messages: repeatable, each one known and given once. */
  PROTO_MESSAGES;

  static final List<String> PROTO_MESSAGE_NAMES =
      List.of("prometheus.WriteRequest", "io.prometheus.write.v2.Request");

  /** Whether the flag may be given more than once, each time adding a value. */
  public boolean isRepeatable() {
    return this == STRINGS || this == PROTO_MESSAGES;
  }

  /**
   * Checks {@code value} and returns it as Prometheus would print it back.
   *
   * @throws IllegalArgumentException with Prometheus's message for a malformed value
   */
  String canonical(Flag flag, String value) {
    return switch (this) {
      case STRING, STRINGS -> value;
      case BOOL -> Boolean.toString(parseBool(value));
      case DURATION -> Durations.format(Durations.parse(value));
      case GO_DURATION -> GoDuration.format(GoDuration.parse(value));
      case BYTES -> base2Bytes(ByteSizes.parse(value));
      case INT -> Long.toString(parseKingpinInt(value));
      case INT64 -> Long.toString(parseInt64(value));
      case FLOAT -> FloatFormat.appendGo(parseFloat(value), 'g', new StringBuilder()).toString();
      case ENUM -> {
        if (!flag.options().contains(value)) {
          throw new IllegalArgumentException("enum value must be one of "
              + String.join(",", flag.options()) + ", got '" + value + "'");
        }
        yield value;
      }
      case LOG_LEVEL -> {
        String l = value.toLowerCase(Locale.ROOT);
        if (!List.of("debug", "info", "warn", "error").contains(l)) {
          throw new IllegalArgumentException("unrecognized log level " + value);
        }
        yield l;
      }
      case LOG_FORMAT -> {
        if (!value.equals("logfmt") && !value.equals("json")) {
          throw new IllegalArgumentException("unrecognized log format " + value);
        }
        yield value;
      }
      case PROTO_MESSAGES -> {
        if (!PROTO_MESSAGE_NAMES.contains(value)) {
          throw new IllegalArgumentException("unknown type for remote write protobuf message "
              + value + ", supported: " + String.join(", ", PROTO_MESSAGE_NAMES));
        }
        yield value;
      }
    };
  }

  /** Go's {@code strconv.ParseBool}. */
  static boolean parseBool(String s) {
    return switch (s) {
      case "1", "t", "T", "TRUE", "true", "True" -> true;
      case "0", "f", "F", "FALSE", "false", "False" -> false;
      default -> throw new IllegalArgumentException(
          "strconv.ParseBool: parsing " + GoDuration.quote(s) + ": invalid syntax");
    };
  }

  /** kingpin's int: {@code strconv.ParseFloat}, then truncated toward zero. */
  static long parseKingpinInt(String s) {
    double d = parseFloat(s);
    if (Double.isNaN(d)) {
      return 0;
    }
    return (long) d;
  }

  private static double parseFloat(String s) {
    try {
      return GoFloat.parse(s);
    } catch (NumberFormatException e) {
      String why = e.getMessage() != null && e.getMessage().startsWith("value out of range")
          ? "value out of range" : "invalid syntax";
      throw new IllegalArgumentException(
          "strconv.ParseFloat: parsing " + GoDuration.quote(s) + ": " + why);
    }
  }

  /** Go's {@code strconv.ParseInt(s, 0, 64)}: a sign, then decimal, 0x hex, 0o/0 octal or 0b. */
  static long parseInt64(String s) {
    String body = s;
    boolean negative = false;
    if (!body.isEmpty() && (body.charAt(0) == '+' || body.charAt(0) == '-')) {
      negative = body.charAt(0) == '-';
      body = body.substring(1);
    }
    int radix = 10;
    String lower = body.toLowerCase(Locale.ROOT);
    if (lower.startsWith("0x")) {
      radix = 16;
      body = body.substring(2);
    } else if (lower.startsWith("0b")) {
      radix = 2;
      body = body.substring(2);
    } else if (lower.startsWith("0o")) {
      radix = 8;
      body = body.substring(2);
    } else if (body.length() > 1 && body.charAt(0) == '0') {
      radix = 8;
      body = body.substring(1);
    }
    body = body.replace("_", "");
    try {
      if (body.isEmpty() || body.charAt(0) == '+' || body.charAt(0) == '-') {
        throw new NumberFormatException();
      }
      return Long.parseLong((negative ? "-" : "") + body, radix);
    } catch (NumberFormatException e) {
      int r = radix;
      String digits = body;
      boolean digitsOnly = !digits.isEmpty() && digits.chars().allMatch(c -> Character.digit(c, r) >= 0);
      throw new IllegalArgumentException("strconv.ParseInt: parsing " + GoDuration.quote(s) + ": "
          + (digitsOnly ? "value out of range" : "invalid syntax"));
    }
  }

  /** {@code units.Base2Bytes.String()}: {@code 0B}, {@code 512MiB}, {@code 1KiB512B}. */
  static String base2Bytes(long n) {
    String[] prefixes = {"", "K", "M", "G", "T", "P", "E"};
    String[] parts = new String[prefixes.length];
    long rest = n;
    for (int i = 0; i < prefixes.length; i++) {
      if (rest % 1024 != 0 || (i == 0 && rest == 0)) {
        parts[prefixes.length - 1 - i] = (rest % 1024) + prefixes[i] + (i == 0 ? "B" : "iB");
      }
      rest /= 1024;
      if (rest == 0) {
        break;
      }
    }
    StringBuilder b = new StringBuilder();
    for (String p : parts) {
      if (p != null) {
        b.append(p);
      }
    }
    return b.toString();
  }
}
