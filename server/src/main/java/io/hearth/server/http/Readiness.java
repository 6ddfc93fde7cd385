package io.hearth.server.http;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether the server answers its API yet: {@code NOT_READY} until the TSDB is open, {@code READY},
 * then {@code STOPPING} once shutdown begins. Thread-safe.
 */
public final class Readiness {
  public enum State { NOT_READY, READY, STOPPING }

  private final AtomicReference<State> state = new AtomicReference<>(State.NOT_READY);

  public State get() {
    return state.get();
  }

  public void set(State s) {
    state.set(s);
  }

  /**
   * {@code handler} behind Prometheus's readiness check: until ready (and once stopping) it
   * answers 503 {@code Service Unavailable} with header {@code X-Prometheus-Stopping}.
   */
  public Handler gate(Handler handler) {
    return (req, res) -> {
      State s = state.get();
      if (s == State.READY) {
        handler.handle(req, res);
        return;
      }
      res.headers().set("X-Prometheus-Stopping", s == State.STOPPING ? "true" : "false");
      res.sendText(503, "Service Unavailable");
    };
  }
}
