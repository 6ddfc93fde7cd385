package io.hearth.scrape.config;

import io.hearth.labels.NameValidation;

/** Label-name validity under a {@link NameValidation} scheme, as Prometheus checks it. */
final class LabelNames {
  private LabelNames() {}

  static boolean isValid(String name, NameValidation scheme) {
    return scheme == NameValidation.LEGACY ? isLegacy(name) : isUtf8(name);
  }

  /** {@code [a-zA-Z_][a-zA-Z0-9_]*}. */
  static boolean isLegacy(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
          || (i > 0 && c >= '0' && c <= '9');
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** Non-empty valid UTF-8, i.e. no unpaired surrogate. */
  static boolean isUtf8(String name) {
    return !name.isEmpty() && isValidUtf8(name);
  }

  static boolean isValidUtf8(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }
}
