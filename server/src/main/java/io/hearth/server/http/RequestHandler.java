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
 */
final class RequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final System.Logger LOG = System.getLogger(RequestHandler.class.getName());

  private final Router router;
  private final HttpMetrics metrics;

  RequestHandler(Router router, HttpMetrics metrics) {
    this.router = router;
    this.metrics = metrics;
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
