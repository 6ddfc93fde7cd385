package io.hearth.server.http;

import com.google.re2j.Pattern;

/**
 * Prometheus's CORS headers for the API ({@code httputil.SetCORS}): {@code Vary: Origin} always;
 * for a request with an {@code Origin}, the allowed headers and methods, and {@code
 * Access-Control-Allow-Origin} when the origin matches {@code --web.cors.origin} ({@code *} for
 * the default {@code .*}). Immutable.
 */
public final class Cors {
  /** Prometheus's default origin regex, {@code .*}. */
  public static final Cors DEFAULT = new Cors(".*");

  private final String regex;
  private final Pattern origin;

  /** {@code regex} is anchored at both ends, as Prometheus anchors the flag's value. */
  public Cors(String regex) {
    this.regex = regex;
    this.origin = Pattern.compile("^(?:" + regex + ")$");
  }

  /** {@code handler} with the CORS headers added to its answers. */
  public Handler wrap(Handler handler) {
    return (req, res) -> {
      res.headers().add("Vary", "Origin");
      String o = req.headers().get("Origin");
      if (o != null && !o.isEmpty()) {
        res.headers().set("Access-Control-Allow-Headers", "Accept, Authorization, Content-Type, Origin");
        res.headers().set("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
        res.headers().set("Access-Control-Expose-Headers", "Date");
        if (regex.equals(".*")) {
          res.headers().set("Access-Control-Allow-Origin", "*");
        } else if (origin.matcher(o).matches()) {
          res.headers().set("Access-Control-Allow-Origin", o);
        }
      }
      handler.handle(req, res);
    };
  }
}
