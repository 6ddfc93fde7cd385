package io.hearth.server.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Answers one request, once: a whole body ({@link #send}) or a chunked stream ({@link #stream}).
 * Usable from any thread; Netty queues writes made off the event loop. Extra headers go into
 * {@link #headers()} before answering.
 */
public final class Responder {
  /** Prometheus answers a canceled query with 499, which has no standard reason phrase. */
  private static final HttpResponseStatus CLIENT_CLOSED = new HttpResponseStatus(499, "Client Closed Request");

  private final Channel channel;
  private final boolean isHead;
  private final Completion completion;
  private final HttpHeaders headers = new DefaultHttpHeaders();
  private final AtomicBoolean answered = new AtomicBoolean();

  /**
   * Told the status code and the body's size (before any gzip; 0 for HEAD) once the answer's last
   * byte is written (or failed to be).
   */
  interface Completion {
    void done(int status, long bodyBytes);
  }

  Responder(Channel channel, boolean isHead, Completion completion) {
    this.channel = channel;
    this.isHead = isHead;
    this.completion = completion;
  }

  /** Headers added to the answer. */
  public HttpHeaders headers() {
    return headers;
  }

  /** Sends {@code body} whole, with a Content-Length. */
  public void send(int status, String contentType, byte[] body) {
    claim();
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status(status),
        isHead ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
    r.headers().set(headers);
    if (contentType != null) {
      r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    }
    HttpUtil.setContentLength(r, isHead ? 0 : body.length);
    long size = isHead ? 0 : body.length;
    channel.writeAndFlush(r).addListener((ChannelFutureListener) f -> completion.done(status, size));
  }

  /** Sends {@code text} as {@code text/plain; charset=utf-8}. */
  public void sendText(int status, String text) {
    send(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Starts a chunked answer and returns the stream its body is written to; closing the stream
   * ends the answer. Must not be called on the event loop when the body may be large: the stream
   * waits for the client to read when Netty's write buffer is full.
   */
  public ChunkedBodyStream stream(int status, String contentType) {
    claim();
    HttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, status(status));
    r.headers().set(headers);
    r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    HttpUtil.setTransferEncodingChunked(r, true);
    channel.write(r);
    return new ChunkedBodyStream(channel, isHead, bytes -> completion.done(status, bytes));
  }

  /** Runs {@code r} when the connection closes, at once if it already has. */
  public void onClientGone(Runnable r) {
    channel.closeFuture().addListener(f -> r.run());
  }

  /** True once the connection is closed. */
  public boolean isClientGone() {
    return !channel.isActive();
  }

  private void claim() {
    if (!answered.compareAndSet(false, true)) {
      throw new IllegalStateException("the request was already answered");
    }
  }

  static HttpResponseStatus status(int code) {
    return code == 499 ? CLIENT_CLOSED : HttpResponseStatus.valueOf(code);
  }
}
