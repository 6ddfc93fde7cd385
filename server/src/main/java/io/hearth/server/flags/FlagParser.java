package io.hearth.server.flags;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a command line with kingpin's rules, as Prometheus does: {@code --flag=value} and {@code
 * --flag value}; booleans as {@code --flag} and {@code --no-flag} (Hearth also takes {@code
 * --flag=true|false}, which kingpin refuses); repeatable flags add a value each time and replace
 * the default; any other flag given twice, an unknown flag, a missing or malformed value, or a
 * positional argument is an error. {@code -h}/{@code --help} and {@code --version} stop the parse.
 * Stateless.
 */
public final class FlagParser {
  private FlagParser() {}

  /** @throws FlagException with kingpin's wording, naming the flag */
  public static FlagValues parse(String... args) throws FlagException {
    Map<String, List<String>> given = new LinkedHashMap<>();
    boolean onlyArgs = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (onlyArgs || !arg.startsWith("-") || arg.equals("-")) {
        throw new FlagException("unexpected " + arg);
      }
      if (arg.equals("--")) {
        onlyArgs = true;
        continue;
      }
      if (!arg.startsWith("--")) {
        if (arg.equals("-h")) {
          return new FlagValues(given, true, false);
        }
        throw new FlagException("unknown short flag '" + arg.substring(0, 2) + "'");
      }
      int eq = arg.indexOf('=');
      String token = eq < 0 ? arg : arg.substring(0, eq);
      String inline = eq < 0 ? null : arg.substring(eq + 1);
      String name = token.substring(2);
      Flag flag = PrometheusFlags.get(name);
      boolean negated = false;
      if (flag == null && name.startsWith("no-")) {
        flag = PrometheusFlags.get(name.substring(3));
        negated = true;
        if (flag != null && flag.type() != FlagType.BOOL) {
          throw new FlagException("unknown long flag '" + token + "'");
        }
      }
      if (flag == null) {
        throw new FlagException("unknown long flag '" + token + "'");
      }
      if (flag.name().equals("help") && !negated) {
        return new FlagValues(given, true, false);
      }
      if (flag.name().equals("version") && !negated) {
        return new FlagValues(given, false, true);
      }
      String value;
      if (flag.type() == FlagType.BOOL) {
        if (negated && inline != null) {
          throw new FlagException("unexpected " + inline);
        }
        value = inline == null ? Boolean.toString(!negated) : inline;
      } else if (inline != null) {
        value = inline;
      } else if (i + 1 < args.length && !(args[i + 1].startsWith("-") && args[i + 1].length() > 1)) {
        value = args[++i];
      } else {
        throw new FlagException("expected argument for flag '" + token + "'");
      }
      String canonical;
      try {
        canonical = flag.type().canonical(flag, value);
      } catch (IllegalArgumentException e) {
        throw new FlagException(
            "invalid value " + GoDuration.quote(value) + " for flag --" + flag.name() + ": " + e.getMessage());
      }
      List<String> values = given.get(flag.name());
      if (values != null && !flag.type().isRepeatable()) {
        throw new FlagException("flag '" + flag.name() + "' cannot be repeated");
      }
      if (values == null) {
        values = new ArrayList<>();
        given.put(flag.name(), values);
      }
      if (flag.type() == FlagType.PROTO_MESSAGES && values.contains(canonical)) {
        throw new FlagException("invalid value " + GoDuration.quote(value) + " for flag --"
            + flag.name() + ": duplicated " + canonical + " flag value, got [" + String.join(" ", values)
            + "] already");
      }
      values.add(canonical);
    }
    return new FlagValues(given, false, false);
  }
}
