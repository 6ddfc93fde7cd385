package io.hearth.scrape.config;

import io.hearth.labels.NameValidation;
import io.hearth.scrape.parse.GoQuote;
import io.hearth.scrape.relabel.RelabelConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code remote_write} and {@code remote_read} with Prometheus's schema ({@code
 * RemoteWriteConfig}, {@code QueueConfig}, {@code MetadataConfig}, {@code RemoteReadConfig}): the
 * defaults, the reserved headers, the queue's bounds, one authentication method at most, names
 * unique per section. Cloud authentication ({@code sigv4}, {@code azuread}, {@code google_iam}) is
 * refused by name.
 */
final class RemoteConfigBinding {
  /** Headers the remote-write and remote-read clients set themselves. */
  private static final Set<String> RESERVED = Set.of("host", "content-encoding", "content-length", "content-type",
      "user-agent", "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "www-authenticate",
      "accept-encoding", "x-prometheus-remote-write-version", "x-prometheus-remote-read-version", "x-amz-date",
      "x-amz-security-token", "x-amz-content-sha256");
  private static final List<String> MESSAGES = List.of("prometheus.WriteRequest", "io.prometheus.write.v2.Request");

  private RemoteConfigBinding() {}

  static List<RemoteConfigs.Write> writes(ConfigMapping root, NameValidation validation) {
    List<RemoteConfigs.Write> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (ConfigNode n : root.list("remote_write")) {
      if (n.isNull()) {
        throw n.error("empty or null remote write config section");
      }
      RemoteConfigs.Write w = write(n.asMapping("config.RemoteWriteConfig"), validation);
      if (!w.name().isEmpty() && !names.add(w.name())) {
        throw n.error("found multiple remote write configs with job name " + GoQuote.quote(w.name()));
      }
      out.add(w);
    }
    return out;
  }

  static List<RemoteConfigs.Read> reads(ConfigMapping root) {
    List<RemoteConfigs.Read> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (ConfigNode n : root.list("remote_read")) {
      if (n.isNull()) {
        throw n.error("empty or null remote read config section");
      }
      RemoteConfigs.Read r = read(n.asMapping("config.RemoteReadConfig"));
      if (!r.name().isEmpty() && !names.add(r.name())) {
        throw n.error("found multiple remote read configs with job name " + GoQuote.quote(r.name()));
      }
      out.add(r);
    }
    return out;
  }

  private static RemoteConfigs.Write write(ConfigMapping m, NameValidation validation) {
    URI url = url(m);
    Duration timeout = m.duration("remote_timeout", Duration.ofSeconds(30));
    Map<String, String> headers = m.stringMap("headers");
    List<RelabelConfig> relabel = RelabelConfigBinding.bindAll(m.list("write_relabel_configs"), validation,
        "empty or null relabeling rule in remote write config");
    String name = m.string("name", "");
    boolean exemplars = m.bool("send_exemplars", false);
    boolean nativeHistograms = m.bool("send_native_histograms", false);
    boolean roundRobin = m.bool("round_robin_dns", false);
    String message = m.string("protobuf_message", MESSAGES.getFirst());
    m.bool("failed_request_logging", false);
    RemoteConfigs.Queue queue = queue(m.mapping("queue_config", "config.QueueConfig"));
    RemoteConfigs.Metadata metadata = metadata(m.mapping("metadata_config", "config.MetadataConfig"));
    List<String> cloudAuth = new ArrayList<>();
    for (String k : List.of("sigv4", "azuread", "google_iam")) {
      ConfigNode v = m.get(k);
      if (v != null && !v.isNull()) {
        cloudAuth.add(k);
      }
    }
    HttpClientConfig http = HttpClientConfigBinding.bindInline(m);
    m.finish();
    if (url == null) {
      throw m.node().error("url for remote_write is empty");
    }
    headers(m, headers);
    if (!MESSAGES.contains(message)) {
      throw m.error("protobuf_message", "invalid protobuf_message value: unknown remote write protobuf message "
          + message + ", supported: " + String.join(", ", MESSAGES));
    }
    List<String> auth = new ArrayList<>();
    if (http.basicAuth() != null) {
      auth.add("basic_auth");
    }
    if (http.authorization() != null) {
      auth.add("authorization");
    }
    if (http.oauth2() != null) {
      auth.add("oauth2");
    }
    auth.addAll(cloudAuth);
    if (auth.size() > 1) {
      throw m.node().error("at most one of basic_auth, authorization, oauth2, sigv4, azuread or google_iam must be"
          + " configured. Currently configured: [" + String.join(" ", auth) + "]");
    }
    if (!cloudAuth.isEmpty()) {
      throw m.error(cloudAuth.getFirst(), cloudAuth.getFirst() + " is not supported by Hearth yet");
    }
    return new RemoteConfigs.Write(url, timeout, headers, relabel, name, exemplars, nativeHistograms, roundRobin,
        message, http, queue, metadata);
  }

