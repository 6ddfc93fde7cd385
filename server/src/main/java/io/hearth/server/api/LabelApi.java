package io.hearth.server.api;

import io.hearth.labels.Matcher;
import io.hearth.labels.NameValidation;
import io.hearth.server.http.Request;
import io.hearth.server.http.Responder;
import io.hearth.storage.Querier;
import io.hearth.storage.Queryable;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * {@code /api/v1/labels} and {@code /api/v1/label/:name/values}, as Prometheus 3.x's {@code
 * labelNames} and {@code labelValues}: {@code limit}, {@code start}, {@code end} (defaulting to
 * the whole time range) and {@code match[]} checked in Prometheus's order with its messages; with
 * several {@code match[]} sets the answer is the union. A label name in the path may be {@code
 * U__}-escaped, as Prometheus 3.x's UI sends names that are not legacy-valid. Thread-safe.
 */
public final class LabelApi {
  private static final String TRUNCATED = "results truncated due to limit";

  private final Supplier<? extends Queryable> storage;
  private final Executor executor;

  public LabelApi(Supplier<? extends Queryable> storage, Executor executor) {
    this.storage = storage;
    this.executor = executor;
  }

  /** The parameters both endpoints share, checked in Prometheus's order. */
  private record Params(int limit, long start, long end, List<Matcher[]> matcherSets) {
    static Params of(Request req) {
      int limit;
      try {
        limit = ApiParams.parseLimit(req.formValue("limit"));
      } catch (IllegalArgumentException e) {
        throw ApiException.invalidParam("limit", e.getMessage());
      }
      long start = time(req, "start", ApiParams.MIN_TIME);
      long end = time(req, "end", ApiParams.MAX_TIME);
      return new Params(limit, start, end, MatchParam.parse(req.formValues("match[]")));
    }
  }

  static long time(Request req, String name, long defaultMs) {
    try {
      return ApiParams.parseTimeParam(name, req.formValue(name), defaultMs);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidParam(name, e.getMessage());
    }
  }

  /** {@code GET|POST /api/v1/labels}. */
  public void names(Request req, Responder res) {
    lookup(req, res, (q, ms) -> q.labelNames(ms));
  }

  /** {@code GET /api/v1/label/:name/values}. */
  public void values(Request req, Responder res) {
    String name = req.pathParam("name");
    if (name.startsWith("U__")) {
      name = ValueEscaping.unescape(name);
    }
    if (!NameValidation.UTF8.isValidLabelName(name)) {
      JsonWriter.sendError(res, ErrorType.BAD_DATA, "invalid label name: " + ApiParams.goQuote(name));
      return;
    }
    String label = name;
    lookup(req, res, (q, ms) -> q.labelValues(label, ms));
  }

  /** Checks the shared parameters, then answers the union of {@code lookup} over the matcher sets. */
  private void lookup(Request req, Responder res,
      java.util.function.BiFunction<Querier, Matcher[], List<String>> lookup) {
    Params p;
    try {
      p = Params.of(req);
    } catch (ApiException e) {
      JsonWriter.sendError(res, e.type(), e.getMessage());
      return;
    }
    StorageTask.submit(executor, res, r -> {
      List<String> found;
      try (Querier q = storage.get().querier(p.start(), p.end())) {
        found = union(p.matcherSets(), ms -> lookup.apply(q, ms));
      }
      answer(r, found, p.limit());
    });
  }

  /** The sorted union of a lookup over every matcher set, or over all series when there is none. */
  private static List<String> union(List<Matcher[]> sets, java.util.function.Function<Matcher[], List<String>> lookup) {
    if (sets.isEmpty()) {
      return lookup.apply(new Matcher[0]);
    }
    if (sets.size() == 1) {
      return lookup.apply(sets.getFirst());
    }
    TreeSet<String> all = new TreeSet<>();
    for (Matcher[] ms : sets) {
      all.addAll(lookup.apply(ms));
    }
    return new ArrayList<>(all);
  }

  private static void answer(Responder res, List<String> all, int limit) {
    List<String> out = all;
    List<String> warnings = List.of();
    if (limit > 0 && all.size() > limit) {
      out = all.subList(0, limit);
      warnings = List.of(TRUNCATED);
    }
    List<String> values = out;
    JsonWriter.respond(res, gen -> {
      gen.writeStartArray();
      for (String v : values) {
        gen.writeString(v);
      }
      gen.writeEndArray();
    }, warnings, List.of());
  }
}
