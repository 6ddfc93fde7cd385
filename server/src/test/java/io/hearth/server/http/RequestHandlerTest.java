package io.hearth.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.compression.StandardCompressionOptions;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpContentCompressor;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ResourceLeakDetector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RequestHandlerTest {
  private final Readiness readiness = new Readiness();
  private final Router router = new Router()
      .add(HttpMethod.GET, "/hello", (req, res) -> res.sendText(200, "hello " + req.formValue("name")))
      .add(HttpMethod.POST, "/hello", (req, res) -> res.sendText(200, "posted " + req.formValue("name")))
      .add(HttpMethod.GET, "/gated", readiness.gate((req, res) -> res.sendText(200, "open")))
      .add(HttpMethod.GET, "/stream", (req, res) -> {
        try (var out = res.stream(200, "text/plain")) {
          out.write("x".repeat(100_000).getBytes(StandardCharsets.UTF_8));
        }
      });

  @BeforeAll
  static void paranoid() {
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
  }

  private EmbeddedChannel channel() {
    return new EmbeddedChannel(
        new HttpContentCompressor(0, StandardCompressionOptions.gzip()),
        new HttpObjectAggregator(1024),
        new RequestHandler(router, new HttpMetrics(new PrometheusRegistry())));
  }

  /** Sends {@code req} and collects the answer's status line, headers and (decoded) body. */
  private static String exchange(EmbeddedChannel ch, FullHttpRequest req) throws Exception {
    ch.writeInbound(req);
    ch.runPendingTasks();
    StringBuilder head = new StringBuilder();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    Object o;
    boolean gzip = false;
    while ((o = ch.readOutbound()) != null) {
      if (o instanceof HttpResponse r) {
        head.append(r.status().code());
        gzip = "gzip".equals(r.headers().get(HttpHeaderNames.CONTENT_ENCODING));
      }
      if (o instanceof HttpContent c) {
        ByteBuf b = c.content();
        byte[] bytes = new byte[b.readableBytes()];
        b.readBytes(bytes);
        body.write(bytes);
      }
      io.netty.util.ReferenceCountUtil.release(o);
    }
    byte[] raw = body.toByteArray();
    if (gzip) {
      raw = new GZIPInputStream(new ByteArrayInputStream(raw)).readAllBytes();
      head.append(" gzip");
    }
    return head + " " + new String(raw, StandardCharsets.UTF_8);
  }

  private static FullHttpRequest get(String uri) {
    return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
  }

  @Test
  void routesByPathAndMethod() throws Exception {
    EmbeddedChannel ch = channel();
    assertThat(exchange(ch, get("/hello?name=a%20b"))).isEqualTo("200 hello a b");
    assertThat(exchange(ch, get("/nowhere"))).isEqualTo("404 404 page not found\n");
    FullHttpRequest put = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.PUT, "/hello");
    assertThat(exchange(ch, put)).isEqualTo("405 Method Not Allowed\n");
    ch.finishAndReleaseAll();
  }

  @Test
  void formBodiesComeBeforeTheQuery() throws Exception {
    EmbeddedChannel ch = channel();
    FullHttpRequest post = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/hello?name=url",
        Unpooled.copiedBuffer("name=body", StandardCharsets.UTF_8));
    post.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/x-www-form-urlencoded; charset=utf-8");
    assertThat(exchange(ch, post)).isEqualTo("200 posted body");
    ch.finishAndReleaseAll();
  }

  @Test
  void aBodyOverTheLimitIsRefused() {
    EmbeddedChannel ch = channel();
    var head = new io.netty.handler.codec.http.DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/hello");
    head.headers().set(HttpHeaderNames.CONTENT_LENGTH, 2005);
    ch.writeInbound(head);
    FullHttpResponse r = ch.readOutbound();
    assertThat(r.status().code()).isEqualTo(413);
    r.release();
    ch.finishAndReleaseAll();
  }

  @Test
  void gatedRoutesAnswer503UntilReady() throws Exception {
    EmbeddedChannel ch = channel();
    assertThat(exchange(ch, get("/gated"))).isEqualTo("503 Service Unavailable");
    readiness.set(Readiness.State.READY);
    assertThat(exchange(ch, get("/gated"))).isEqualTo("200 open");
    readiness.set(Readiness.State.STOPPING);
    ch.writeInbound(get("/gated"));
    FullHttpResponse r = ch.readOutbound();
    assertThat(r.headers().get("X-Prometheus-Stopping")).isEqualTo("true");
    r.release();
    ch.finishAndReleaseAll();
  }

  @Test
  void answersAreGzippedWhenAccepted() throws Exception {
    EmbeddedChannel ch = channel();
    FullHttpRequest req = get("/stream");
    req.headers().set(HttpHeaderNames.ACCEPT_ENCODING, "gzip");
    assertThat(exchange(ch, req)).isEqualTo("200 gzip " + "x".repeat(100_000));
    assertThat(exchange(ch, get("/stream"))).isEqualTo("200 " + "x".repeat(100_000));
    ch.finishAndReleaseAll();
  }
}
