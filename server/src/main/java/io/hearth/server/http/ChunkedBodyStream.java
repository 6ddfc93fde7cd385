package io.hearth.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;

/**
 * The body of a chunked answer: bytes gather in a pooled 32 KiB buffer that goes out as one HTTP
 * chunk when full. When Netty's outbound buffer passes its high-water mark the writer waits for
 * its last chunk to reach the socket, so a slow client holds back the producer instead of filling
 * memory. Written by one thread, never the event loop; {@link #close()} ends the answer.
 */
public final class ChunkedBodyStream extends OutputStream {
  static final int CHUNK_SIZE = 32 * 1024;
  /** How long a write waits for a stalled client before giving up on it. */
  private static final long STALL_SECONDS = 120;

  private final Channel channel;
  private final boolean discard;
  private final java.util.function.LongConsumer onDone;
  private long written; // body bytes written, told to onDone
  private ByteBuf buf;
  private boolean closed;

  /** @param onDone told the body's size in bytes (0 when discarded) once the last chunk is out */
  ChunkedBodyStream(Channel channel, boolean discard, java.util.function.LongConsumer onDone) {
    this.channel = channel;
    this.discard = discard;
    this.onDone = onDone;
  }

  @Override
  public void write(int b) throws IOException {
    ensureOpen();
    if (buf == null || !buf.isWritable()) {
      flushChunk();
      buf = channel.alloc().buffer(CHUNK_SIZE, CHUNK_SIZE);
    }
    buf.writeByte(b);
    written++;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    ensureOpen();
    while (len > 0) {
      if (buf == null || !buf.isWritable()) {
        flushChunk();
        buf = channel.alloc().buffer(CHUNK_SIZE, CHUNK_SIZE);
      }
      int n = Math.min(len, buf.writableBytes());
      buf.writeBytes(b, off, n);
      written += n;
      off += n;
      len -= n;
    }
  }

  private void flushChunk() throws IOException {
    if (buf == null) {
      return;
    }
    ByteBuf chunk = buf;
    buf = null;
    if (discard) {
      chunk.release();
      return;
    }
    if (!channel.isActive()) {
      chunk.release();
      throw new IOException("the client closed the connection");
    }
    ChannelFuture f = channel.writeAndFlush(new DefaultHttpContent(chunk));
    if (!channel.isWritable() && !channel.eventLoop().inEventLoop()) {
      try {
        if (!f.await(STALL_SECONDS, TimeUnit.SECONDS)) {
          channel.close();
          throw new IOException("the client read nothing for " + STALL_SECONDS + " s");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while the client was slow", e);
      }
      if (!f.isSuccess()) {
        throw new IOException("cannot write to the client", f.cause());
      }
    }
  }

  private void ensureOpen() throws IOException {
    if (closed) {
      throw new IOException("stream closed");
    }
  }

  /** Sends what is buffered as the last chunk and ends the answer. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    LastHttpContent last = buf == null || discard
        ? LastHttpContent.EMPTY_LAST_CONTENT
        : new DefaultLastHttpContent(buf);
    if (discard && buf != null) {
      buf.release();
    }
    buf = null;
    long size = discard ? 0 : written;
    channel.writeAndFlush(last).addListener((ChannelFutureListener) f -> onDone.accept(size));
  }

  /**
   * Abandons the answer after a failure half-way: the client cannot be told the status any more,
   * so the connection is closed, which it sees as a truncated response.
   */
  public void abort() {
    if (buf != null) {
      buf.release();
      buf = null;
    }
    if (!closed) {
      closed = true;
      long size = discard ? 0 : written;
      channel.close().addListener(f -> onDone.accept(size));
    }
  }
}
