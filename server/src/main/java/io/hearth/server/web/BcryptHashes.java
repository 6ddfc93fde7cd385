package io.hearth.server.web;

/**
 * The start-up check of {@code basic_auth_users} hashes: Go's {@code bcrypt.Cost}, which the
 * toolkit calls on each, with its error texts. It reads only the prefix and the cost; a hash
 * broken after that passes here and then matches no password.
 */
final class BcryptHashes {
  private static final int MIN_HASH_SIZE = 59;

  private BcryptHashes() {}

  /** @throws IllegalArgumentException with Go's message when {@code hash} is unusable */
  static int cost(String hash) {
    byte[] p = hash.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    if (p.length < MIN_HASH_SIZE) {
      throw new IllegalArgumentException(
          "crypto/bcrypt: hashedSecret too short to be a bcrypted password");
    }
    if (p[0] != '$') {
      throw new IllegalArgumentException("crypto/bcrypt: bcrypt hashes must start with '$', but"
          + " hashedSecret started with '" + (char) p[0] + "'");
    }
    if (p[1] > '2') {
      throw new IllegalArgumentException("crypto/bcrypt: bcrypt algorithm version '" + (char) p[1]
          + "' requested is newer than current version '2'");
    }
    int n = p[2] != '$' ? 4 : 3;
    String digits = new String(p, n, 2, java.nio.charset.StandardCharsets.UTF_8);
    int cost;
    try {
      if (!digits.matches("[+-]?[0-9]+")) {
        throw new NumberFormatException();
      }
      cost = Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("strconv.Atoi: parsing \"" + digits + "\": invalid syntax");
    }
    if (cost < 4 || cost > 31) {
      throw new IllegalArgumentException(
          "crypto/bcrypt: cost " + cost + " is outside allowed inclusive range 4..31");
    }
    return cost;
  }
}
