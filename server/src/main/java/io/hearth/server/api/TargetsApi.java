package io.hearth.server.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.hearth.labels.Labels;
import io.hearth.labels.Matcher;
import io.hearth.promql.PromqlException;
import io.hearth.promql.ast.Printer;
import io.hearth.promql.parser.PromqlParser;
import io.hearth.scrape.loop.MetricMetadata;
import io.hearth.scrape.loop.ScrapeManager;
import io.hearth.scrape.loop.Target;
import io.hearth.server.http.Request;
import io.hearth.server.http.Responder;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * {@code /api/v1/targets}, {@code /api/v1/targets/metadata} and {@code /api/v1/metadata}, as
 * Prometheus 3.x answers them from its scrape manager: pools in name order, each target's labels
 * before and after relabeling, health, last error and scrape time, and the TYPE/HELP/UNIT the
 * targets exposed. Where Prometheus iterates Go maps (metadata) Hearth answers in name order, one
 * of the orders Prometheus may give. Thread-safe.
 */
public final class TargetsApi {
  private static final List<String> LOCALHOST = List.of("127.0.0.1", "localhost", "::1");

  private final Supplier<ScrapeManager> scrapes;
  private final URI externalUrl;
  private final java.util.function.IntSupplier listenPort;

  /**
   * @param externalUrl {@code --web.external-url}, which turns a target on this host into the URL
   *     a browser elsewhere can reach ({@code globalUrl})
   *     (null: {@code http://<host name>:<port>/}, as Prometheus derives it)
   * @param listenPort the port Hearth listens on, to recognise its own {@code /metrics}
   */
  public TargetsApi(Supplier<ScrapeManager> scrapes, URI externalUrl, java.util.function.IntSupplier listenPort) {
    this.scrapes = scrapes;
    this.externalUrl = externalUrl;
    this.listenPort = listenPort;
  }

