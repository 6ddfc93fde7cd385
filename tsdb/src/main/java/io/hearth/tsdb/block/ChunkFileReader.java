package io.hearth.tsdb.block;

import io.hearth.tsdb.chunk.Encoding;
import io.hearth.tsdb.chunk.XorChunk;
import io.hearth.tsdb.chunk.XorIterator;
import io.hearth.tsdb.io.CorruptBlockException;
import io.hearth.tsdb.io.MappedFile;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads chunks from a block's segment files (written by {@link ChunkFileWriter}), each mapped
 * whole. Every chunk's checksum is verified when it is read; a reference to nothing, a bad header
 * or a mismatch throws {@link CorruptBlockException} naming the segment file and offset.
 *
 * <p>Thread-safe. Unmapped by {@link #close()}, after which nothing may be read.
 */
public final class ChunkFileReader implements AutoCloseable {
  private final Path dir;
  private final MappedFile[] segments;

  private ChunkFileReader(Path dir, MappedFile[] segments) {
    this.dir = dir;
    this.segments = segments;
  }

  /** Maps every segment in {@code dir} and checks their headers. */
  public static ChunkFileReader open(Path dir) throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.sorted().forEach(files::add);
    }
    List<MappedFile> mapped = new ArrayList<>();
    try {
      for (int i = 0; i < files.size(); i++) {
        Path f = files.get(i);
        String want = ChunkFileWriter.segmentName(i);
        if (f.getFileName().toString().equals(want) == false) {
          throw new CorruptBlockException(f, 0, "unexpected file in the chunks directory: segment " + want + " expected here");
        }
        MappedFile m = MappedFile.open(f);
        mapped.add(m);
        if (m.size() < ChunkFileWriter.HEADER_BYTES) {
          throw new CorruptBlockException(f, 0, "segment of " + m.size() + " bytes is too short for its header");
        }
        int magic = m.be32(0);
        if (magic != ChunkFileWriter.MAGIC) {
          throw new CorruptBlockException(f, 0, "not a chunk segment: magic " + Integer.toHexString(magic) + ", expected 85bd40dd");
        }
        if (m.byteAt(4) != 1) {
          throw new CorruptBlockException(f, 4, "unsupported chunk segment version " + m.byteAt(4) + ", supported: 1");
        }
      }
    } catch (IOException | RuntimeException e) {
      for (MappedFile m : mapped) {
        m.close();
      }
      throw e;
    }
    return new ChunkFileReader(dir, mapped.toArray(new MappedFile[0]));
  }

  public int numSegments() {
    return segments.length;
  }

  /** The total size of the segment files. */
  public long size() {
    long n = 0;
    for (MappedFile m : segments) {
      n += m.size();
    }
    return n;
  }

  /**
   * Points {@code it} at the XOR chunk {@code ref}, after checking it.
   *
   * @throws CorruptBlockException if the reference or the chunk is bad
   * @throws UnsupportedChunkException if the chunk has another encoding (native histograms)
   */
  public XorIterator iterator(long ref, XorIterator it) {
    MappedFile m = segment(ref);
    long off = ref & 0xFFFFFFFFL;
    int len = (int) locate(m, off);
    long dataAt = dataStart(off, len);
    Encoding enc = encodingAt(m, dataAt - 1);
    if (enc != Encoding.XOR) {
      throw new UnsupportedChunkException(m.path() + " at " + off + ": chunk encoding " + enc + " is not supported yet");
    }
    return it.reset(m.segment(), dataAt, len);
  }

  /** Returns a copy of the XOR chunk {@code ref}; see {@link #iterator}. */
  public XorChunk chunk(long ref) {
    MappedFile m = segment(ref);
    long off = ref & 0xFFFFFFFFL;
    int len = (int) locate(m, off);
    long dataAt = dataStart(off, len);
    Encoding enc = encodingAt(m, dataAt - 1);
    if (enc != Encoding.XOR) {
      throw new UnsupportedChunkException(m.path() + " at " + off + ": chunk encoding " + enc + " is not supported yet");
    }
    byte[] b = new byte[len];
    MemorySegment.copy(m.segment(), ValueLayout.JAVA_BYTE, dataAt, b, 0, len);
    return new XorChunk(b);
  }

  /** The encoding of chunk {@code ref}, after checking it. */
  public Encoding encoding(long ref) {
    MappedFile m = segment(ref);
    long off = ref & 0xFFFFFFFFL;
    return encodingAt(m, dataStart(off, locate(m, off)) - 1);
  }

  private static Encoding encodingAt(MappedFile m, long at) {
    int code = m.byteAt(at);
    try {
      return Encoding.fromCode(code);
    } catch (IllegalArgumentException e) {
      throw new CorruptBlockException(m.path(), at, "unknown chunk encoding " + code);
    }
  }

  private MappedFile segment(long ref) {
    long seq = ref >>> 32;
    if (seq >= segments.length) {
      throw new CorruptBlockException(dir, ref & 0xFFFFFFFFL,
          "chunk reference " + Long.toHexString(ref) + " names segment " + (seq + 1) + ", but there are " + segments.length);
    }
    return segments[(int) seq];
  }

  /** Checks the chunk at {@code off} and returns its data length (after the encoding byte). */
  private static long locate(MappedFile m, long off) {
    if (off < ChunkFileWriter.HEADER_BYTES || off >= m.size()) {
      throw new CorruptBlockException(m.path(), off, "chunk reference points outside the segment's " + m.size() + " bytes");
    }
    long len = m.decoder(off, Math.min(m.size(), off + 5)).getUvarint(0xFFFFFFFFL, "chunk length");
    long encAt = off + uvarintSize(len);
    m.check(encAt, 1 + len + 4, "chunk at " + off);
    m.verifyCrc(encAt, 1 + len, encAt + 1 + len, "chunk at " + off);
    return len;
  }

  private static long dataStart(long off, long len) {
    return off + uvarintSize(len) + 1;
  }

  private static int uvarintSize(long v) {
    int n = 1;
    while ((v & ~0x7FL) != 0) {
      v >>>= 7;
      n++;
    }
    return n;
  }

  @Override
  public void close() {
    for (MappedFile m : segments) {
      m.close();
    }
  }
}
