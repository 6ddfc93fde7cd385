package io.hearth.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Basic-auth credentials parsing, bcrypt checks and the verdict cache. */
class BasicAuthTest {
  private static final String HASH = BCrypt.withDefaults().hashToString(4, "wonderland".toCharArray());
  private static final Map<String, String> USERS = Map.of("alice", HASH);

  private static String basic(String userPass) {
    return "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void credentialsAreReadAsGoReadsThem() {
    BasicAuth auth = new BasicAuth();
    assertThat(auth.attempt(USERS, null)).isNull();
    assertThat(auth.attempt(USERS, "Bearer abc")).isNull();
    assertThat(auth.attempt(USERS, "Basic !!!")).isNull();
    assertThat(auth.attempt(USERS, basic("no-colon"))).isNull();
    assertThat(auth.attempt(USERS, "basic " + basic("alice:a:b").substring(6)))
        .isEqualTo(new BasicAuth.Attempt("alice", HASH, "a:b", true));
    BasicAuth.Attempt stranger = auth.attempt(USERS, basic("mallory:wonderland"));
    assertThat(stranger.isKnownUser()).isFalse();
    assertThat(stranger.hash()).startsWith("$2y$10$");
  }

  @Test
  void verdictsAreCachedGoodAndBad() {
    BasicAuth auth = new BasicAuth();
    BasicAuth.Attempt good = auth.attempt(USERS, basic("alice:wonderland"));
    BasicAuth.Attempt bad = auth.attempt(USERS, basic("alice:wrong"));
    BasicAuth.Attempt unknown = auth.attempt(USERS, basic("mallory:wonderland"));
    assertThat(auth.cached(good)).isNull();
    assertThat(auth.verify(good)).isTrue();
    assertThat(auth.verify(bad)).isFalse();
    assertThat(auth.verify(unknown)).isFalse();
    assertThat(auth.cached(good)).isTrue();
    assertThat(auth.cached(bad)).isFalse();
    assertThat(auth.cached(unknown)).isFalse();
  }

  @Test
  void aChangedHashIsCheckedAgain() {
    BasicAuth auth = new BasicAuth();
    auth.verify(auth.attempt(USERS, basic("alice:wonderland")));
    String other = BCrypt.withDefaults().hashToString(4, "looking-glass".toCharArray());
    BasicAuth.Attempt a = auth.attempt(Map.of("alice", other), basic("alice:wonderland"));
    assertThat(auth.cached(a)).isNull();
    assertThat(auth.verify(a)).isFalse();
  }

  @Test
  void theCacheStaysBounded() {
    BasicAuth auth = new BasicAuth();
    for (int i = 0; i < 3 * BasicAuth.CACHE_SIZE; i++) {
      auth.verify(new BasicAuth.Attempt("alice", "not a hash", "p" + i, true));
    }
    assertThat(auth.cacheSize()).isBetween(1, BasicAuth.CACHE_SIZE);
  }
}
