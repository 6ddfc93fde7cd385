package io.hearth.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormDecoderTest {
  private static void check(String in, Map<String, List<String>> want) {
    Map<String, List<String>> got = new LinkedHashMap<>();
    FormDecoder.decode(in, got);
    assertThat(got).as(in).isEqualTo(want);
  }

  @Test
  void decodesAsGoParseQuery() {
    check("query=up&time=1", Map.of("query", List.of("up"), "time", List.of("1")));
    check("query=rate(x%5B5m%5D)+%2B+1", Map.of("query", List.of("rate(x[5m]) + 1")));
    check("match[]=a&match[]=b", Map.of("match[]", List.of("a", "b")));
    check("flag&x=", Map.of("flag", List.of(""), "x", List.of("")));
    check("a=1&&b=2", Map.of("a", List.of("1"), "b", List.of("2")));
    check("q=%E2%82%AC", Map.of("q", List.of("€")));
  }

  @Test
  void dropsPairsGoRefuses() {
    check("a=1;b=2&c=3", Map.of("c", List.of("3")));
    check("a=%zz&b=%4", Map.of());
  }

  @Test
  void bodyValuesComeBeforeQueryValues() {
    Request r = Request.of(io.netty.handler.codec.http.HttpMethod.POST, "/", io.netty.handler.codec.http.EmptyHttpHeaders.INSTANCE,
        "query=fromUrl", "query=fromBody");
    assertThat(r.formValue("query")).isEqualTo("fromBody");
    assertThat(r.formValues("query")).containsExactly("fromBody", "fromUrl");
    assertThat(r.formValue("absent")).isEmpty();
  }
}
