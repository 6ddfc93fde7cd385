package io.hearth.server.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.hearth.server.http.Request;
import io.hearth.server.http.Responder;
import io.hearth.tsdb.Db;
import io.hearth.tsdb.head.Head;
import io.hearth.tsdb.index.PostingsStats;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The {@code /api/v1/status/*} endpoints Grafana, promtool and Prometheus's own tooling read:
 * {@code buildinfo}, {@code runtimeinfo}, {@code flags}, {@code tsdb} (head cardinality) and
 * {@code walreplay}, with Prometheus 3.x's field names and order. Where a Go runtime figure has no
 * Java counterpart the nearest honest one is given (threads for goroutines, processors for
 * GOMAXPROCS, the heap limit for GOMEMLIMIT); {@code docs/http-api.md} lists them. Thread-safe.
 */
public final class StatusApi {
  /** What {@code buildinfo} reports; see {@code docs/http-api.md} for why the version is Prometheus's. */
  public record BuildInfo(String version, String revision, String branch, String buildUser, String buildDate,
      String goVersion) {}

  /** The process's state that {@code runtimeinfo} reports. */
  public interface Runtime {
    long startMillis();

    /** When the running configuration was loaded (at start or by the last good reload). */
    long lastConfigMillis();

    /** Whether the last load or reload attempt succeeded. */
    boolean lastReloadOk();
  }

  /** {@code --storage.tsdb.path}'s WAL segments replayed at start: {@code min}, {@code max}, {@code current}. */
  public record WalReplay(int min, int max, int current) {}

  private static final int MAX_TSDB_LIMIT = 10_000;

  private final SortedMap<String, String> flags;
  private final BuildInfo build;
  private final Runtime runtime;
  private final Supplier<Db> db;
  private final Supplier<WalReplay> walReplay;
  private final Executor executor;
  private final String cwd = System.getProperty("user.dir");

  public StatusApi(SortedMap<String, String> flags, BuildInfo build, Runtime runtime, Supplier<Db> db,
      Supplier<WalReplay> walReplay, Executor executor) {
    this.flags = flags;
    this.build = build;
    this.runtime = runtime;
    this.db = db;
    this.walReplay = walReplay;
    this.executor = executor;
  }

  /** {@code GET /api/v1/status/buildinfo}. */
  public void buildInfo(Request req, Responder res) {
    JsonWriter.respond(res, gen -> {
      gen.writeStartObject();
      gen.writeStringField("version", build.version());
      gen.writeStringField("revision", build.revision());
      gen.writeStringField("branch", build.branch());
      gen.writeStringField("buildUser", build.buildUser());
      gen.writeStringField("buildDate", build.buildDate());
      gen.writeStringField("goVersion", build.goVersion());
      gen.writeEndObject();
    });
  }

  /**
   * {@code GET /api/v1/status/config}: the running configuration as Prometheus renders it
   * (defaults filled in, secrets hidden), {@code {"yaml": ...}}.
   */
  public static io.hearth.server.http.Handler config(Supplier<String> yaml) {
    return (req, res) -> {
      String text = yaml.get();
      JsonWriter.respond(res, gen -> {
        gen.writeStartObject();
        gen.writeStringField("yaml", text);
        gen.writeEndObject();
      });
    };
  }

  /** {@code GET /api/v1/status/flags}: every flag and its value, keys sorted as Go writes a map. */
  public void flags(Request req, Responder res) {
    JsonWriter.respond(res, gen -> {
      gen.writeStartObject();
      for (Map.Entry<String, String> e : flags.entrySet()) {
        gen.writeStringField(e.getKey(), e.getValue());
      }
      gen.writeEndObject();
    });
  }

  /** {@code GET /api/v1/status/runtimeinfo}. */
  public void runtimeInfo(Request req, Responder res) {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      JsonWriter.sendError(res, ErrorType.INTERNAL, "error getting hostname: " + e.getMessage());
      return;
    }
    Db d = db.get();
    long corruptions = d != null && d.replayReport() != null && d.replayReport().isRepaired() ? 1 : 0;
    JsonWriter.respond(res, gen -> {
      gen.writeStartObject();
      gen.writeStringField("startTime", GoJson.time(runtime.startMillis()));
      gen.writeStringField("CWD", cwd);
      gen.writeStringField("hostname", host);
      gen.writeStringField("serverTime", GoJson.time(System.currentTimeMillis()));
      gen.writeBooleanField("reloadConfigSuccess", runtime.lastReloadOk());
      gen.writeStringField("lastConfigTime", GoJson.time(runtime.lastConfigMillis()));
      gen.writeNumberField("corruptionCount", corruptions);
      gen.writeNumberField("goroutineCount", Thread.activeCount());
      gen.writeNumberField("GOMAXPROCS", java.lang.Runtime.getRuntime().availableProcessors());
      gen.writeNumberField("GOMEMLIMIT", java.lang.Runtime.getRuntime().maxMemory());
      gen.writeStringField("GOGC", "");
      gen.writeStringField("GODEBUG", "");
      // Hearth keeps every sample until blocks and retention arrive (issue 6): no retention applies.
      gen.writeStringField("storageRetention", "");
      gen.writeEndObject();
    });
  }

  /** {@code GET /api/v1/status/tsdb}: the head's cardinality, the {@code limit} (default 10) largest of each. */
  public void tsdb(Request req, Responder res) {
    int limit = 10;
    String s = req.formValue("limit");
    if (!s.isEmpty()) {
      long l;
      try {
        l = ApiParams.goAtoi(s);
      } catch (IllegalArgumentException e) {
        l = 0;
      }
      if (l < 1) {
        JsonWriter.sendError(res, ErrorType.BAD_DATA, "limit must be a positive number");
        return;
      }
      if (l > MAX_TSDB_LIMIT) {
        JsonWriter.sendError(res, ErrorType.BAD_DATA, "limit must not exceed " + MAX_TSDB_LIMIT);
        return;
      }
      limit = (int) l;
    }
    int n = limit;
    StorageTask.submit(executor, res, r -> {
      Head head = db.get().head();
      PostingsStats stats = head.postingsStats("__name__", n);
      long numSeries = head.numSeries();
      long chunks = head.stats().chunksCreated();
      JsonWriter.respond(r, gen -> {
        gen.writeStartObject();
        gen.writeFieldName("headStats");
        gen.writeStartObject();
        gen.writeNumberField("numSeries", numSeries);
        gen.writeNumberField("numLabelPairs", stats.numLabelPairs());
        gen.writeNumberField("chunkCount", chunks);
        gen.writeNumberField("minTime", head.minTime());
        gen.writeNumberField("maxTime", head.maxTime());
        gen.writeEndObject();
        stats(gen, "seriesCountByMetricName", stats.seriesCountByMetricName());
        stats(gen, "labelValueCountByLabelName", stats.labelValueCountByLabelName());
        stats(gen, "memoryInBytesByLabelName", stats.memoryInBytesByLabelName());
        stats(gen, "seriesCountByLabelValuePair", stats.seriesCountByLabelValuePair());
        gen.writeEndObject();
      });
    });
  }

  private static void stats(JsonGenerator gen, String field, List<PostingsStats.Stat> list) throws IOException {
    gen.writeFieldName(field);
    gen.writeStartArray();
    for (PostingsStats.Stat s : list) {
      gen.writeStartObject();
      gen.writeStringField("name", s.name());
      gen.writeNumberField("value", s.count());
      gen.writeEndObject();
    }
    gen.writeEndArray();
  }

  /** {@code GET /api/v1/status/walreplay}: all zero until the TSDB has opened, then the segments replayed. */
  public void walReplay(Request req, Responder res) {
    WalReplay w = walReplay.get();
    JsonWriter.respond(res, gen -> {
      gen.writeStartObject();
      gen.writeNumberField("min", w.min());
      gen.writeNumberField("max", w.max());
      gen.writeNumberField("current", w.current());
      gen.writeEndObject();
    });
  }
}
