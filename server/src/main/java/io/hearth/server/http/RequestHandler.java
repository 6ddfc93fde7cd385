package io.hearth.server.http;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The last handler of the pipeline: decodes an aggregated request into a {@link Request}, finds
 * its route and calls it, counting the answer in {@link HttpMetrics}. Malformed requests answer
 * 400 (431 when a line or header is too long, as Go's server) and close the connection. Shared
 * by every connection: it keeps no per-request state.
 *
 * <p>With a route prefix ({@code --web.route-prefix}, e.g. {@code /hearth}) every route is served
 * under it and the router sees paths with the prefix removed. As in Prometheus, {@code GET /}
 * redirects (302) to the prefix and the bare prefix redirects (301) to the prefix with a slash
 * (Prometheus's router adds the slash); anything else outside the prefix is 404.
 */
final class RequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final System.Logger LOG = System.getLogger(RequestHandler.class.getName());

  private final Router router;
  private final HttpMetrics metrics;
  private final String prefix;

  /** @param prefix "" or a path starting with '/' and not ending with one */
  RequestHandler(Router router, HttpMetrics metrics, String prefix) {
    this.router = router;
    this.metrics = metrics;
    this.prefix = prefix;
  }

  RequestHandler(Router router, HttpMetrics metrics) {
    this(router, metrics, "");
  }

  /**
   * {@code --web.route-prefix} as Prometheus normalises it: surrounding slashes trimmed, "" when
   * nothing is left.
   */
  static String normalisePrefix(String p) {
    if (p == null) {
      return "";
    }
    int from = 0;
    int to = p.length();
    while (from < to && p.charAt(from) == '/') {
      from++;
    }
    while (to > from && p.charAt(to - 1) == '/') {
      to--;
    }
    return from == to ? "" : "/" + p.substring(from, to);
  }

  @Override
  public boolean isSharable() {
    return true;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest msg) {
    long received = System.nanoTime();
    DecoderResult dr = msg.decoderResult();
    if (dr.isFailure()) {
      boolean tooLong = dr.cause() instanceof TooLongFrameException;
      HttpResponseStatus status = tooLong
          ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
          : HttpResponseStatus.BAD_REQUEST;
      closeWith(ctx, status, status.code() + " " + status.reasonPhrase());
      return;
    }
    QueryStringDecoder uri = new QueryStringDecoder(msg.uri());
    String path = uri.path();
    HttpMethod method = msg.method();
    if (!prefix.isEmpty()) {
      if (!path.startsWith(prefix + "/")) {
        outsidePrefix(ctx, method, path, msg.uri());
        return;
      }
      path = path.substring(prefix.length());
    }
    Router.Route route = router.find(method, path);
    if (route == null) {
      List<HttpMethod> allowed = router.allowed(path);
      Responder res = new Responder(ctx.channel(), method.equals(HttpMethod.HEAD), (status, bytes) -> {});
      if (allowed.isEmpty()) {
        res.sendText(404, "404 page not found\n");
      } else {
        res.headers().set(HttpHeaderNames.ALLOW,
            allowed.stream().map(HttpMethod::name).collect(Collectors.joining(", ")));
        res.sendText(405, "Method Not Allowed\n");
      }
      return;
    }
    Request req = new Request(method, path, msg.headers(), form(msg, uri), received, route.params());
    String label = route.label();
    Responder res = new Responder(ctx.channel(), method.equals(HttpMethod.HEAD),
        (status, bytes) -> metrics.observe(label, status, System.nanoTime() - received, bytes));
    try {
      route.handler().handle(req, res);
    } catch (Exception e) {
      LOG.log(System.Logger.Level.ERROR, "handler for " + method + " " + path + " failed", e);
      if (ctx.channel().isActive()) {
        ctx.close();
      }
    }
  }

  /** A request outside the route prefix: the two redirects Prometheus makes, else 404. */
  private void outsidePrefix(ChannelHandlerContext ctx, HttpMethod method, String path, String rawUri) {
    Responder res = new Responder(ctx.channel(), method.equals(HttpMethod.HEAD), (status, bytes) -> {});
    boolean isGet = method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD);
    if (path.equals("/") && isGet) {
      redirect(res, method, 302, "Found", prefix);
    } else if (path.equals(prefix)) {
      int q = rawUri.indexOf('?');
      String location = prefix + "/" + (q < 0 ? "" : rawUri.substring(q));
      redirect(res, method, isGet ? 301 : 308, isGet ? "Moved Permanently" : "Permanent Redirect", location);
    } else {
      res.sendText(404, "404 page not found\n");
    }
  }

  /** Go's {@code http.Redirect}: a small HTML body for GET, none otherwise. */
  private static void redirect(Responder res, HttpMethod method, int status, String text, String location) {
    res.headers().set(HttpHeaderNames.LOCATION, location);
    if (method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD)) {
      String body = "<a href=\"" + location.replace("&", "&amp;").replace("\"", "&#34;") + "\">" + text + "</a>.\n\n";
      res.send(status, "text/html; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    } else {
      res.send(status, null, new byte[0]);
    }
  }

  /** Go's {@code r.ParseForm}: a form body's values, then the URL query's. */
  private static Map<String, List<String>> form(FullHttpRequest msg, QueryStringDecoder uri) {
    Map<String, List<String>> form = new LinkedHashMap<>();
    HttpMethod m = msg.method();
    if (m.equals(HttpMethod.POST) || m.equals(HttpMethod.PUT) || m.equals(HttpMethod.PATCH)) {
      CharSequence type = HttpUtil.getMimeType(msg);
      if (type != null && HttpHeaderValues.APPLICATION_X_WWW_FORM_URLENCODED.contentEqualsIgnoreCase(type)) {
        FormDecoder.decode(msg.content().toString(StandardCharsets.UTF_8), form);
      }
    }
    String raw = msg.uri();
    int q = raw.indexOf('?');
    if (q >= 0) {
      int hash = raw.indexOf('#', q);
      FormDecoder.decode(raw.substring(q + 1, hash < 0 ? raw.length() : hash), form);
    }
    return form;
  }

  private static void closeWith(ChannelHandlerContext ctx, HttpResponseStatus status, String body) {
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
        Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
    r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
    r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    HttpUtil.setContentLength(r, r.content().readableBytes());
    ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // A reset connection or a protocol error: nothing useful can be answered on it any more.
    ctx.close();
  }
}
