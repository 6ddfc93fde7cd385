package io.hearth.promql.conformance;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prometheus's duration syntax as the scripts use it in commands ({@code at 1h30m}, {@code step
 * 5m}): integer parts with units from largest to smallest, or a bare {@code 0}.
 */
final class PromDuration {
  private static final Pattern SYNTAX =
      Pattern.compile(
          "^(?:([0-9]+)y)?(?:([0-9]+)w)?(?:([0-9]+)d)?(?:([0-9]+)h)?(?:([0-9]+)m)?(?:([0-9]+)s)?(?:([0-9]+)ms)?$");
  private static final long[] UNIT_MS = {
    365L * 24 * 3600_000, 7L * 24 * 3600_000, 24L * 3600_000, 3600_000, 60_000, 1000, 1
  };

  private PromDuration() {}

  /** Milliseconds in {@code s}; throws {@link IllegalArgumentException} if it is not a duration. */
  static long parseMillis(String s) {
    if (s.equals("0")) {
      return 0;
    }
    Matcher m = SYNTAX.matcher(s);
    if (s.isEmpty() || !m.matches()) {
      throw new IllegalArgumentException("not a valid duration string: \"" + s + "\"");
    }
    long ms = 0;
    for (int i = 0; i < UNIT_MS.length; i++) {
      String part = m.group(i + 1);
      if (part != null) {
        ms = Math.addExact(ms, Math.multiplyExact(Long.parseLong(part), UNIT_MS[i]));
      }
    }
    return ms;
  }
}
