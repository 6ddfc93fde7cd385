package io.hearth.scrape.parse;

/**
 * A cursor over protobuf wire format in a byte array: varints, fixed 64-bit values, length
 * prefixes and field skipping, each checked against the current limit. Errors name the absolute
 * byte offset and use the wording of the gogo-generated decoder Prometheus runs, so a scrape error
 * reads the same. Not thread-safe; one per parser, repositioned with {@link #at}.
 */
final class WireReader {
  static final int VARINT = 0;
  static final int FIXED64 = 1;
  static final int LENGTH_DELIMITED = 2;
  static final int START_GROUP = 3;
  static final int END_GROUP = 4;
  static final int FIXED32 = 5;

  /** Groups are obsolete and never nest deeply in real payloads; this bounds hostile input. */
  private static final int MAX_GROUP_DEPTH = 64;

  private byte[] buf = new byte[0];
  int pos;
  int limit;
  /** The wire type of the tag last read by {@link #tag}. */
  int wireType;
  /** Where the tag last read by {@link #tag} starts, for error messages. */
  private int tagPos;

  WireReader at(byte[] buf, int pos, int limit) {
    this.buf = buf;
    this.pos = pos;
    this.limit = limit;
    return this;
  }

  byte[] buf() {
    return buf;
  }

  boolean hasMore() {
    return pos < limit;
  }

  /**
   * Reads a field tag of a message named {@code message}, leaving its wire type in {@link
   * #wireType}.
   *
   * @return the field number
   */
  int tag(String message) {
    int start = pos;
    tagPos = start;
    long wire = varint();
    int field = (int) (wire >>> 3);
    wireType = (int) (wire & 7);
    if (wireType == END_GROUP) {
      throw error(start, "proto: " + message + ": wiretype end group for non-group");
    }
    if (field <= 0) {
      throw error(start, "proto: " + message + ": illegal tag " + field + " (wire type " + wire + ")");
    }
    return field;
  }

  /** Fails unless the tag just read has wire type {@code want}; {@code field} names it. */
  void expect(int want, String field) {
    if (wireType != want) {
      throw error(tagPos, "proto: wrong wireType = " + wireType + " for field " + field);
    }
  }

  long varint() {
    long v = 0;
    for (int shift = 0; ; shift += 7) {
      if (shift >= 64) {
        throw error(pos, "proto: integer overflow");
      }
      if (pos >= limit) {
        throw error(pos, "unexpected EOF");
      }
      byte b = buf[pos++];
      v |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        return v;
      }
    }
  }

  double fixed64Double() {
    return Double.longBitsToDouble(fixed64());
  }

  long fixed64() {
    if (limit - pos < 8) {
      throw error(pos, "unexpected EOF");
    }
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | (buf[pos + i] & 0xFF);
    }
    pos += 8;
    return v;
  }

  /**
   * Reads a length prefix and checks the bytes are there.
   *
   * @return the end offset of the field's content, which starts at {@link #pos}
   */
  int lengthDelimited() {
    long len = varint();
    if (len < 0) {
      throw error(pos, "proto: negative length found during unmarshaling");
    }
    if (len > limit - pos) {
      throw error(pos, "unexpected EOF");
    }
    return pos + (int) len;
  }

  /** Skips the value of a field whose tag was just read, as gogo's {@code skipMetrics} does. */
  void skip() {
    int depth = 0;
    int type = wireType;
    while (true) {
      switch (type) {
        case VARINT -> varint();
        case FIXED64 -> advance(8);
        case LENGTH_DELIMITED -> pos = lengthDelimited();
        case START_GROUP -> {
          if (++depth > MAX_GROUP_DEPTH) {
            throw error(pos, "proto: groups nested too deeply");
          }
        }
        case END_GROUP -> {
          if (depth == 0) {
            throw error(pos, "proto: unexpected end of group");
          }
          depth--;
        }
        case FIXED32 -> advance(4);
        default -> throw error(pos, "proto: illegal wireType " + type);
      }
      if (depth == 0) {
        return;
      }
      long wire = varint();
      type = (int) (wire & 7);
    }
  }

  private void advance(int n) {
    if (limit - pos < n) {
      throw error(pos, "unexpected EOF");
    }
    pos += n;
  }

  static ExpositionException error(int offset, String reason) {
    return new ExpositionException("byte " + offset + ": " + reason);
  }
}
