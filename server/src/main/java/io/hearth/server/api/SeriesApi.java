package io.hearth.server.api;

import io.hearth.labels.Labels;
import io.hearth.labels.Matcher;
import io.hearth.server.http.Request;
import io.hearth.server.http.Responder;
import io.hearth.storage.Querier;
import io.hearth.storage.Queryable;
import io.hearth.storage.SeriesSet;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * {@code /api/v1/series}, as Prometheus 3.x's {@code series}: at least one {@code match[]}, then
 * {@code limit}, {@code start}, {@code end} and the selectors checked in that order with
 * Prometheus's messages; the label sets of the series with samples in range, one set's in the
 * storage's order, several sets' merged in label order without duplicates. Thread-safe.
 */
public final class SeriesApi {
  private final Supplier<? extends Queryable> storage;
  private final Executor executor;

  public SeriesApi(Supplier<? extends Queryable> storage, Executor executor) {
    this.storage = storage;
    this.executor = executor;
  }

  /** {@code GET|POST /api/v1/series}. */
  public void series(Request req, Responder res) {
    int limit;
    long start;
    long end;
    List<Matcher[]> sets;
    try {
      List<String> match = req.formValues("match[]");
      if (match.isEmpty()) {
        throw new ApiException(ErrorType.BAD_DATA, "no match[] parameter provided");
      }
      try {
        limit = ApiParams.parseLimit(req.formValue("limit"));
      } catch (IllegalArgumentException e) {
        throw ApiException.invalidParam("limit", e.getMessage());
      }
      start = LabelApi.time(req, "start", ApiParams.MIN_TIME);
      end = LabelApi.time(req, "end", ApiParams.MAX_TIME);
      try {
        sets = MatchParam.parse(match);
      } catch (ApiException e) {
        throw ApiException.invalidParam("match[]", e.getMessage());
      }
    } catch (ApiException e) {
      JsonWriter.sendError(res, e.type(), e.getMessage());
      return;
    }
    StorageTask.submit(executor, res, r -> {
      List<Labels> found = new ArrayList<>();
      boolean truncated = false;
      try (Querier q = storage.get().querier(start, end)) {
        if (sets.size() == 1) {
          truncated = collect(q.select(false, sets.getFirst()), found, limit);
        } else {
          TreeSet<Labels> merged = new TreeSet<>();
          for (Matcher[] ms : sets) {
            SeriesSet s = q.select(true, ms);
            while (s.next()) {
              merged.add(s.at().labels());
            }
          }
          for (Labels l : merged) {
            if (limit > 0 && found.size() == limit) {
              truncated = true;
              break;
            }
            found.add(l);
          }
        }
      }
      List<String> warnings = truncated ? List.of("results truncated due to limit") : List.of();
      JsonWriter.respond(r, gen -> {
        gen.writeStartArray();
        for (Labels l : found) {
          JsonWriter.writeLabels(gen, l);
        }
        gen.writeEndArray();
      }, warnings, List.of());
    });
  }

  /** Adds the set's labels to {@code out}; true if more than {@code limit} (when positive) were found. */
  private static boolean collect(SeriesSet s, List<Labels> out, int limit) {
    while (s.next()) {
      if (limit > 0 && out.size() == limit) {
        return true;
      }
      out.add(s.at().labels());
    }
    return false;
  }
}