  private static RemoteConfigs.Read read(ConfigMapping m) {
    URI url = url(m);
    Duration timeout = m.duration("remote_timeout", Duration.ofMinutes(1));
    long chunkedReadLimit = m.uint("chunked_read_limit", 50L << 20);
    Map<String, String> headers = m.stringMap("headers");
    boolean readRecent = m.bool("read_recent", false);
    String name = m.string("name", "");
    Map<String, String> required = m.stringMap("required_matchers");
    boolean filterExternal = m.bool("filter_external_labels", true);
    HttpClientConfig http = HttpClientConfigBinding.bindInline(m);
    m.finish();
    if (url == null) {
      throw m.node().error("url for remote_read is empty");
    }
    headers(m, headers);
    return new RemoteConfigs.Read(url, timeout, chunkedReadLimit, headers, readRecent, name, http, required,
        filterExternal);
  }

  private static URI url(ConfigMapping m) {
    ConfigNode n = m.get("url");
    if (n == null || n.isNull()) {
      return null;
    }
    try {
      return new URI(n.asString());
    } catch (URISyntaxException e) {
      throw n.error("parse " + GoQuote.quote(n.asString()) + ": " + e.getReason());
    }
  }

  private static void headers(ConfigMapping m, Map<String, String> headers) {
    for (String h : headers.keySet()) {
      String lower = h.toLowerCase(Locale.ROOT);
      if (lower.equals("authorization")) {
        throw m.error("headers", "authorization header must be changed via the basic_auth, authorization, oauth2,"
            + " sigv4, azuread or google_iam parameter");
      }
      if (RESERVED.contains(lower)) {
        throw m.error("headers", h + " is a reserved header. It must not be changed");
      }
    }
  }

  private static RemoteConfigs.Queue queue(ConfigMapping m) {
    if (m == null) {
      return RemoteConfigs.Queue.DEFAULT;
    }
    RemoteConfigs.Queue d = RemoteConfigs.Queue.DEFAULT;
    RemoteConfigs.Queue q = new RemoteConfigs.Queue(m.integer("capacity", d.capacity()),
        m.integer("max_shards", d.maxShards()), m.integer("min_shards", d.minShards()),
        m.integer("max_samples_per_send", d.maxSamplesPerSend()),
        m.duration("batch_send_deadline", d.batchSendDeadline()), m.duration("min_backoff", d.minBackoff()),
        m.duration("max_backoff", d.maxBackoff()), m.bool("retry_on_http_429", d.retryOnHttp429()),
        m.duration("sample_age_limit", d.sampleAgeLimit()));
    m.finish();
    String problem = q.maxShards() <= 0 ? "remote write queue max_shards must be positive"
        : q.minShards() <= 0 ? "remote write queue min_shards must be positive"
        : q.minShards() > q.maxShards() ? "remote write queue min_shards must not be greater than max_shards"
        : q.maxSamplesPerSend() <= 0 ? "remote write queue max_samples_per_send must be positive"
        : q.capacity() <= 0 ? "remote write queue capacity must be positive"
        : q.maxBackoff().compareTo(q.minBackoff()) < 0 ? "remote write queue max_backoff must not be less than min_backoff"
        : null;
    if (problem != null) {
      throw m.node().error(problem);
    }
    return q;
  }

  private static RemoteConfigs.Metadata metadata(ConfigMapping m) {
    if (m == null) {
      return RemoteConfigs.Metadata.DEFAULT;
    }
    RemoteConfigs.Metadata d = RemoteConfigs.Metadata.DEFAULT;
    RemoteConfigs.Metadata md = new RemoteConfigs.Metadata(m.bool("send", d.send()),
        m.duration("send_interval", d.sendInterval()), m.integer("max_samples_per_send", d.maxSamplesPerSend()));
    m.finish();
    return md;
  }
}
