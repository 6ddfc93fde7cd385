package io.hearth.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ListenAddressTest {
  private static void check(String in, String host, int port) {
    assertThat(ListenAddress.parse(in)).as(in).isEqualTo(new ListenAddress(host, port));
  }

  @Test
  void parsesHostAndPortAsGo() {
    check("0.0.0.0:9090", "0.0.0.0", 9090);
    check(":9090", "", 9090);
    check("localhost:80", "localhost", 80);
    check("[::1]:9090", "::1", 9090);
    check("127.0.0.1:0", "127.0.0.1", 0);
  }

  @Test
  void refusesAddressesWithoutAPort() {
    assertThatThrownBy(() -> ListenAddress.parse("9090")).hasMessage("address 9090: missing port in address");
    assertThatThrownBy(() -> ListenAddress.parse("::1:9090")).hasMessage("address ::1:9090: too many colons in address");
    assertThatThrownBy(() -> ListenAddress.parse("host:http")).hasMessage("address host:http: invalid port \"http\"");
  }

  @Test
  void anEmptyHostBindsEveryInterface() {
    assertThat(ListenAddress.parse(":9090").toSocketAddress().getAddress().isAnyLocalAddress()).isTrue();
  }
}
