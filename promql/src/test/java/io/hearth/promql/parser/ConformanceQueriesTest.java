package io.hearth.promql.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every {@code eval} query in {@code shared/conformance/promql/*.test} parses, and its printed form
 * parses back to the same tree, unless it uses syntax Prometheus keeps behind a feature flag we do
 * not offer; those must fail with Prometheus's "not enabled" message.
 */
class ConformanceQueriesTest {
  private static final Pattern EVAL =
      Pattern.compile(
          "^eval(?:_fail|_warn|_info|_ordered)?\\s+(?:instant\\s+at\\s+\\S+|range\\s+from\\s+\\S+\\s+to\\s+\\S+\\s+step\\s+\\S+)\\s+(.*)$");

  record Query(String where, String text) {}

  static List<Query> queries() throws IOException {
    List<Query> out = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> s = Files.list(conformanceDir())) {
      files = s.filter(p -> p.toString().endsWith(".test")).sorted().toList();
    }
    for (Path f : files) {
      List<String> lines = Files.readAllLines(f);
      for (int i = 0; i < lines.size(); i++) {
        Matcher m = EVAL.matcher(lines.get(i).strip());
        if (m.matches()) {
          out.add(new Query(f.getFileName() + ":" + (i + 1), m.group(1)));
        }
      }
    }
    return out;
  }

  /** {@code shared/conformance/promql}, beside the repository (or -Dpromql.conformance.dir). */
  static Path conformanceDir() {
    String override = System.getProperty("promql.conformance.dir");
    if (override != null) {
      return Path.of(override);
    }
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path candidate = d.resolve("shared/conformance/promql");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("no shared/conformance/promql above " + Path.of("").toAbsolutePath());
  }

  @Test
  void everyEvalQueryParsesOrNeedsAFeatureWeLack() throws IOException {
    List<Query> all = queries();
    assertThat(all).hasSize(2214);
    int parsed = 0;
    int gated = 0;
    List<String> problems = new ArrayList<>();
    for (Query q : all) {
      try {
        Trees.roundTrip(q.text(), new ParserOptions(true));
        parsed++;
      } catch (ParseException e) {
        if (isFlagGated(e.detail())) {
          gated++;
        } else {
          problems.add(q.where() + " " + q.text() + " -> " + e.getMessage());
        }
      } catch (AssertionError e) {
        problems.add(q.where() + " " + e.getMessage());
      }
    }
    assertThat(problems).isEmpty();
    assertThat(parsed).isGreaterThan(1900);
    assertThat(parsed + gated).isEqualTo(all.size());
  }

  private static boolean isFlagGated(String detail) {
    return detail.equals("experimental duration expression is not enabled")
        || detail.equals("anchored modifier is experimental and not enabled")
        || detail.equals("smoothed modifier is experimental and not enabled")
        || detail.equals("binop fill modifiers are experimental and not enabled");
  }
}
