package io.hearth.promql.engine;

/**
 * Engine settings. {@link #defaults()} matches a Prometheus server started with no flags.
 *
 * @param lookbackDeltaMs how far back an instant selector looks for a sample ({@code
 *     --query.lookback-delta}, 5m)
 * @param defaultSubqueryStepMs the step of a subquery written without one ({@code [1h:]}): the
 *     global {@code evaluation_interval}, 1m by default
 * @param maxSamples the most samples a query may hold in memory at once ({@code
 *     --query.max-samples}, 50,000,000)
 * @param timeoutMs how long a query may run ({@code --query.timeout}, 2m)
 * @param experimentalFunctions feature {@code promql-experimental-functions}
 * @param delayedNameRemoval feature {@code promql-delayed-name-removal}
 */
public record EngineOptions(
    long lookbackDeltaMs,
    long defaultSubqueryStepMs,
    long maxSamples,
    long timeoutMs,
    boolean experimentalFunctions,
    boolean delayedNameRemoval) {

  public EngineOptions {
    if (lookbackDeltaMs <= 0) {
      throw new IllegalArgumentException("lookback delta must be positive, got " + lookbackDeltaMs);
    }
    if (defaultSubqueryStepMs <= 0) {
      throw new IllegalArgumentException(
          "default subquery step must be positive, got " + defaultSubqueryStepMs);
    }
    if (maxSamples <= 0) {
      throw new IllegalArgumentException("max samples must be positive, got " + maxSamples);
    }
    if (timeoutMs <= 0) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeoutMs);
    }
  }

  public static EngineOptions defaults() {
    return new EngineOptions(5 * 60_000, 60_000, 50_000_000, 120_000, false, false);
  }

  public EngineOptions withLookbackDelta(long ms) {
    return new EngineOptions(
        ms, defaultSubqueryStepMs, maxSamples, timeoutMs, experimentalFunctions, delayedNameRemoval);
  }

  public EngineOptions withDefaultSubqueryStep(long ms) {
    return new EngineOptions(
        lookbackDeltaMs, ms, maxSamples, timeoutMs, experimentalFunctions, delayedNameRemoval);
  }

  public EngineOptions withMaxSamples(long n) {
    return new EngineOptions(
        lookbackDeltaMs, defaultSubqueryStepMs, n, timeoutMs, experimentalFunctions,
        delayedNameRemoval);
  }

  public EngineOptions withTimeout(long ms) {
    return new EngineOptions(
        lookbackDeltaMs, defaultSubqueryStepMs, maxSamples, ms, experimentalFunctions,
        delayedNameRemoval);
  }

  public EngineOptions withExperimentalFunctions(boolean on) {
    return new EngineOptions(
        lookbackDeltaMs, defaultSubqueryStepMs, maxSamples, timeoutMs, on, delayedNameRemoval);
  }

  public EngineOptions withDelayedNameRemoval(boolean on) {
    return new EngineOptions(
        lookbackDeltaMs, defaultSubqueryStepMs, maxSamples, timeoutMs, experimentalFunctions, on);
  }
}
