package io.hearth.scrape.relabel;

import com.google.re2j.Matcher;
import java.util.Map;

/**
 * Expands a replacement template against a regex match with Go's {@code regexp.Expand} rules,
 * which relabelling's {@code replacement} and {@code target_label} follow. Java's {@code
 * appendReplacement} differs on every point, so it cannot be used:
 *
 * <ul>
 *   <li>{@code $$} is a literal {@code $};
 *   <li>{@code ${name}} names a group explicitly; a bare {@code $name} takes the longest run of
 *       Unicode letters, digits and {@code _}, so {@code $1_x} means the group {@code 1_x};
 *   <li>an all-digit name without a leading zero is a group number, anything else a group name;
 *   <li>a group that does not exist or did not take part in the match expands to {@code ""};
 *   <li>a {@code $} followed by neither a name nor a closed {@code {name}} is copied as is;
 *   <li>a backslash is an ordinary character.
 * </ul>
 *
 * Stateless and thread-safe.
 */
public final class GoTemplate {
  private GoTemplate() {}

  /** Expands {@code template} with the groups of {@code m}, which must hold a successful match. */
  public static String expand(String template, Matcher m) {
    if (template.indexOf('$') < 0) {
      return template;
    }
    StringBuilder sb = new StringBuilder(template.length() + 16);
    expand(sb, template, m);
    return sb.toString();
  }

  /** Appends the expansion of {@code template} to {@code dst}. */
  public static void expand(StringBuilder dst, String template, Matcher m) {
    int i = 0;
    int n = template.length();
    while (i < n) {
      int dollar = template.indexOf('$', i);
      if (dollar < 0) {
        break;
      }
      dst.append(template, i, dollar);
      i = dollar + 1;
      if (i < n && template.charAt(i) == '$') {
        dst.append('$');
        i++;
        continue;
      }
      // Parse a reference: {name} or name.
      boolean brace = i < n && template.charAt(i) == '{';
      int nameStart = brace ? i + 1 : i;
      int nameEnd = nameStart;
      while (nameEnd < n) {
        int cp = template.codePointAt(nameEnd);
        if (!Character.isLetter(cp) && !Character.isDigit(cp) && cp != '_') {
          break;
        }
        nameEnd += Character.charCount(cp);
      }
      if (nameEnd == nameStart || (brace && (nameEnd >= n || template.charAt(nameEnd) != '}'))) {
        dst.append('$'); // malformed: the '$' is text, and scanning resumes right after it
        continue;
      }
      i = brace ? nameEnd + 1 : nameEnd;
      appendGroup(dst, template, nameStart, nameEnd, m);
    }
    dst.append(template, i, n);
  }

  private static void appendGroup(StringBuilder dst, String template, int from, int to, Matcher m) {
    int num = groupNumber(template, from, to);
    String value;
    if (num >= 0) {
      value = num <= m.groupCount() ? m.group(num) : null;
    } else {
      Map<String, Integer> names = m.pattern().namedGroups();
      Integer index = names.get(template.substring(from, to));
      value = index == null ? null : m.group(index);
    }
    if (value != null) {
      dst.append(value);
    }
  }

  /** The group number the name spells, or -1 if it is a name (not all ASCII digits, or a leading 0). */
  private static int groupNumber(String s, int from, int to) {
    if (to - from > 1 && s.charAt(from) == '0') {
      return -1;
    }
    int num = 0;
    for (int k = from; k < to; k++) {
      char c = s.charAt(k);
      // Go gives up above 1e8 and treats the rest as a name, which then matches no group.
      if (c < '0' || c > '9' || num >= 100_000_000) {
        return -1;
      }
      num = num * 10 + (c - '0');
    }
    return num;
  }
}
