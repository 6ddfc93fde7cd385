package io.hearth.scrape.http;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A push-style gzip decoder that inflates response chunks straight into a {@link ScrapeBuffer}. It
 * keeps one {@link Inflater} and one {@link CRC32} for the life of a target, so a scrape costs no
 * decoder allocation. Concatenated members are decoded one after another, as Go's gzip reader does,
 * and errors carry Go's wording ("gzip: invalid header", "gzip: invalid checksum", "unexpected
 * EOF").
 *
 * <p>Not thread-safe; one scrape feeds it at a time. Call {@link #close()} when the target goes.
 */
final class GzipDecoder implements AutoCloseable {
  private static final int FTEXT_MASK = 0x01;
  private static final int FHCRC = 0x02;
  private static final int FEXTRA = 0x04;
  private static final int FNAME = 0x08;
  private static final int FCOMMENT = 0x10;
  private static final int MIN_GROWTH = 16 * 1024;

  private enum State {
    FIXED_HEADER,
    EXTRA_LENGTH,
    EXTRA,
    NAME,
    COMMENT,
    HEADER_CRC,
    INFLATE,
    TRAILER,
    MEMBER_END
  }

  private final Inflater inflater = new Inflater(true);
  private final CRC32 crc = new CRC32();
  private final byte[] scratch = new byte[10];
  private State state;
  private int scratchLength;
  private int flags;
  private int extraRemaining;
  private long totalIn;
  private long memberOut;

  GzipDecoder() {
    reset();
  }

  /** Prepares for a new body. */
  void reset() {
    state = State.FIXED_HEADER;
    scratchLength = 0;
    totalIn = 0;
    startMember();
  }

  private void startMember() {
    inflater.reset();
    crc.reset();
    memberOut = 0;
    flags = 0;
    scratchLength = 0;
  }

  /**
   * Decodes {@code in} (consuming all of it) and appends the output to {@code out}.
   *
   * @param limit output size at which decoding stops with a {@link
   *     ScrapeException.Kind#BODY_SIZE_LIMIT} failure
   */
  void decode(ByteBuffer in, ScrapeBuffer out, long limit) throws ScrapeException {
    while (in.hasRemaining()) {
      switch (state) {
        case FIXED_HEADER -> {
          if (fill(in, 10)) {
            checkFixedHeader();
          }
        }
        case EXTRA_LENGTH -> {
          if (fill(in, 2)) {
            extraRemaining = (scratch[0] & 0xff) | (scratch[1] & 0xff) << 8;
            scratchLength = 0;
            state = State.EXTRA;
          }
        }
        case EXTRA -> {
          int skip = Math.min(extraRemaining, in.remaining());
          in.position(in.position() + skip);
          totalIn += skip;
          extraRemaining -= skip;
          if (extraRemaining == 0) {
            state = afterExtra();
          }
        }
        case NAME -> {
          if (skipZeroTerminated(in)) {
            state = afterName();
          }
        }
        case COMMENT -> {
          if (skipZeroTerminated(in)) {
            state = afterComment();
          }
        }
        case HEADER_CRC -> {
          // Go checks the header CRC; few servers send one, and a wrong one is rare enough that
          // skipping the two bytes is the cheaper honest choice.
          if (fill(in, 2)) {
            scratchLength = 0;
            state = State.INFLATE;
          }
        }
        case INFLATE -> inflate(in, out, limit);
        case TRAILER -> {
          if (fill(in, 8)) {
            checkTrailer();
            state = State.MEMBER_END;
          }
        }
        case MEMBER_END -> {
          startMember();
          state = State.FIXED_HEADER;
        }
      }
    }
  }

  /** Checks that the body ended at a member boundary. */
  void finish() throws ScrapeException {
    if (state == State.MEMBER_END) {
      return;
    }
    if (state == State.FIXED_HEADER && scratchLength == 0 && totalIn == 0) {
      // Go's gzip.NewReader on an empty body fails with io.EOF.
      throw new ScrapeException("EOF");
    }
    throw new ScrapeException("unexpected EOF");
  }

  private void inflate(ByteBuffer in, ScrapeBuffer out, long limit) throws ScrapeException {
    int before = in.position();
    inflater.setInput(in);
    try {
      while (true) {
        if (out.free() < MIN_GROWTH) {
          out.ensureFree(Math.max(MIN_GROWTH, out.array().length));
        }
        long room = limit - out.length();
        int max = (int) Math.min(out.free(), room);
        int start = out.length();
        int n = inflater.inflate(out.array(), start, max);
        if (n > 0) {
          crc.update(out.array(), start, n);
          out.advance(n);
          memberOut += n;
          if (out.length() >= limit) {
            throw new ScrapeException(
                ScrapeException.Kind.BODY_SIZE_LIMIT, TargetScraper.BODY_SIZE_LIMIT_EXCEEDED, null);
          }
        }
        if (inflater.finished()) {
          state = State.TRAILER;
          scratchLength = 0;
          return;
        }
        if (inflater.needsDictionary()) {
          throw new ScrapeException("flate: corrupt input before offset " + totalIn);
        }
        if (n == 0 && inflater.needsInput()) {
          return;
        }
      }
    } catch (DataFormatException e) {
      throw new ScrapeException("flate: corrupt input before offset " + totalIn, e);
    } finally {
      totalIn += in.position() - before;
      // The inflater must not keep a reference to a buffer the HTTP client recycles.
      inflater.setInput(scratch, 0, 0);
    }
  }

  private void checkFixedHeader() throws ScrapeException {
    if ((scratch[0] & 0xff) != 0x1f || (scratch[1] & 0xff) != 0x8b || scratch[2] != 8) {
      throw new ScrapeException("gzip: invalid header");
    }
    flags = scratch[3] & 0xff;
    if ((flags & ~(FTEXT_MASK | FHCRC | FEXTRA | FNAME | FCOMMENT)) != 0) {
      throw new ScrapeException("gzip: invalid header");
    }
    scratchLength = 0;
    state = (flags & FEXTRA) != 0 ? State.EXTRA_LENGTH : afterExtra();
  }

  private State afterExtra() {
    return (flags & FNAME) != 0 ? State.NAME : afterName();
  }

  private State afterName() {
    return (flags & FCOMMENT) != 0 ? State.COMMENT : afterComment();
  }

  private State afterComment() {
    return (flags & FHCRC) != 0 ? State.HEADER_CRC : State.INFLATE;
  }

  private void checkTrailer() throws ScrapeException {
    long wantCrc = le32(0);
    long wantSize = le32(4);
    if (wantCrc != crc.getValue() || wantSize != (memberOut & 0xffffffffL)) {
      throw new ScrapeException("gzip: invalid checksum");
    }
    scratchLength = 0;
  }

  private long le32(int off) {
    return (scratch[off] & 0xffL)
        | (scratch[off + 1] & 0xffL) << 8
        | (scratch[off + 2] & 0xffL) << 16
        | (scratch[off + 3] & 0xffL) << 24;
  }

  /** Collects header bytes into {@code scratch}; true once {@code n} are there. */
  private boolean fill(ByteBuffer in, int n) {
    while (scratchLength < n && in.hasRemaining()) {
      scratch[scratchLength++] = in.get();
      totalIn++;
    }
    return scratchLength == n;
  }

  private boolean skipZeroTerminated(ByteBuffer in) {
    while (in.hasRemaining()) {
      totalIn++;
      if (in.get() == 0) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() {
    inflater.end();
  }
}
