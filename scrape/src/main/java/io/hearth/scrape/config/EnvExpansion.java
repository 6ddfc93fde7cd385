package io.hearth.scrape.config;

import java.util.function.Function;

/**
 * Go's {@code os.Expand} as Prometheus applies it to external label values: {@code ${NAME}} and
 * {@code $NAME} are replaced by the variable's value ("" when unset), {@code $$} by {@code $}, and
 * a {@code $} followed by nothing name-like stays as it is.
 */
public final class EnvExpansion {
  private EnvExpansion() {}

  public static String expand(String s, Function<String, String> env) {
    StringBuilder out = null;
    int copied = 0;
    for (int j = 0; j < s.length(); j++) {
      if (s.charAt(j) != '$' || j + 1 >= s.length()) {
        continue;
      }
      if (out == null) {
        out = new StringBuilder(s.length() * 2);
      }
      out.append(s, copied, j);
      String rest = s.substring(j + 1);
      String name;
      int width;
      char c = rest.charAt(0);
      if (c == '{') {
        if (rest.length() > 2 && isSpecial(rest.charAt(1)) && rest.charAt(2) == '}') {
          name = rest.substring(1, 2);
          width = 3;
        } else {
          int close = rest.indexOf('}');
          if (close == 1) {
            name = "";
            width = 2; // "${}" is bad syntax and is eaten
          } else if (close < 0) {
            name = "";
            width = 1; // "${" without a closing brace: the "{" is eaten
          } else {
            name = rest.substring(1, close);
            width = close + 1;
          }
        }
      } else if (isSpecial(c)) {
        name = rest.substring(0, 1);
        width = 1;
      } else {
        int i = 0;
        while (i < rest.length() && isAlphaNum(rest.charAt(i))) {
          i++;
        }
        name = rest.substring(0, i);
        width = i;
      }
      if (name.isEmpty() && width == 0) {
        out.append('$'); // not followed by a name: keep the dollar
      } else if (!name.isEmpty()) {
        out.append(lookup(name, env));
      }
      j += width;
      copied = j + 1;
    }
    return out == null ? s : out.append(s, Math.min(copied, s.length()), s.length()).toString();
  }

  private static String lookup(String name, Function<String, String> env) {
    if (name.equals("$")) {
      return "$";
    }
    String v = env.apply(name);
    return v == null ? "" : v;
  }

  private static boolean isSpecial(char c) {
    return "*#$@!?-0123456789".indexOf(c) >= 0;
  }

  private static boolean isAlphaNum(char c) {
    return c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
