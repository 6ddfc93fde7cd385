package io.hearth.promql.differential;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The differential test's queries, one per line of a resource file. Blank lines and lines starting
 * with {@code #} are skipped; a query may be preceded by flags, each a word starting with {@code
 * !}: {@code !instant} (never run as a range query, e.g. a range-vector result), {@code !ordered}
 * (the instant vector's order is part of the answer), {@code !empty} (an empty result is the
 * point, e.g. {@code absent} of something present), {@code !error} (both sides must fail).
 */
final class QueryTable {
  /** One query and how to run and compare it; {@code line} is its line in the file. */
  record Case(String query, int line, boolean instantOnly, boolean ordered, boolean mayBeEmpty, boolean error) {
    @Override
    public String toString() {
      return "line " + line + ": " + query;
    }
  }

  private QueryTable() {}

  static List<Case> load(String resource) {
    InputStream in = QueryTable.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalArgumentException("no resource " + resource);
    }
    List<Case> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        String s = line.strip();
        if (s.isEmpty() || s.startsWith("#")) {
          continue;
        }
        boolean instant = false;
        boolean ordered = false;
        boolean empty = false;
        boolean error = false;
        while (s.startsWith("!")) {
          int sp = s.indexOf(' ');
          String flag = sp < 0 ? s : s.substring(0, sp);
          switch (flag) {
            case "!instant" -> instant = true;
            case "!ordered" -> ordered = true;
            case "!empty" -> empty = true;
            case "!error" -> error = true;
            default -> throw new IllegalArgumentException(resource + " line " + n + ": unknown flag " + flag);
          }
          s = sp < 0 ? "" : s.substring(sp + 1).strip();
        }
        if (s.isEmpty()) {
          throw new IllegalArgumentException(resource + " line " + n + ": flags without a query");
        }
        out.add(new Case(s, n, instant, ordered, empty, error));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
    return out;
  }
}
