package io.hearth.scrape.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerTrustManagerTest {
  @Test
  void matchesHostnamesAsGo() {
    check("example.com", "example.com", true);
    check("Example.COM", "example.com", true);
    check("example.com.", "example.com", true);
    check("*.example.com", "a.example.com", true);
    check("*.example.com", "example.com", false);
    check("*.example.com", "a.b.example.com", false);
    check("a.*.com", "a.b.com", false);
    check("", "example.com", false);
    check("example.com", "", false);
  }

  private static void check(String pattern, String host, boolean want) {
    assertThat(ServerTrustManager.matchHostnames(pattern, host))
        .as(pattern + " vs " + host)
        .isEqualTo(want);
  }
}
