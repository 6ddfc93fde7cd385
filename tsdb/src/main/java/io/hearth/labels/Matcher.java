package io.hearth.labels;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Objects;

/**
 * A label matcher such as {@code job=~"api|web"}. Regexes have Prometheus's RE2 semantics: fully
 * anchored, with {@code .} matching a newline (compiled as {@code ^(?s:re)$} with re2j).
 * A label the series does not have matches as the empty string. Immutable and thread-safe.
 */
public final class Matcher {
  private final MatchType type;
  private final String name;
  private final String value;
  private final Pattern pattern; // null unless type.isRegex()

  private Matcher(MatchType type, String name, String value) {
    this.type = Objects.requireNonNull(type, "type");
    this.name = Objects.requireNonNull(name, "name");
    this.value = Objects.requireNonNull(value, "value");
    Pattern p = null;
    if (type.isRegex()) {
      try {
        p = Pattern.compile("^(?s:" + value + ")$");
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("invalid regular expression " + quote(value) + ": " + e.getDescription(), e);
      }
    }
    this.pattern = p;
  }

  /**
   * Creates a matcher.
   *
   * @throws IllegalArgumentException if a regex does not compile; the message says why
   */
  public static Matcher of(MatchType type, String name, String value) {
    return new Matcher(type, name, value);
  }

  public static Matcher equal(String name, String value) {
    return new Matcher(MatchType.EQUAL, name, value);
  }

  public static Matcher notEqual(String name, String value) {
    return new Matcher(MatchType.NOT_EQUAL, name, value);
  }

  public static Matcher regex(String name, String value) {
    return new Matcher(MatchType.REGEX, name, value);
  }

  public static Matcher notRegex(String name, String value) {
    return new Matcher(MatchType.NOT_REGEX, name, value);
  }

  public MatchType type() {
    return type;
  }

  public String name() {
    return name;
  }

  public String value() {
    return value;
  }

  /** Whether a label value (use {@code ""} for an absent label) satisfies this matcher. */
  public boolean matches(String s) {
    return switch (type) {
      case EQUAL -> value.equals(s);
      case NOT_EQUAL -> !value.equals(s);
      case REGEX -> pattern.matcher(s).matches();
      case NOT_REGEX -> !pattern.matcher(s).matches();
    };
  }

  /** Whether the series' value for this matcher's label satisfies it. */
  public boolean matches(Labels labels) {
    return matches(labels.get(name));
  }

  /** The matcher that selects exactly the values this one rejects. */
  public Matcher inverse() {
    return new Matcher(type.inverse(), name, value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Matcher m && m.type == type && m.name.equals(name) && m.value.equals(value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, name, value);
  }

  /** PromQL syntax, e.g. {@code job=~"api|web"}. */
  @Override
  public String toString() {
    return name + type.op() + quote(value);
  }

  private static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2);
    Labels.appendQuoted(sb, s);
    return sb.toString();
  }
}
