package io.hearth.server.http;

import io.netty.handler.codec.http.HttpMethod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one route table: exact paths, each with a handler per method and the {@code handler} label
 * its requests are counted under. An unknown path answers 404 {@code 404 page not found} and a
 * known path with another method 405, as Prometheus's router does. Built at start-up, then
 * read-only and shared by every connection.
 */
public final class Router {
  /** A matched route: the handler and its metrics label. */
  public record Route(String label, Handler handler) {}

  private final Map<String, Map<HttpMethod, Route>> routes = new LinkedHashMap<>();

  /** Adds {@code handler} for {@code method} on {@code path}, counted as {@code path}. */
  public Router add(HttpMethod method, String path, Handler handler) {
    return add(method, path, path, handler);
  }

  /** Adds {@code handler} for {@code method} on {@code path}, counted under {@code label}. */
  public Router add(HttpMethod method, String path, String label, Handler handler) {
    Route previous = routes.computeIfAbsent(path, p -> new LinkedHashMap<>())
        .putIfAbsent(method, new Route(label, handler));
    if (previous != null) {
      throw new IllegalStateException("route " + method + " " + path + " is already registered");
    }
    return this;
  }

  /** The route for a request, or null with {@link #allowed} telling 404 from 405. */
  public Route find(HttpMethod method, String path) {
    Map<HttpMethod, Route> byMethod = routes.get(path);
    return byMethod == null ? null : byMethod.get(method);
  }

  /** The methods {@code path} answers, empty if the path is unknown. */
  public List<HttpMethod> allowed(String path) {
    Map<HttpMethod, Route> byMethod = routes.get(path);
    return byMethod == null ? List.of() : new ArrayList<>(byMethod.keySet());
  }

  /** Every distinct metrics label, for pre-creating their counters as Prometheus does. */
  public List<String> labels() {
    List<String> out = new ArrayList<>();
    for (Map<HttpMethod, Route> byMethod : routes.values()) {
      for (Route r : byMethod.values()) {
        if (!out.contains(r.label())) {
          out.add(r.label());
        }
      }
    }
    return out;
  }
}
