package io.hearth.server.web;

import io.hearth.scrape.config.ConfigException;
import io.hearth.scrape.config.ConfigFile;
import io.hearth.scrape.config.ConfigMapping;
import io.hearth.scrape.config.ConfigNode;
import io.hearth.scrape.config.ConfigSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a {@code --web.config.file} strictly, as the toolkit's {@code getConfig} does: unknown
 * fields, wrong types, unknown TLS versions, cipher suites and curves, and headers the toolkit does
 * not allow all fail with the file, line, field path and reason. File contents (certificates,
 * keys) are not read here; {@link ServerTls} does that. Stateless.
 */
public final class WebConfigFile {
  /**
   * The response headers the toolkit lets a file set, with the values allowed (empty: any). The
   * list is closed on purpose in the toolkit, to keep Prometheus servers consistent.
   */
  static final Map<String, List<String>> ALLOWED_HEADERS = Map.of(
      "Strict-Transport-Security", List.of(),
      "X-Content-Type-Options", List.of("nosniff"),
      "X-Frame-Options", List.of("deny", "sameorigin"),
      "X-XSS-Protection", List.of(),
      "Content-Security-Policy", List.of());

  private static final Set<String> VERSIONS = Set.of("TLS10", "TLS11", "TLS12", "TLS13");

  private WebConfigFile() {}

  /**
   * Reads and binds {@code file}.
   *
   * @throws ConfigException naming the file, and the line and field where there is one
   */
  public static WebConfig load(Path file) {
    String name = file.toString();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ConfigException(name, 0, 0, "", GoFiles.describe("open", file, e));
    }
    return parse(bytes, name, file.toAbsolutePath().getParent());
  }

  /** Binds an already read file; relative paths in it are resolved against {@code baseDir}. */
  static WebConfig parse(byte[] content, String name, Path baseDir) {
    ConfigSource source = new ConfigSource(name, baseDir);
    ConfigNode root = ConfigFile.compose(new String(content, java.nio.charset.StandardCharsets.UTF_8), source);
    ConfigMapping m = root.asMapping("web.Config");
    WebConfig.TlsServerConfig tls = tls(m.mapping("tls_server_config", "web.TLSConfig"), source);
    WebConfig.HttpServerConfig http = http(m.mapping("http_server_config", "web.HTTPConfig"));
    WebConfig.RateLimit rate = rateLimit(m.mapping("rate_limit", "web.RateLimiterConfig"));
    Map<String, String> users = new LinkedHashMap<>(m.stringMap("basic_auth_users"));
    m.finish();
    return new WebConfig(tls, http, rate, java.util.Collections.unmodifiableMap(users));
  }

  private static WebConfig.TlsServerConfig tls(ConfigMapping m, ConfigSource source) {
    WebConfig.TlsServerConfig d = WebConfig.TlsServerConfig.DEFAULT;
    if (m == null) {
      return d;
    }
    String cert = m.string("cert", "");
    String key = m.string("key", "");
    String clientCa = m.string("client_ca", "");
    String certFile = source.resolve(m.string("cert_file", ""));
    String keyFile = source.resolve(m.string("key_file", ""));
    String clientAuth = m.string("client_auth_type", "");
    String clientCaFile = source.resolve(m.string("client_ca_file", ""));
    List<String> ciphers = new ArrayList<>();
    for (ConfigNode c : m.list("cipher_suites")) {
      String s = c.asString();
      if (!TlsNames.CIPHER_SUITES.contains(s)) {
        throw c.error("unknown cipher: " + s);
      }
      ciphers.add(s);
    }
    List<String> curves = new ArrayList<>();
    for (ConfigNode c : m.list("curve_preferences")) {
      String s = c.asString();
      if (!TlsNames.CURVES.containsKey(s)) {
        throw c.error("unknown curve: " + s);
      }
      curves.add(s);
    }
    String min = version(m, "min_version", d.minVersion());
    String max = version(m, "max_version", d.maxVersion());
    boolean prefer = m.bool("prefer_server_cipher_suites", d.preferServerCipherSuites());
    ConfigNode sansNode = m.get("client_allowed_sans");
    List<String> sans = sansNode == null || sansNode.isNull() ? null : List.copyOf(sansNode.asStringList());
    m.finish();
    return new WebConfig.TlsServerConfig(cert, key, clientCa, certFile, keyFile, clientAuth,
        clientCaFile, List.copyOf(ciphers), List.copyOf(curves), min, max, prefer, sans);
  }

  private static String version(ConfigMapping m, String field, String dflt) {
    ConfigNode v = m.get(field);
    if (v == null) {
      return dflt;
    }
    String s = v.asString();
    if (!VERSIONS.contains(s)) {
      throw v.error("unknown TLS version: " + s);
    }
    return s;
  }

  private static WebConfig.HttpServerConfig http(ConfigMapping m) {
    if (m == null) {
      return WebConfig.HttpServerConfig.DEFAULT;
    }
    boolean http2 = m.bool("http2", true);
    ConfigNode headersNode = m.get("headers");
    Map<String, String> headers = new LinkedHashMap<>();
    if (headersNode != null) {
      for (Map.Entry<String, ConfigNode> e : headersNode.asNodeMap().entrySet()) {
        String name = e.getKey();
        String value = e.getValue().asString();
        List<String> allowed = ALLOWED_HEADERS.get(name);
        if (allowed == null) {
          throw e.getValue().error("HTTP header \"" + name + "\" can not be configured");
        }
        if (!allowed.isEmpty() && !allowed.contains(value)) {
          throw e.getValue().error("invalid value for " + name + ". Expected one of: "
              + goQuoteList(allowed) + ", but got: \"" + value + "\"");
        }
        headers.put(name, value);
      }
    }
    m.finish();
    return new WebConfig.HttpServerConfig(http2, java.util.Collections.unmodifiableMap(headers));
  }

  private static WebConfig.RateLimit rateLimit(ConfigMapping m) {
    if (m == null) {
      return WebConfig.RateLimit.NONE;
    }
    long burst = m.uint("burst", 0);
    ConfigNode v = m.get("interval");
    Duration interval = Duration.ZERO;
    if (v != null && !v.isNull()) {
      String s = v.asString();
      try {
        // A bare integer is nanoseconds, as for any Go time.Duration read from YAML.
        interval = s.matches("[+-]?[0-9]+") ? Duration.ofNanos(Long.parseLong(s)) : GoDuration.parse(s);
      } catch (IllegalArgumentException e) {
        throw v.error(e.getMessage());
      }
    }
    m.finish();
    return new WebConfig.RateLimit(interval, burst);
  }

  /** Go's {@code %q} of a string slice: {@code ["deny" "sameorigin"]}. */
  private static String goQuoteList(List<String> values) {
    StringBuilder b = new StringBuilder("[");
    for (String v : values) {
      if (b.length() > 1) {
        b.append(' ');
      }
      b.append('"').append(v).append('"');
    }
    return b.append(']').toString();
  }
}
