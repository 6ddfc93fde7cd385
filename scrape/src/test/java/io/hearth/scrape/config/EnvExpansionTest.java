package io.hearth.scrape.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvExpansionTest {
  private static final Map<String, String> ENV = Map.of("REGION", "eu-west", "N", "7", "1", "one");

  private static void check(String in, String want) {
    assertThat(EnvExpansion.expand(in, ENV::get)).as(in).isEqualTo(want);
  }

  @Test
  void expandsLikeGoOsExpand() {
    check("plain", "plain");
    check("${REGION}", "eu-west");
    check("$REGION", "eu-west");
    check("dc-${REGION}-${N}", "dc-eu-west-7");
    check("$REGION.x", "eu-west.x");
    check("$REGIONS", "");
    check("${UNSET}", "");
    check("$$", "$");
    check("cost$$5", "cost$5");
    check("$1x", "onex");
    check("${1}", "one");
    check("a$", "a$");
    check("$-", "");
    check("$.", "$.");
    check("${}", "");
    check("${REGION", "REGION");
    check("100%", "100%");
  }
}
