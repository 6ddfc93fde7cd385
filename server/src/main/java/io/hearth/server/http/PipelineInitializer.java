package io.hearth.server.http;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.compression.StandardCompressionOptions;
import io.netty.handler.codec.http.HttpContentCompressor;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import java.util.concurrent.TimeUnit;

/**
 * Each connection's pipeline, one small handler per concern:
 *
 * <pre>
 *   idle      closes a connection silent for {@link HttpServer.Limits#idleSeconds()}
 *   codec     HTTP/1.1 decoding and encoding, with line and header size limits
 *   keepAlive Connection: keep-alive / close
 *   gzip      compresses answers when the request accepts gzip or deflate
 *   body      aggregates the body up to {@link HttpServer.Limits#maxBodyBytes()} (413 beyond)
 *   handler   {@link RequestHandler}: routes the request
 * </pre>
 */
final class PipelineInitializer extends ChannelInitializer<SocketChannel> {
  private final HttpServer.Limits limits;
  private final RequestHandler handler;

  PipelineInitializer(HttpServer.Limits limits, RequestHandler handler) {
    this.limits = limits;
    this.handler = handler;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    ChannelPipeline p = ch.pipeline();
    p.addLast("idle", new IdleStateHandler(0, 0, limits.idleSeconds(), TimeUnit.SECONDS));
    p.addLast("idleClose", new IdleClose());
    p.addLast("codec", new HttpServerCodec(new HttpDecoderConfig()
        .setMaxInitialLineLength(limits.maxHeaderBytes())
        .setMaxHeaderSize(limits.maxHeaderBytes())));
    p.addLast("keepAlive", new HttpServerKeepAliveHandler());
    p.addLast("gzip", new HttpContentCompressor(0,
        StandardCompressionOptions.gzip(), StandardCompressionOptions.deflate()));
    p.addLast("body", new HttpObjectAggregator(limits.maxBodyBytes()));
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
