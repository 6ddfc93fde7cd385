package io.hearth.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.HttpMethod;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterTest {
  private static final Handler NOTHING = (req, res) -> {};

  private final Router router = new Router()
      .add(HttpMethod.GET, "/api/v1/labels", NOTHING)
      .add(HttpMethod.GET, "/api/v1/label/:name/values", NOTHING)
      .add(HttpMethod.POST, "/api/v1/label/:name/values", NOTHING);

  @Test
  void aPatternCapturesItsSegmentAndCountsUnderThePattern() {
    Router.Route r = router.find(HttpMethod.GET, "/api/v1/label/job/values");
    assertThat(r.label()).isEqualTo("/api/v1/label/:name/values");
    assertThat(r.params()).isEqualTo(Map.of("name", "job"));
  }

  @Test
  void exactPathsCaptureNothing() {
    assertThat(router.find(HttpMethod.GET, "/api/v1/labels").params()).isEmpty();
  }

  @Test
  void aPatternNeedsEveryFixedSegmentAndANonEmptyParameter() {
    assertThat(router.find(HttpMethod.GET, "/api/v1/label//values")).isNull();
    assertThat(router.find(HttpMethod.GET, "/api/v1/label/job/value")).isNull();
    assertThat(router.find(HttpMethod.GET, "/api/v1/label/job/values/x")).isNull();
    assertThat(router.allowed("/api/v1/label/job/value")).isEmpty();
  }

  @Test
  void anotherMethodOnAPatternIsKnownButNotAllowed() {
    assertThat(router.find(HttpMethod.DELETE, "/api/v1/label/job/values")).isNull();
    assertThat(router.allowed("/api/v1/label/job/values")).containsExactly(HttpMethod.GET, HttpMethod.POST);
  }

  @Test
  void labelsListPatternsOnce() {
    assertThat(router.labels()).containsExactly("/api/v1/labels", "/api/v1/label/:name/values");
  }
}
