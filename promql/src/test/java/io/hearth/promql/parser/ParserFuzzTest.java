package io.hearth.promql.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Truncations and random edits of valid queries: the parser must either succeed (and then print
 * something that parses back to the same tree) or throw {@link ParseException}; never anything
 * else. Bounded in count and in time.
 */
class ParserFuzzTest {
  private static final String ALPHABET = "(){}[]:,=!~<>+-*/%^@\"'`#\\ \n.0123456789eEmsxXaz_ oybf";
  private static final String[] FRAGMENTS = {
    " offset ", " @ ", " by ", " without ", " on(", " ignoring(", " group_left", " bool ", "[5m]",
    "[1h:1m]", "sum(", "rate(", ")", "{a=\"b\"}", " and ", " or ", "-", "^", "start()", "1e", "0x",
    "Inf", "\"\\x", "\\u12", "#"
  };

  @Test
  void malformedQueriesOnlyEverThrowParseException() throws IOException {
    List<String> seeds = new ArrayList<>();
    for (ConformanceQueriesTest.Query q : ConformanceQueriesTest.queries()) {
      seeds.add(q.text());
    }
    SplittableRandom random = new SplittableRandom(20260821);
    long deadline = System.nanoTime() + 20_000_000_000L;
    int runs = 0;
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < 20_000 && System.nanoTime() < deadline && failures.size() < 10; i++) {
      String seed = seeds.get(random.nextInt(seeds.size()));
      String q = mutate(seed, random);
      runs++;
      try {
        Trees.roundTrip(q, new ParserOptions(random.nextBoolean()));
      } catch (ParseException expected) {
        assertThat(expected.getMessage()).contains("parse error: ");
      } catch (Throwable t) {
        failures.add(q + " -> " + t);
      }
    }
    assertThat(failures).isEmpty();
    assertThat(runs).isGreaterThan(1000);
  }

  @Test
  void deepNestingFailsCleanlyOrParses() {
    for (int depth : new int[] {100, 5_000, 200_000}) {
      String q = "(".repeat(depth) + "1" + ")".repeat(depth);
      try {
        assertThat(PromqlParser.parse(q).toPromql()).isEqualTo(q);
      } catch (ParseException e) {
        assertThat(e.getMessage()).isEqualTo("1:1: parse error: expression is nested too deeply");
      }
    }
  }

  private static String mutate(String s, SplittableRandom r) {
    StringBuilder sb = new StringBuilder(s);
    int edits = 1 + r.nextInt(3);
    for (int e = 0; e < edits; e++) {
      int at = sb.isEmpty() ? 0 : r.nextInt(sb.length() + 1);
      switch (r.nextInt(5)) {
        case 0 -> sb.setLength(Math.min(at, sb.length()));
        case 1 -> {
          if (at < sb.length()) {
            sb.deleteCharAt(at);
          }
        }
        case 2 -> sb.insert(at, ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        case 3 -> sb.insert(at, FRAGMENTS[r.nextInt(FRAGMENTS.length)]);
        default -> {
          if (at + 1 < sb.length()) {
            char c = sb.charAt(at);
            sb.setCharAt(at, sb.charAt(at + 1));
            sb.setCharAt(at + 1, c);
          }
        }
      }
    }
    return sb.toString();
  }
}
