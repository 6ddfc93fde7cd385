package io.hearth.tsdb.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A new file written front to back through a buffer, tracking its position, with patching of
 * bytes already written (lengths known only afterwards) and an fsync on {@link #finish()}. Not
 * thread-safe.
 */
public final class OutputFile implements AutoCloseable {
  private static final byte[] ZEROS = new byte[16];

  private final Path path;
  private final FileChannel ch;
  private final ByteBuffer buf;
  private long pos;

  /** Creates the file, which must not exist yet. */
  public OutputFile(Path path, int bufferSize) throws IOException {
    this.path = path;
    this.ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    this.buf = ByteBuffer.allocate(bufferSize);
  }

  public Path path() {
    return path;
  }

  /** The number of bytes written so far: the offset of the next byte. */
  public long position() {
    return pos;
  }

  public void write(byte[] b, int off, int len) throws IOException {
    if (len > buf.remaining()) {
      flush();
      if (len > buf.capacity()) {
        ByteBuffer big = ByteBuffer.wrap(b, off, len);
        while (big.hasRemaining()) {
          ch.write(big);
        }
        pos += len;
        return;
      }
    }
    buf.put(b, off, len);
    pos += len;
  }

  public void write(byte[] b) throws IOException {
    write(b, 0, b.length);
  }

  public void write(ByteArrayBuilder b) throws IOException {
    write(b.array(), 0, b.length());
  }

  /** Writes zero bytes until the position is a multiple of {@code align} (at most 16). */
  public void pad(int align) throws IOException {
    int n = (int) ((align - pos % align) % align);
    write(ZEROS, 0, n);
  }

  /** Overwrites bytes written earlier, at {@code at}. */
  public void writeAt(long at, byte[] b, int off, int len) throws IOException {
    if (at < 0 || at + len > pos) {
      throw new IllegalArgumentException("cannot patch [" + at + ", " + (at + len) + ") of " + pos + " bytes written");
    }
    flush();
    ByteBuffer bb = ByteBuffer.wrap(b, off, len);
    long p = at;
    while (bb.hasRemaining()) {
      p += ch.write(bb, p);
    }
  }

  private void flush() throws IOException {
    buf.flip();
    while (buf.hasRemaining()) {
      ch.write(buf);
    }
    buf.clear();
  }

  /** Flushes, then forces the bytes to disk. */
  public void finish() throws IOException {
    flush();
    ch.force(true);
  }

  @Override
  public void close() throws IOException {
    ch.close();
  }
}
