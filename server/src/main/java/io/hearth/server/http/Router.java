package io.hearth.server.http;

import io.netty.handler.codec.http.HttpMethod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one route table: exact paths, and patterns with one {@code :name} segment (such as {@code
 * /api/v1/label/:name/values}), each with a handler per method and the {@code handler} label its
 * requests are counted under. An unknown path answers 404 {@code 404 page not found} and a known
 * path with another method 405, as Prometheus's router does. Built at start-up, then read-only and
 * shared by every connection.
 */
public final class Router {
  /** A matched route: the handler, its metrics label and the path parameters it captured. */
  public record Route(String label, Handler handler, Map<String, String> params) {
    Route(String label, Handler handler) {
      this(label, handler, Map.of());
    }
  }

  /** A path with {@code :name} segments, split on '/'. */
  private record Pattern(String[] segments, Map<HttpMethod, Route> byMethod) {
    Map<String, String> match(String[] path) {
      if (path.length != segments.length) {
        return null;
      }
      Map<String, String> params = null;
      for (int i = 0; i < segments.length; i++) {
        String s = segments[i];
        if (s.startsWith(":")) {
          if (path[i].isEmpty()) {
            return null;
          }
          if (params == null) {
            params = new LinkedHashMap<>(2);
          }
          params.put(s.substring(1), path[i]);
        } else if (!s.equals(path[i])) {
          return null;
        }
      }
      return params == null ? Map.of() : params;
    }
  }

  private final Map<String, Map<HttpMethod, Route>> routes = new LinkedHashMap<>();
  private final Map<String, Pattern> patterns = new LinkedHashMap<>();

  /** Adds {@code handler} for {@code method} on {@code path}, counted as {@code path}. */
  public Router add(HttpMethod method, String path, Handler handler) {
    return add(method, path, path, handler);
  }

  /**
   * Adds {@code handler} for {@code method} on {@code path}, counted under {@code label}. A path
   * with a {@code :name} segment matches any one non-empty segment there, available to the handler
   * as {@link Request#pathParam}.
   */
  public Router add(HttpMethod method, String path, String label, Handler handler) {
    Map<HttpMethod, Route> byMethod;
    if (path.contains("/:")) {
      byMethod = patterns.computeIfAbsent(path, p -> new Pattern(p.split("/", -1), new LinkedHashMap<>()))
          .byMethod();
    } else {
      byMethod = routes.computeIfAbsent(path, p -> new LinkedHashMap<>());
    }
    Route previous = byMethod.putIfAbsent(method, new Route(label, handler));
    if (previous != null) {
      throw new IllegalStateException("route " + method + " " + path + " is already registered");
    }
    return this;
  }

  /** The route for a request, or null with {@link #allowed} telling 404 from 405. */
  public Route find(HttpMethod method, String path) {
    Map<HttpMethod, Route> byMethod = routes.get(path);
    if (byMethod != null) {
      return byMethod.get(method);
    }
    if (patterns.isEmpty()) {
      return null;
    }
    String[] split = path.split("/", -1);
    for (Pattern p : patterns.values()) {
      Map<String, String> params = p.match(split);
      if (params != null) {
        Route r = p.byMethod().get(method);
        return r == null ? null : new Route(r.label(), r.handler(), params);
      }
    }
    return null;
  }

  /** The methods {@code path} answers, empty if the path is unknown. */
  public List<HttpMethod> allowed(String path) {
    Map<HttpMethod, Route> byMethod = routes.get(path);
    if (byMethod == null) {
      String[] split = path.split("/", -1);
      for (Pattern p : patterns.values()) {
        if (p.match(split) != null) {
          return new ArrayList<>(p.byMethod().keySet());
        }
      }
      return List.of();
    }
    return new ArrayList<>(byMethod.keySet());
  }

  /** Every distinct metrics label, for pre-creating their counters as Prometheus does. */
  public List<String> labels() {
    List<String> out = new ArrayList<>();
    List<Map<HttpMethod, Route>> all = new ArrayList<>(routes.values());
    for (Pattern p : patterns.values()) {
      all.add(p.byMethod());
    }
    for (Map<HttpMethod, Route> byMethod : all) {
      for (Route r : byMethod.values()) {
        if (!out.contains(r.label())) {
          out.add(r.label());
        }
      }
    }
    return out;
  }
}
