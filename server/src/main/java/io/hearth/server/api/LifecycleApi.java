package io.hearth.server.api;

import io.hearth.server.http.Request;
import io.hearth.server.http.Responder;
import io.hearth.server.http.Router;
import io.netty.handler.codec.http.HttpMethod;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * {@code /-/reload} and {@code /-/quit}, as Prometheus's web handler has them: POST or PUT when
 * {@code --web.enable-lifecycle} is set, 403 "Lifecycle API is not enabled." otherwise, 405 for a
 * GET either way. A reload that fails answers 500 with the reason and leaves the running
 * configuration in place; quit answers first and then starts the same shutdown as SIGTERM.
 */
public final class LifecycleApi {
  private static final String NOT_ENABLED = "Lifecycle API is not enabled.";
  private static final String ONLY_POST_PUT = "Only POST or PUT requests allowed";

  private final Supplier<String> reload;
  private final Runnable quit;
  private final AtomicBoolean quitting = new AtomicBoolean();

  /**
   * @param reload reloads the configuration; null on success, else the reason it was refused
   * @param quit starts a graceful shutdown; called once
   */
  private LifecycleApi(Supplier<String> reload, Runnable quit) {
    this.reload = reload;
    this.quit = quit;
  }

  /** Registers both endpoints; {@code blocking} runs a reload off the event loop. */
  public static void register(Router r, boolean enabled, Supplier<String> reload, Runnable quit,
      java.util.concurrent.Executor blocking) {
    LifecycleApi api = new LifecycleApi(reload, quit);
    for (HttpMethod m : new HttpMethod[] {HttpMethod.POST, HttpMethod.PUT}) {
      if (enabled) {
        r.add(m, "/-/reload", (req, res) -> blocking.execute(() -> api.reload(res)));
        r.add(m, "/-/quit", api::quit);
      } else {
        r.add(m, "/-/reload", LifecycleApi::forbidden);
        r.add(m, "/-/quit", LifecycleApi::forbidden);
      }
    }
    r.add(HttpMethod.GET, "/-/reload", (req, res) -> res.send(405, "text/plain; charset=utf-8", bytes(ONLY_POST_PUT)));
    r.add(HttpMethod.GET, "/-/quit", (req, res) -> res.send(405, "text/plain; charset=utf-8", bytes(ONLY_POST_PUT)));
  }

  private static void forbidden(Request req, Responder res) {
    res.send(403, "text/plain; charset=utf-8", bytes(NOT_ENABLED));
  }

  private void reload(Responder res) {
    String problem;
    try {
      problem = reload.get();
    } catch (RuntimeException e) {
      problem = e.toString();
    }
    if (problem == null) {
      res.send(200, "text/plain; charset=utf-8", new byte[0]);
    } else {
      // Go's http.Error: the text, a newline, and nosniff.
      res.headers().set("X-Content-Type-Options", "nosniff");
      res.sendText(500, "failed to reload config: " + problem + "\n");
    }
  }

  private void quit(Request req, Responder res) {
    if (quitting.compareAndSet(false, true)) {
      res.send(200, "text/plain; charset=utf-8", bytes("Requesting termination... Goodbye!"));
      quit.run();
    } else {
      res.send(200, "text/plain; charset=utf-8", bytes("Termination already in progress."));
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
