package io.hearth.tsdb.block;

import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/**
 * A ULID, the name of a block: 48 bits of creation time in milliseconds then 80 random bits,
 * written as 26 characters of Crockford's base32, so that names sort by creation time. Immutable.
 */
public record Ulid(long hi, long lo) implements Comparable<Ulid> {
  private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
  private static final byte[] DECODE = new byte[128];
  private static final SecureRandom RANDOM = new SecureRandom();

  static {
    java.util.Arrays.fill(DECODE, (byte) -1);
    for (int i = 0; i < ALPHABET.length; i++) {
      DECODE[ALPHABET[i]] = (byte) i;
      DECODE[Character.toLowerCase(ALPHABET[i])] = (byte) i;
    }
  }

  /** A new ULID for the current time. */
  public static Ulid generate() {
    return generate(System.currentTimeMillis(), RANDOM);
  }

  /** A new ULID for {@code timeMs} with random bits from {@code random}. */
  public static Ulid generate(long timeMs, RandomGenerator random) {
    if (timeMs < 0 || timeMs >= 1L << 48) {
      throw new IllegalArgumentException("ULID time must fit 48 bits, got " + timeMs);
    }
    return new Ulid((timeMs << 16) | (random.nextLong() & 0xFFFF), random.nextLong());
  }

  /** The creation time in milliseconds since the epoch. */
  public long timeMs() {
    return hi >>> 16;
  }

  /**
   * Parses the 26-character form, in either case.
   *
   * @throws IllegalArgumentException if {@code s} is not a ULID
   */
  public static Ulid parse(String s) {
    if (s.length() != 26) {
      throw new IllegalArgumentException("a ULID has 26 characters, got " + s.length() + ": \"" + s + "\"");
    }
    long hi = 0;
    long lo = 0;
    for (int i = 0; i < 26; i++) {
      char c = s.charAt(i);
      int v = c < 128 ? DECODE[c] : -1;
      if (v < 0 || (i == 0 && v > 7)) {
        throw new IllegalArgumentException("not a ULID: \"" + s + "\" has '" + c + "' at " + i);
      }
      // Shift the 128-bit value (hi, lo) left by 5 and add v.
      hi = (hi << 5) | (lo >>> 59);
      lo = (lo << 5) | v;
    }
    return new Ulid(hi, lo);
  }

  /** Whether {@code s} parses as a ULID. */
  public static boolean isValid(String s) {
    try {
      parse(s);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @Override
  public int compareTo(Ulid o) {
    int c = Long.compareUnsigned(hi, o.hi);
    return c != 0 ? c : Long.compareUnsigned(lo, o.lo);
  }

  @Override
  public String toString() {
    char[] out = new char[26];
    long h = hi;
    long l = lo;
    for (int i = 25; i >= 0; i--) {
      out[i] = ALPHABET[(int) (l & 31)];
      l = (l >>> 5) | (h << 59);
      h >>>= 5;
    }
    return new String(out);
  }
}
