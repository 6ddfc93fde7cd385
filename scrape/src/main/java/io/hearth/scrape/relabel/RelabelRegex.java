package io.hearth.scrape.relabel;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * A relabel regex: RE2 syntax, fully anchored and with {@code .} matching a newline, as Prometheus
 * compiles it ({@code ^(?s:expr)$}). Two regexes are equal when their source text is.
 */
public final class RelabelRegex {
  /** The default, {@code (.*)}. */
  public static final RelabelRegex DEFAULT = compile("(.*)");

  private final String source;
  private final Pattern pattern;

  private RelabelRegex(String source, Pattern pattern) {
    this.source = source;
    this.pattern = pattern;
  }

  /** @throws IllegalArgumentException with RE2's reason if {@code source} does not compile */
  public static RelabelRegex compile(String source) {
    try {
      return new RelabelRegex(source, Pattern.compile("^(?s:" + source + ")$"));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "invalid regular expression " + quote(source) + ": " + e.getDescription(), e);
    }
  }

  private static String quote(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  public String source() {
    return source;
  }

  /** The anchored pattern; use {@code matcher(s).matches()} or {@code find()} alike. */
  public Pattern pattern() {
    return pattern;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RelabelRegex r && r.source.equals(source);
  }

  @Override
  public int hashCode() {
    return source.hashCode();
  }

  @Override
  public String toString() {
    return source;
  }
}
