package io.hearth.server.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.hearth.server.web.WebSecurity;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP/1.1 listener: binds {@link ListenAddress}, runs {@link PipelineInitializer} on every
 * connection, and stops gracefully. Event loops only decode, route and write; handlers hand slow
 * work to their own executors. Thread-safe; {@link #close()} is idempotent.
 */
public final class HttpServer implements AutoCloseable {
  /**
   * Request limits. Prometheus (Go's net/http) allows 1 MiB of request line plus headers and reads
   * at most 10 MiB of form body; a connection idle for 5 minutes is closed ({@code
   * --web.read-timeout}'s default).
   */
  public record Limits(int maxHeaderBytes, int maxBodyBytes, int idleSeconds) {
    public static final Limits DEFAULT = new Limits(1 << 20, 10 << 20, 300);
  }

  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final Channel channel;
  private final WebSecurity web;

  private HttpServer(EventLoopGroup boss, EventLoopGroup workers, Channel channel, WebSecurity web) {
    this.boss = boss;
    this.workers = workers;
    this.channel = channel;
    this.web = web;
  }

  /**
   * Binds {@code address} and starts serving {@code router}.
   *
   * @throws IOException naming the address when it cannot be bound
   */
  public static HttpServer start(ListenAddress address, Router router, HttpMetrics metrics, Limits limits)
      throws IOException {
    return start(address, router, metrics, limits, WebSecurity.none(), "");
  }

  /**
   * Binds {@code address} and starts serving {@code router} under {@code routePrefix}, with TLS,
   * headers, rate limit and basic auth as {@code web} says. The server owns {@code web} from here
   * and closes it.
   *
   * @param routePrefix {@code --web.route-prefix}; "" or "/" for none
   * @throws IOException naming the address when it cannot be bound
   */
  public static HttpServer start(ListenAddress address, Router router, HttpMetrics metrics, Limits limits,
      WebSecurity web, String routePrefix) throws IOException {
    for (String label : router.labels()) {
      metrics.init(label);
    }
    EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1,
        new DefaultThreadFactory("hearth-http-accept", true), NioIoHandler.newFactory());
    EventLoopGroup workers = new MultiThreadIoEventLoopGroup(0,
        new DefaultThreadFactory("hearth-http", true), NioIoHandler.newFactory());
    try {
      Channel ch = new ServerBootstrap()
          .group(boss, workers)
          .channel(NioServerSocketChannel.class)
          .option(ChannelOption.SO_BACKLOG, 1024)
          .childOption(ChannelOption.TCP_NODELAY, true)
          .childHandler(new PipelineInitializer(limits,
              new RequestHandler(router, metrics, RequestHandler.normalisePrefix(routePrefix)), web))
          .bind(address.toSocketAddress())
          .sync()
          .channel();
      return new HttpServer(boss, workers, ch, web);
    } catch (Exception e) {
      web.close();
      boss.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      workers.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IOException("cannot listen on " + address + ": " + e.getMessage(), e);
    }
  }

  /** The address actually bound (its port when the requested one was 0). */
  public InetSocketAddress localAddress() {
    return (InetSocketAddress) channel.localAddress();
  }

  /**
   * Stops accepting, then lets in-flight answers finish for up to {@code graceSeconds} before the
   * connections are closed.
   */
  public void close(long graceSeconds) {
    channel.close().syncUninterruptibly();
    boss.shutdownGracefully(0, graceSeconds, TimeUnit.SECONDS).syncUninterruptibly();
    workers.shutdownGracefully(0, graceSeconds, TimeUnit.SECONDS).syncUninterruptibly();
    web.close();
  }

  @Override
  public void close() {
    close(5);
  }
}
