package io.hearth.server.http;

import io.hearth.server.web.BasicAuth;
import io.hearth.server.web.RateLimiter;
import io.hearth.server.web.WebConfig;
import io.hearth.server.web.WebSecurity;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Map;

/**
 * The toolkit's request gate, in front of every route: re-reads the web config file (500 if it has
 * broken since start), applies the rate limit (429), adds the configured response headers to every
 * answer, and demands basic auth when users are configured (401 with {@code WWW-Authenticate:
 * Basic}). bcrypt runs on {@link WebSecurity}'s own thread; until it answers, this connection's
 * later requests wait here so answers keep their order. One instance per connection (or HTTP/2
 * stream); runs on its event loop.
 */
final class WebHandler extends ChannelDuplexHandler {
  private static final System.Logger LOG = System.getLogger(WebHandler.class.getName());

  private final WebSecurity web;
  private final ArrayDeque<FullHttpRequest> waiting = new ArrayDeque<>();
  private boolean isVerifying;
  private Map<String, String> headers = Map.of();

  WebHandler(WebSecurity web) {
    this.web = web;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpRequest req) || req.decoderResult().isFailure()) {
      ctx.fireChannelRead(msg);
      return;
    }
    if (isVerifying) {
      waiting.add(req);
      return;
    }
    gate(ctx, req);
  }

  private void gate(ChannelHandlerContext ctx, FullHttpRequest req) {
    WebConfig c;
    try {
      c = web.current();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "Unable to parse configuration: " + e.getMessage());
      reject(ctx, req, HttpResponseStatus.INTERNAL_SERVER_ERROR, false);
      return;
    }
    RateLimiter limiter = web.limiter();
    if (limiter != null && !limiter.allow()) {
      reject(ctx, req, HttpResponseStatus.TOO_MANY_REQUESTS, false);
      return;
    }
    headers = c.http().headers();
    if (c.users().isEmpty()) {
      ctx.fireChannelRead(req);
      return;
    }
    BasicAuth auth = web.auth();
    BasicAuth.Attempt attempt = auth.attempt(c.users(), req.headers().get(HttpHeaderNames.AUTHORIZATION));
    if (attempt == null) {
      reject(ctx, req, HttpResponseStatus.UNAUTHORIZED, true);
      return;
    }
    Boolean known = auth.cached(attempt);
    if (known != null) {
      admit(ctx, req, known);
      return;
    }
    isVerifying = true;
    ctx.channel().config().setAutoRead(false);
    web.verifyAsync(attempt, ok -> ctx.executor().execute(() -> {
      isVerifying = false;
      ctx.channel().config().setAutoRead(true);
      admit(ctx, req, ok);
      while (!isVerifying && !waiting.isEmpty()) {
        gate(ctx, waiting.poll());
      }
    }));
  }

  private void admit(ChannelHandlerContext ctx, FullHttpRequest req, boolean ok) {
    if (ok) {
      ctx.fireChannelRead(req);
    } else {
      reject(ctx, req, HttpResponseStatus.UNAUTHORIZED, true);
    }
  }

  /** Go's {@code http.Error} with the status text as body; 401 asks for Basic credentials. */
  private void reject(ChannelHandlerContext ctx, FullHttpRequest req, HttpResponseStatus status,
      boolean withHeaders) {
    boolean keepAlive = HttpUtil.isKeepAlive(req);
    HttpVersion version = req.protocolVersion();
    ReferenceCountUtil.release(req);
    byte[] body = (status.reasonPhrase() + "\n").getBytes(StandardCharsets.UTF_8);
    FullHttpResponse r = new DefaultFullHttpResponse(version, status, Unpooled.wrappedBuffer(body));
    if (withHeaders) {
      headers.forEach(r.headers()::set);
    }
    r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
    r.headers().set("X-Content-Type-Options", "nosniff");
    if (status == HttpResponseStatus.UNAUTHORIZED) {
      r.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Basic");
    }
    HttpUtil.setContentLength(r, body.length);
    HttpUtil.setKeepAlive(r, keepAlive);
    ctx.writeAndFlush(r);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof HttpResponse r && !headers.isEmpty()) {
      headers.forEach(r.headers()::set);
    }
    ctx.write(msg, promise);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    waiting.forEach(ReferenceCountUtil::release);
    waiting.clear();
    ctx.fireChannelInactive();
  }
}
