package io.hearth.promql.testdata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds {@code shared/bench} and makes datasets with its {@code openmetrics_gen.py}. Generated
 * files are deterministic for the same arguments, so one already on disk with its {@code .json}
 * summary next to it is reused.
 */
public final class BenchData {
  private static final Pattern NUMBER = Pattern.compile("\"(\\w+)\": (-?[0-9.]+)");

  /** The summary {@code openmetrics_gen.py} writes beside the file; times in seconds. */
  public record Info(Path file, long series, long samples, double start, double end, double intervalSeconds) {}

  private BenchData() {}

  /**
   * The {@code shared/bench} directory: {@code $HEARTH_BENCH_DIR} if set, else the first {@code
   * shared/bench} found in the working directory or one of its ancestors.
   */
  public static Path benchDir() {
    String env = System.getenv("HEARTH_BENCH_DIR");
    if (env != null && !env.isEmpty()) {
      return Path.of(env);
    }
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path p = d.resolve("shared").resolve("bench");
      if (Files.isRegularFile(p.resolve("openmetrics_gen.py"))) {
        return p;
      }
    }
    throw new IllegalStateException("cannot find shared/bench/openmetrics_gen.py above " + Path.of("").toAbsolutePath()
        + "; set HEARTH_BENCH_DIR");
  }

  /**
   * Generates {@code out} with {@code openmetrics_gen.py genArgs... --out out} unless it and its
   * summary already exist; waits at most {@code timeoutSeconds}.
   */
  public static Info generate(Path out, List<String> genArgs, long timeoutSeconds) {
    Path json = Path.of(out + ".json");
    if (!Files.isRegularFile(out) || !Files.isRegularFile(json)) {
      List<String> cmd = new ArrayList<>(List.of("python3", benchDir().resolve("openmetrics_gen.py").toString()));
      cmd.addAll(genArgs);
      cmd.add("--out");
      cmd.add(out.toString());
      run(cmd, out.resolveSibling(out.getFileName() + ".gen.log"), timeoutSeconds);
    }
    return info(out);
  }

  /** Reads the summary next to {@code file}. */
  public static Info info(Path file) {
    String s;
    try {
      s = Files.readString(Path.of(file + ".json"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the summary of " + file, e);
    }
    double series = 0;
    double samples = 0;
    double start = 0;
    double end = 0;
    double interval = 0;
    Matcher m = NUMBER.matcher(s);
    while (m.find()) {
      double v = Double.parseDouble(m.group(2));
      switch (m.group(1)) {
        case "series" -> series = v;
        case "samples" -> samples = v;
        case "start" -> start = v;
        case "end" -> end = v;
        case "interval_s" -> interval = v;
        default -> {}
      }
    }
    return new Info(file, (long) series, (long) samples, start, end, interval);
  }

  /** Runs {@code cmd} with output to {@code log}; fails on a non-zero exit or after the timeout. */
  public static void run(List<String> cmd, Path log, long timeoutSeconds) {
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new IllegalStateException("timed out after " + timeoutSeconds + " s: " + String.join(" ", cmd));
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException("exit " + p.exitValue() + " from " + String.join(" ", cmd) + ":\n"
            + tail(log));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + String.join(" ", cmd), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + String.join(" ", cmd), e);
    }
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
  }
}
