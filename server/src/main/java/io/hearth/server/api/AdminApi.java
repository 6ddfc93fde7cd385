package io.hearth.server.api;

import io.hearth.server.http.Router;
import io.netty.handler.codec.http.HttpMethod;

/**
 * {@code /api/v1/admin/tsdb/delete_series}, {@code clean_tombstones} and {@code snapshot}. They
 * work on persistent blocks and tombstones, which Hearth gains with issue 6; until then they
 * answer what Prometheus answers with the admin API switched off ({@code unavailable}, "admin APIs
 * disabled"), whatever {@code --web.enable-admin-api} says, so a client learns at once that the
 * operation did not happen.
 */
public final class AdminApi {
  private AdminApi() {}

  public static void register(Router r, java.util.function.UnaryOperator<io.hearth.server.http.Handler> wrap) {
    for (String op : new String[] {"delete_series", "clean_tombstones", "snapshot"}) {
      String path = "/api/v1/admin/tsdb/" + op;
      io.hearth.server.http.Handler h = wrap.apply(
          (req, res) -> JsonWriter.sendError(res, ErrorType.UNAVAILABLE, "admin APIs disabled"));
      r.add(HttpMethod.POST, path, h);
      r.add(HttpMethod.PUT, path, h);
    }
  }
}
