package io.hearth.promql.conformance;

import java.util.List;

/** A parsed {@code .test} file: its commands in order. Immutable. */
record TestScript(String file, List<Command> commands) {
  TestScript {
    commands = List.copyOf(commands);
  }

  List<Eval> evals() {
    return commands.stream().filter(c -> c instanceof Eval).map(c -> (Eval) c).toList();
  }

  /** One command; {@code line} is 1-based, the line of the command word. */
  sealed interface Command permits Load, Clear, Eval {
    int line();
  }

  /**
   * {@code load <interval>} or {@code load_with_nhcb <interval>}. A series listed twice keeps only
   * its last definition, as upstream's harness does.
   */
  record Load(int line, long intervalMs, boolean withNhcb, List<SeriesDescription> series)
      implements Command {
    Load {
      series = List.copyOf(series);
    }

    /** Whether this block adds native-histogram data: histogram items, or NHCB conversion. */
    boolean touchesNativeHistograms() {
      return withNhcb || series.stream().anyMatch(SeriesDescription::hasHistogram);
    }
  }

  /** {@code clear}: drop all loaded data. */
  record Clear(int line) implements Command {}

  /**
   * {@code eval instant at <t> <query>} or {@code eval range from <s> to <e> step <d> <query>}.
   *
   * @param timeMs the instant query's evaluation time; moved to the window's end by {@code expect
   *     range vector}
   * @param startMs the range query's start, or the start of an expected range vector
   * @param endMs the range query's end, or the end of an expected range vector
   * @param stepMs the range query's step, or the step of an expected range vector
   */
  record Eval(
      int line,
      String query,
      boolean isRange,
      long timeMs,
      long startMs,
      long endMs,
      long stepMs,
      boolean expectsRangeVector,
      ExpectedResult expected)
      implements Command {}
}