  private URI externalUrl() {
    if (externalUrl != null) {
      return externalUrl;
    }
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      host = "localhost";
    }
    return URI.create("http://" + host + ":" + listenPort.getAsInt() + "/");
  }

  /** {@code GET /api/v1/targets}: {@code state=active|dropped|any} and {@code scrapePool} filter. */
  public void targets(Request req, Responder res) {
    String pool = req.formValue("scrapePool");
    String state = req.formValue("state").toLowerCase(java.util.Locale.ROOT);
    boolean active = state.isEmpty() || state.equals("any") || state.equals("active");
    boolean dropped = state.isEmpty() || state.equals("any") || state.equals("dropped");
    ScrapeManager m = scrapes.get();
    Map<String, List<Target>> activeTargets = active ? new TreeMap<>(m.activeTargets()) : Map.of();
    Map<String, List<Target>> droppedTargets = dropped ? new TreeMap<>(m.droppedTargets()) : Map.of();
    Map<String, Integer> droppedCounts = dropped ? new TreeMap<>(m.droppedTargetCounts()) : null;
    JsonWriter.respond(res, gen -> {
      gen.writeStartObject();
      gen.writeFieldName("activeTargets");
      gen.writeStartArray();
      for (Map.Entry<String, List<Target>> e : activeTargets.entrySet()) {
        if (!pool.isEmpty() && !pool.equals(e.getKey())) {
          continue;
        }
        for (Target t : e.getValue()) {
          activeTarget(gen, e.getKey(), t);
        }
      }
      gen.writeEndArray();
      gen.writeFieldName("droppedTargets");
      gen.writeStartArray();
      for (Map.Entry<String, List<Target>> e : droppedTargets.entrySet()) {
        if (!pool.isEmpty() && !pool.equals(e.getKey())) {
          continue;
        }
        for (Target t : e.getValue()) {
          gen.writeStartObject();
          gen.writeFieldName("discoveredLabels");
          JsonWriter.writeLabels(gen, t.discoveredLabels());
          gen.writeStringField("scrapePool", e.getKey());
          gen.writeEndObject();
        }
      }
      gen.writeEndArray();
      gen.writeFieldName("droppedTargetCounts");
      if (droppedCounts == null) {
        gen.writeNull();
      } else {
        gen.writeStartObject();
        for (Map.Entry<String, Integer> c : droppedCounts.entrySet()) {
          gen.writeNumberField(c.getKey(), c.getValue());
        }
        gen.writeEndObject();
      }
      gen.writeEndObject();
    });
  }

  private void activeTarget(JsonGenerator gen, String pool, Target t) throws IOException {
    gen.writeStartObject();
    gen.writeFieldName("discoveredLabels");
    JsonWriter.writeLabels(gen, t.discoveredLabels());
    gen.writeFieldName("labels");
    JsonWriter.writeLabels(gen, t.labels());
    gen.writeStringField("scrapePool", pool);
    gen.writeStringField("scrapeUrl", t.url().toString());
    gen.writeStringField("globalUrl", globalUrl(t.url()).toString());
    gen.writeStringField("lastError", t.lastError());
    gen.writeStringField("lastScrape", GoJson.time(t.lastScrapeMillis()));
    gen.writeFieldName("lastScrapeDuration");
    gen.writeRawValue(GoJson.number(t.lastScrapeDurationSeconds()));
    gen.writeStringField("health", t.health().text());
    gen.writeStringField("scrapeInterval", Printer.duration(t.interval().toMillis()));
    gen.writeStringField("scrapeTimeout", Printer.duration(t.timeout().toMillis()));
    gen.writeEndObject();
  }

  /**
   * Prometheus's {@code getGlobalURL}: a target on a loopback name is rewritten to the external
   * URL's host (and, when it is Hearth's own port, to its scheme and port too), so the link works
   * from another machine.
   */
  URI globalUrl(URI u) {
    String host = u.getHost();
    if (host == null) {
      return u;
    }
    URI external = externalUrl();
    String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (!LOCALHOST.contains(bare)) {
      return u;
    }
    String port = u.getPort() < 0 ? "" : Integer.toString(u.getPort());
    try {
      if (port.equals(Integer.toString(listenPort.getAsInt()))) {
        return new URI(external.getScheme(), u.getRawUserInfo(), external.getHost(), external.getPort(),
            u.getRawPath(), u.getRawQuery(), u.getRawFragment());
      }
      return new URI(u.getScheme(), u.getRawUserInfo(), external.getHost(), u.getPort(), u.getRawPath(),
          u.getRawQuery(), u.getRawFragment());
    } catch (URISyntaxException e) {
      return u;
    }
  }

  /** {@code GET /api/v1/targets/metadata}: {@code match_target}, {@code metric}, {@code limit}. */
  public void targetMetadata(Request req, Responder res) {
    int limit = -1;
    String s = req.formValue("limit");
    if (!s.isEmpty()) {
      try {
        limit = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, ApiParams.goAtoi(s)));
      } catch (IllegalArgumentException e) {
        JsonWriter.sendError(res, ErrorType.BAD_DATA, "limit must be a number");
        return;
      }
    }
    String matchTarget = req.formValue("match_target");
    List<Matcher> matchers = List.of();
    if (!matchTarget.isEmpty()) {
      try {
        matchers = PromqlParser.parseMatchers(matchTarget);
      } catch (PromqlException e) {
        JsonWriter.sendError(res, ErrorType.BAD_DATA, "invalid parameter \"match_target\": " + e.getMessage());
        return;
      }
    }
    String metric = req.formValue("metric");
    record Row(Labels target, MetricMetadata md) {}
    List<Row> rows = new ArrayList<>();
    for (List<Target> targets : new TreeMap<>(scrapes.get().activeTargets()).values()) {
      for (Target t : targets) {
        if (limit >= 0 && rows.size() >= limit) {
          break;
        }
        if (!matches(t.labels(), matchers)) {
          continue;
        }
        for (MetricMetadata md : t.metadata()) {
          if (metric.isEmpty() || md.metric().equals(metric)) {
            rows.add(new Row(t.labels(), md));
          }
        }
      }
    }
    boolean withName = metric.isEmpty();
    JsonWriter.respond(res, gen -> {
      gen.writeStartArray();
      for (Row r : rows) {
        gen.writeStartObject();
        gen.writeFieldName("target");
        JsonWriter.writeLabels(gen, r.target());
        if (withName) {
          gen.writeStringField("metric", r.md().metric());
        }
        gen.writeStringField("type", r.md().type().text());
        gen.writeStringField("help", r.md().help());
        gen.writeStringField("unit", r.md().unit());
        gen.writeEndObject();
      }
      gen.writeEndArray();
    });
  }

  private static boolean matches(Labels l, List<Matcher> matchers) {
    for (Matcher m : matchers) {
      if (!m.matches(l.get(m.name()))) {
        return false;
      }
    }
    return true;
  }

  /** {@code GET /api/v1/metadata}: per metric name, the distinct metadata the targets exposed. */
  public void metadata(Request req, Responder res) {
    int limit;
    int perMetric;
    try {
      limit = number(req, "limit");
      perMetric = number(req, "limit_per_metric");
    } catch (ApiException e) {
      JsonWriter.sendError(res, e.type(), e.getMessage());
      return;
    }
    String metric = req.formValue("metric");
    Map<String, Set<MetricMetadata>> byName = new TreeMap<>();
    for (List<Target> targets : new TreeMap<>(scrapes.get().activeTargets()).values()) {
      for (Target t : targets) {
        for (MetricMetadata md : t.metadata()) {
          if (!metric.isEmpty() && !md.metric().equals(metric)) {
            continue;
          }
          Set<MetricMetadata> set = byName.get(md.metric());
          if (perMetric > 0 && set != null && set.size() >= perMetric) {
            continue;
          }
          if (set == null) {
            set = new LinkedHashSet<>();
            byName.put(md.metric(), set);
          }
          // Distinct by type, help and unit: the same family from many targets is listed once.
          set.add(new MetricMetadata("", md.type(), md.help(), md.unit()));
        }
      }
    }
    int max = limit;
    JsonWriter.respond(res, gen -> {
      gen.writeStartObject();
      int n = 0;
      for (Map.Entry<String, Set<MetricMetadata>> e : byName.entrySet()) {
        if (max >= 0 && n >= max) {
          break;
        }
        n++;
        gen.writeFieldName(e.getKey());
        gen.writeStartArray();
        for (MetricMetadata md : e.getValue()) {
          gen.writeStartObject();
          gen.writeStringField("type", md.type().text());
          gen.writeStringField("unit", md.unit());
          gen.writeStringField("help", md.help());
          gen.writeEndObject();
        }
        gen.writeEndArray();
      }
      gen.writeEndObject();
    });
  }

  /** An optional integer parameter, -1 when absent, with Prometheus's "must be a number" message. */
  private static int number(Request req, String name) {
    String s = req.formValue(name);
    if (s.isEmpty()) {
      return -1;
    }
    try {
      return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, ApiParams.goAtoi(s)));
    } catch (IllegalArgumentException e) {
      throw new ApiException(ErrorType.BAD_DATA, name + " must be a number");
    }
  }
}
