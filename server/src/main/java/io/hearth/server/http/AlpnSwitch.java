package io.hearth.server.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Waits for the TLS handshake, then builds the rest of the pipeline for the protocol the client
 * chose through ALPN: HTTP/2 for {@code h2}, HTTP/1.1 otherwise (also when the client named none).
 * Reads the choice from the JDK engine itself, which Netty's own negotiation handler cannot see on
 * a plain JDK engine. A failed handshake closes the connection. One instance per connection.
 */
final class AlpnSwitch extends ChannelInboundHandlerAdapter {
  private static final System.Logger LOG = System.getLogger(AlpnSwitch.class.getName());

  private final SslHandler ssl;
  private final Consumer<ChannelPipeline> http1;
  private final Consumer<ChannelPipeline> http2;
  private final List<Object> early = new ArrayList<>(1);

  AlpnSwitch(SslHandler ssl, Consumer<ChannelPipeline> http1, Consumer<ChannelPipeline> http2) {
    this.ssl = ssl;
    this.http1 = http1;
    this.http2 = http2;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    early.add(msg); // only before the handshake event, which Netty fires first
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (!(evt instanceof SslHandshakeCompletionEvent done)) {
      super.userEventTriggered(ctx, evt);
      return;
    }
    if (!done.isSuccess()) {
      LOG.log(System.Logger.Level.DEBUG, "TLS handshake error from " + ctx.channel().remoteAddress()
          + ": " + done.cause());
      ctx.close();
      return;
    }
    String protocol = ssl.engine().getApplicationProtocol();
    ChannelPipeline p = ctx.pipeline();
    if ("h2".equals(protocol)) {
      http2.accept(p);
    } else {
      http1.accept(p);
    }
    List<Object> pending = new ArrayList<>(early);
    early.clear();
    for (Object m : pending) {
      ctx.fireChannelRead(m); // into the handlers just added behind this one
    }
    p.remove(this);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    early.forEach(ReferenceCountUtil::release);
    early.clear();
  }
}
