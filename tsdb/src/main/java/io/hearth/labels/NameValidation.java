package io.hearth.labels;

/** {@code metric_name_validation_scheme}: which metric and label names are valid. */
public enum NameValidation {
  /** Any non-empty valid UTF-8 string (Prometheus 3's default). */
  UTF8,
  /** {@code [a-zA-Z_:][a-zA-Z0-9_:]*} for metric names, {@code [a-zA-Z_][a-zA-Z0-9_]*} for labels. */
  LEGACY;

  /** Whether {@code name} may be a label name under this scheme. */
  public boolean isValidLabelName(String name) {
    return this == UTF8 ? isValidUtf8(name) : isLegacyName(name, false);
  }

  /** Whether {@code name} may be a metric name ({@code __name__}'s value) under this scheme. */
  public boolean isValidMetricName(String name) {
    return this == UTF8 ? isValidUtf8(name) : isLegacyName(name, true);
  }

  /** The static form, for callers holding the scheme in a variable that may be {@code null} (= UTF-8). */
  public static boolean isValidLabelName(String name, NameValidation scheme) {
    return (scheme == null ? UTF8 : scheme).isValidLabelName(name);
  }

  public static boolean isValidMetricName(String name, NameValidation scheme) {
    return (scheme == null ? UTF8 : scheme).isValidMetricName(name);
  }

  /**
   * Go's {@code utf8.ValidString} plus non-emptiness. A Java string is UTF-16, so the only way it
   * can fail to be valid UTF-8 is an unpaired surrogate.
   */
  public static boolean isValidUtf8(String s) {
    if (s == null || s.isEmpty()) {
      return false;
    }
    return isValidUtf8Value(s);
  }

  /** Go's {@code utf8.ValidString}: true for {@code ""}, false when {@code s} has an unpaired surrogate. */
  public static boolean isValidUtf8Value(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 == n || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isLegacyName(String s, boolean allowColon) {
    if (s == null || s.isEmpty()) {
      return false;
    }
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || c == '_'
              || (allowColon && c == ':')
              || (i > 0 && c >= '0' && c <= '9');
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
