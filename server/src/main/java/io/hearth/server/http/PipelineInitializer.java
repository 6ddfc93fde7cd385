package io.hearth.server.http;

import io.hearth.server.web.WebSecurity;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.compression.StandardCompressionOptions;
import io.netty.handler.codec.http.HttpContentCompressor;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * Each connection's pipeline, one small handler per concern:
 *
 * <pre>
 *   idle      closes a connection silent for {@link HttpServer.Limits#idleSeconds()}
 *   tls       (TLS listeners) {@link TlsDetector}: plain HTTP gets Go's 400; else the SslHandler,
 *             with an engine from the web config file as it is now, then {@link AlpnSwitch}
 *   -- HTTP/1.1 --
 *   codec     HTTP/1.1 decoding and encoding, with line and header size limits
 *   keepAlive Connection: keep-alive / close
 *   -- HTTP/2 (ALPN h2; then each stream is a child channel with the handlers below) --
 *   h2        frames, and one child channel per stream whose frames become HTTP/1 objects
 *   -- both --
 *   gzip      compresses answers when the request accepts gzip or deflate
 *   body      aggregates the body up to {@link HttpServer.Limits#maxBodyBytes()} (413 beyond)
 *   web       (with a web config file) {@link WebHandler}: rate limit, headers, basic auth
 *   handler   {@link RequestHandler}: strips the route prefix and routes the request
 * </pre>
 */
final class PipelineInitializer extends ChannelInitializer<SocketChannel> {
  private final HttpServer.Limits limits;
  private final RequestHandler handler;
  private final WebSecurity web;

  PipelineInitializer(HttpServer.Limits limits, RequestHandler handler, WebSecurity web) {
    this.limits = limits;
    this.handler = handler;
    this.web = web;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    ChannelPipeline p = ch.pipeline();
    p.addLast("idle", new IdleStateHandler(0, 0, limits.idleSeconds(), TimeUnit.SECONDS));
    p.addLast("idleClose", new IdleClose());
    if (web.isTls()) {
      p.addLast("tls", new TlsDetector(web, this::http1, this::http2));
    } else {
      http1(p);
    }
  }

  private void http1(ChannelPipeline p) {
    p.addLast("codec", new HttpServerCodec(new HttpDecoderConfig()
        .setMaxInitialLineLength(limits.maxHeaderBytes())
        .setMaxHeaderSize(limits.maxHeaderBytes())));
    p.addLast("keepAlive", new HttpServerKeepAliveHandler());
    requests(p);
  }

  private void http2(ChannelPipeline p) {
    p.addLast("h2", Http2FrameCodecBuilder.forServer().build());
    p.addLast("h2streams", new Http2MultiplexHandler(new ChannelInitializer<Channel>() {
      @Override
      protected void initChannel(Channel stream) {
        stream.pipeline().addLast("h2http", new Http2StreamFrameToHttpObjectCodec(true));
        requests(stream.pipeline());
      }
    }));
  }

  private void requests(ChannelPipeline p) {
    p.addLast("gzip", new HttpContentCompressor(0,
        StandardCompressionOptions.gzip(), StandardCompressionOptions.deflate()));
    p.addLast("body", new HttpObjectAggregator(limits.maxBodyBytes()));
    if (web.isEnabled()) {
      p.addLast("web", new WebHandler(web));
    }
    p.addLast("handler", handler);
  }

  /** Closes the connection when {@link IdleStateHandler} reports it idle. */
  private static final class IdleClose extends ChannelDuplexHandler {
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
      if (evt instanceof IdleStateEvent) {
        ctx.close();
      } else {
        super.userEventTriggered(ctx, evt);
      }
    }
  }
}
