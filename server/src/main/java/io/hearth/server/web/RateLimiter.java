package io.hearth.server.web;

import java.time.Duration;

/**
 * {@code rate_limit}'s token bucket (Go's {@code rate.Limiter} with {@code rate.Every(interval)}):
 * it starts full with {@code burst} tokens, gains one per {@code interval}, and a request that
 * finds no whole token is refused. Thread-safe.
 */
public final class RateLimiter {
  private final double nanosPerToken;
  private final long burst;
  private double tokens;
  private long last;

  RateLimiter(Duration interval, long burst, long nowNanos) {
    this.nanosPerToken = interval.toNanos();
    this.burst = burst;
    this.tokens = burst;
    this.last = nowNanos;
  }

  /** A limiter for {@code c}, or null when it is off (a zero interval). */
  static RateLimiter of(WebConfig.RateLimit c) {
    if (c.interval().isZero()) {
      return null;
    }
    return new RateLimiter(c.interval(), c.burst(), System.nanoTime());
  }

  /** Takes a token if there is one. */
  public boolean allow() {
    return allow(System.nanoTime());
  }

  synchronized boolean allow(long nowNanos) {
    if (nanosPerToken <= 0) {
      return true; // Go's rate.Every turns a negative interval into an unlimited rate
    }
    tokens = Math.min(burst, tokens + (nowNanos - last) / nanosPerToken);
    last = nowNanos;
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }
}
