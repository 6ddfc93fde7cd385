package io.hearth.promql.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The natural order sort_by_label uses (Prometheus vendors facette/natsort): strings split into
 * runs of digits and non-digits, digit runs compared as integers, others as strings.
 */
final class NaturalSort {
  private NaturalSort() {}

  static List<String> chunks(String s) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      boolean digit = isDigit(s.charAt(i));
      int j = i + 1;
      while (j < s.length() && isDigit(s.charAt(j)) == digit) {
        j++;
      }
      out.add(s.substring(i, j));
      i = j;
    }
    return out;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static long parse(String s) {
    if (s.isEmpty() || !isDigit(s.charAt(0)) || s.length() > 18) {
      return -1;
    }
    return Long.parseLong(s);
  }

  /** Whether {@code a} sorts before {@code b}. */
  static boolean less(String a, String b) {
    List<String> ca = chunks(a);
    List<String> cb = chunks(b);
    for (int i = 0; i < ca.size(); i++) {
      if (i >= cb.size()) {
        return false;
      }
      long x = parse(ca.get(i));
      long y = parse(cb.get(i));
      if (x >= 0 && y >= 0) {
        if (x == y) {
          if (i == ca.size() - 1) {
            return true;
          } else if (i == cb.size() - 1) {
            return false;
          }
          continue;
        }
        return x < y;
      }
      if (ca.get(i).equals(cb.get(i))) {
        if (i == ca.size() - 1) {
          return true;
        } else if (i == cb.size() - 1) {
          return false;
        }
        continue;
      }
      return ca.get(i).compareTo(cb.get(i)) < 0;
    }
    return false;
  }
}
