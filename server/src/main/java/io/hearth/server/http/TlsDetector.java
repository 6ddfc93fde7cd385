package io.hearth.server.http;

import io.hearth.server.web.WebSecurity;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslHandler;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;

/**
 * The first handler of a TLS listener's connection. Once the first record header has arrived it
 * either installs an {@link SslHandler} whose engine is built from the web config as it is now
 * (the toolkit re-reads it for every new connection), followed by {@link AlpnSwitch}; or, for a
 * client talking plain HTTP, answers as Go's server does ("Client sent an HTTP request to an
 * HTTPS server.") and closes. One instance per connection.
 */
final class TlsDetector extends ByteToMessageDecoder {
  private static final System.Logger LOG = System.getLogger(TlsDetector.class.getName());

  private static final byte[] PLAIN_HTTP_ANSWER =
      "HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n"
          .getBytes(StandardCharsets.US_ASCII);

  private final WebSecurity web;
  private final Consumer<io.netty.channel.ChannelPipeline> http1;
  private final Consumer<io.netty.channel.ChannelPipeline> http2;

  TlsDetector(WebSecurity web, Consumer<io.netty.channel.ChannelPipeline> http1,
      Consumer<io.netty.channel.ChannelPipeline> http2) {
    this.web = web;
    this.http1 = http1;
    this.http2 = http2;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (in.readableBytes() < 5) {
      return;
    }
    if (!SslHandler.isEncrypted(in, false)) {
      in.skipBytes(in.readableBytes());
      ctx.writeAndFlush(Unpooled.wrappedBuffer(PLAIN_HTTP_ANSWER)).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    SSLEngine engine;
    try {
      engine = web.newEngine();
    } catch (Exception e) {
      LOG.log(System.Logger.Level.ERROR, "TLS handshake error from " + ctx.channel().remoteAddress()
          + ": " + e.getMessage());
      in.skipBytes(in.readableBytes());
      ctx.close();
      return;
    }
    SslHandler ssl = new SslHandler(engine);
    ctx.pipeline().addAfter(ctx.name(), "alpn", new AlpnSwitch(ssl, http1, http2));
    ctx.pipeline().replace(this, "ssl", ssl);
  }
}
