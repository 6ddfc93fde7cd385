package io.hearth.scrape.loop;

import io.hearth.labels.Labels;
import io.hearth.labels.NameValidation;
import io.hearth.scrape.parse.GoQuote;

/**
 * The pieces of Go's and Prometheus's formatting that target and sample error messages must
 * reproduce exactly: {@code strconv.ParseBool}, {@code fmt}'s precision on strings, {@code len} of
 * a string and {@code labels.Labels.String}. Quoting is {@link GoQuote}, durations {@link
 * io.hearth.scrape.config.Durations}. Stateless.
 */
final class GoFormat {
  private GoFormat() {}

  /** Go's {@code strconv.ParseBool}; null when {@code s} is not one of its spellings. */
  static Boolean parseBool(String s) {
    return switch (s) {
      case "1", "t", "T", "TRUE", "true", "True" -> Boolean.TRUE;
      case "0", "f", "F", "FALSE", "false", "False" -> Boolean.FALSE;
      default -> null;
    };
  }

  /** Go's {@code %.Ns}: the first {@code n} code points. */
  static String truncate(String s, int n) {
    if (s.length() <= n) {
      return s;
    }
    int cps = s.codePointCount(0, s.length());
    return cps <= n ? s : s.substring(0, s.offsetByCodePoints(0, n));
  }

  /** The length Go's {@code len} reports: UTF-8 bytes. */
  static int utf8Length(String s) {
    int n = 0;
    for (int i = 0, len = s.length(); i < len; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3; // a lone surrogate counts as the 3 bytes of U+FFFD it would encode as
      }
    }
    return n;
  }

  /** Prometheus's {@code labels.Labels.String}: {@code {a="1", "odd.name"="2"}}. */
  static String labelsString(Labels ls) {
    StringBuilder sb = new StringBuilder().append('{');
    for (int i = 0; i < ls.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      String name = ls.name(i);
      sb.append(NameValidation.LEGACY.isValidLabelName(name) ? name : GoQuote.quote(name)).append('=');
      sb.append(GoQuote.quote(ls.value(i)));
    }
    return sb.append('}').toString();
  }
}
