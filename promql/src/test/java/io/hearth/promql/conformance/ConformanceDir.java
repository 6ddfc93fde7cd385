package io.hearth.promql.conformance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds {@code shared/conformance/promql}, which lives beside the repository, not inside it. */
final class ConformanceDir {
  static final String RELATIVE = "shared/conformance/promql";

  private ConformanceDir() {}

  /**
   * The folder named by system property {@code promql.conformance.dir}, else the first {@code
   * shared/conformance/promql} found walking up from the working directory (the repository is at
   * {@code <root>/main} or in a worktree beside it, so {@code <root>/shared} is an ancestor's
   * child).
   */
  static Path locate() {
    String override = System.getProperty("promql.conformance.dir");
    if (override != null) {
      Path p = Path.of(override).toAbsolutePath();
      if (!Files.isDirectory(p)) {
        throw new IllegalStateException("promql.conformance.dir=" + override + " is not a directory");
      }
      return p;
    }
    List<Path> tried = new ArrayList<>();
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path candidate = d.resolve(RELATIVE);
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
      tried.add(candidate);
    }
    throw new IllegalStateException(
        "cannot find the PromQL conformance scripts: no " + RELATIVE + " above the working directory;"
            + " tried " + tried + " (set -Dpromql.conformance.dir to override)");
  }
}
