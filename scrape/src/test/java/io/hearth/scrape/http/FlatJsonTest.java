package io.hearth.scrape.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FlatJsonTest {
  @Test
  void readsTopLevelMembers() {
    check("{}", Map.of());
    check(
        "{\"access_token\":\"a\\\"b\\u0041\",\"expires_in\":3600,\"ok\":true,\"n\":null}",
        Map.of("access_token", "a\"bA", "expires_in", "3600", "ok", "true", "n", "null"));
    check(
        " { \"x\" : {\"y\":[1,\"}\"]}, \"z\":\"w\" } ", Map.of("x", "{\"y\":[1,\"}\"]}", "z", "w"));
  }

  private static void check(String in, Map<String, String> want) {
    assertThat(FlatJson.parseObject(in)).as(in).isEqualTo(want);
  }

  @Test
  void rejectsWhatIsNotAnObject() {
    for (String bad : new String[] {"", "[]", "{\"a\":1", "{\"a\" 1}", "{\"a\":1} x"}) {
      assertThatThrownBy(() -> FlatJson.parseObject(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
