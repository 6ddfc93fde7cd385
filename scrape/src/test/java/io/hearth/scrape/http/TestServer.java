package io.hearth.scrape.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.SSLContext;

/** A JDK HTTP(S) server on a free 127.0.0.1 port for tests; it records every request it serves. */
final class TestServer implements AutoCloseable {
  /** What the server saw of one request. */
  record Seen(
      String method,
      String uri,
      com.sun.net.httpserver.Headers headers,
      String body,
      int remotePort) {
    String header(String name) {
      String v = headers.getFirst(name);
      return v == null ? "" : v;
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  final List<Seen> seen = new CopyOnWriteArrayList<>();

  private TestServer(HttpServer server) {
    this.server = server;
    server.setExecutor(executor);
    server.start();
  }

  static TestServer http() throws IOException {
    return new TestServer(
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
  }

  static TestServer https(SSLContext context, HttpsConfigurator configurator) throws IOException {
    HttpsServer s =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    s.setHttpsConfigurator(configurator == null ? new HttpsConfigurator(context) : configurator);
    return new TestServer(s);
  }

  /** Serves {@code path} with {@code handler}, recording each request first. */
  TestServer handle(String path, HttpHandler handler) {
    server.createContext(
        path,
        exchange -> {
          try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            seen.add(
                new Seen(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().toString(),
                    exchange.getRequestHeaders(),
                    new String(body, StandardCharsets.UTF_8),
                    exchange.getRemoteAddress().getPort()));
            handler.handle(exchange);
          }
        });
    return this;
  }

  URI uri(String path) {
    String scheme = server instanceof HttpsServer ? "https" : "http";
    return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  int port() {
    return server.getAddress().getPort();
  }

  Seen last() {
    return seen.getLast();
  }

  static void reply(HttpExchange e, int status, String contentType, byte[] body)
      throws IOException {
    if (contentType != null) {
      e.getResponseHeaders().set("Content-Type", contentType);
    }
    e.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = e.getResponseBody()) {
      out.write(body);
    }
  }

  static HttpHandler text(int status, String body) {
    return e ->
        reply(e, status, "text/plain; version=0.0.4", body.getBytes(StandardCharsets.UTF_8));
  }

  static HttpHandler gzipped(byte[] gzip) {
    return e -> {
      e.getResponseHeaders().set("Content-Encoding", "gzip");
      reply(e, 200, "text/plain; version=0.0.4", gzip);
    };
  }

  static byte[] gzip(byte[] raw) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(raw);
    }
    return out.toByteArray();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
