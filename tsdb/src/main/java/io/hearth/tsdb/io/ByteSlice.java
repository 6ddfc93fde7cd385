package io.hearth.tsdb.io;

import java.util.Arrays;
import java.util.Objects;

/**
 * A view of {@code length} bytes of an array starting at {@code offset}; the bytes are not copied.
 *
 * <p>A slice made with {@link #of} never changes. The slice a {@link ByteArrayBuilder} hands out is
 * the builder's own view, updated in place each time the builder is asked for it, so it is valid
 * only until the builder is next changed; that is what lets encoders return bytes without
 * allocating. Not thread-safe.
 */
public final class ByteSlice {
  private byte[] array;
  private int offset;
  private int length;

  private ByteSlice(byte[] array, int offset, int length) {
    set(array, offset, length);
  }

  /** A view of the whole array. */
  public static ByteSlice of(byte[] array) {
    return new ByteSlice(array, 0, array.length);
  }

  /**
   * A view of {@code array[offset, offset + length)}.
   *
   * @throws IndexOutOfBoundsException if the range is not inside the array
   */
  public static ByteSlice of(byte[] array, int offset, int length) {
    return new ByteSlice(array, offset, length);
  }

  /** Points this view at other bytes; only the owning builder calls it. */
  void set(byte[] array, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, array.length);
    this.array = array;
    this.offset = offset;
    this.length = length;
  }

  public byte[] array() {
    return array;
  }

  public int offset() {
    return offset;
  }

  public int length() {
    return length;
  }

  /** The byte at {@code i}, counted from {@link #offset()}. */
  public byte get(int i) {
    Objects.checkIndex(i, length);
    return array[offset + i];
  }

  /** A copy of the viewed bytes, for keeping them past the view's lifetime. */
  public byte[] toByteArray() {
    return Arrays.copyOfRange(array, offset, offset + length);
  }

  /** The bytes in lower-case hex, for messages and tests. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(length * 2);
    for (int i = offset; i < offset + length; i++) {
      sb.append(Character.forDigit((array[i] >> 4) & 0xF, 16)).append(Character.forDigit(array[i] & 0xF, 16));
    }
    return sb.toString();
  }
}
