package io.hearth.server.web;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Basic-auth checks against {@code basic_auth_users}, as the exporter toolkit makes them. bcrypt
 * is slow by design (tens of milliseconds at cost 10), so verdicts, good and bad, are cached per
 * (user, hash, password) in a small map with random eviction, and bcrypt runs one at a time. A
 * user that does not exist is checked against a fixed hash of the same cost as a typical one, so
 * the answer takes as long as for a real user and does not reveal which names exist.
 * Thread-safe.
 */
public final class BasicAuth {
  /** The toolkit's cache size. */
  static final int CACHE_SIZE = 100;

  /** bcrypt (cost 10) of a random password nobody knows; only its cost matters. */
  private static final String UNKNOWN_USER_HASH =
      "$2y$10$JOPj0fZNB9iK0WLwnllFNOX5tytzqxaAAt9Hkpj7D2j2/PG3Tx8mm";

  private static final BCrypt.Verifyer BCRYPT = BCrypt.verifyer(
      BCrypt.Version.VERSION_2A, LongPasswordStrategies.truncate(BCrypt.Version.VERSION_2A));

  /** Credentials taken from a request and what they are checked against. */
  public record Attempt(String user, String hash, String password, boolean isKnownUser) {}

  private final Map<Attempt, Boolean> cache = new HashMap<>();
  private final ReentrantLock bcryptLock = new ReentrantLock();

  /**
   * The request's Basic credentials paired with the user's hash (Go's {@code r.BasicAuth}: the
   * scheme in any case, standard base64, user and password split at the first colon), or null
   * when the header is missing or unusable.
   */
  public Attempt attempt(Map<String, String> users, String authorization) {
    if (authorization == null || authorization.length() < 6
        || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return null;
    }
    String user = decoded.substring(0, colon);
    String hash = users.get(user);
    return new Attempt(user, hash == null ? UNKNOWN_USER_HASH : hash, decoded.substring(colon + 1),
        hash != null);
  }

  /** The remembered verdict for these exact credentials, or null when bcrypt must run. */
  public Boolean cached(Attempt a) {
    synchronized (cache) {
      Boolean ok = cache.get(a);
      return ok == null ? null : ok && a.isKnownUser();
    }
  }

  /** Runs bcrypt (slow; one caller at a time) and remembers the verdict. */
  public boolean verify(Attempt a) {
    boolean matches;
    bcryptLock.lock();
    try {
      matches = BCRYPT.verify(a.password().getBytes(StandardCharsets.UTF_8),
          a.hash().getBytes(StandardCharsets.UTF_8)).verified;
    } catch (RuntimeException e) {
      matches = false; // a malformed hash matches nothing, as in Go
    } finally {
      bcryptLock.unlock();
    }
    boolean ok = matches && a.isKnownUser();
    synchronized (cache) {
      makeRoom();
      cache.put(a, ok);
    }
    return ok;
  }

  /** At capacity, drops a tenth of the entries at random, so eviction is rare and unbiased. */
  private void makeRoom() {
    if (cache.size() < CACHE_SIZE) {
      return;
    }
    List<Attempt> keys = new ArrayList<>(cache.keySet());
    int drop = Math.max(keys.size() / 10, 1);
    ThreadLocalRandom rnd = ThreadLocalRandom.current();
    for (int i = 0; i < drop && !keys.isEmpty(); i++) {
      cache.remove(keys.remove(rnd.nextInt(keys.size())));
    }
  }

  int cacheSize() {
    synchronized (cache) {
      return cache.size();
    }
  }
}
