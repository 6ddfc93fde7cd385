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

  @Test
  void nullHasNoMembersAsInGo() {
    check("null", Map.of());
  }

  @Test
  void errorsAreGosAsOauth2ReportsThem() {
    fails("", "unexpected end of JSON input");
    fails("{\"a\" 1}", "invalid character '1' after object key");
    fails("{\"a\":1} x", "invalid character 'x' after top-level value");
    fails("[]", "json: cannot unmarshal array into Go value of type internal.tokenJSON");
    fails("\"tok\"", "json: cannot unmarshal string into Go value of type internal.tokenJSON");
  }

  private static void fails(String in, String want) {
    assertThatThrownBy(() -> FlatJson.parseObject(in)).as(in).isInstanceOf(IllegalArgumentException.class).hasMessage(want);
  }
}
