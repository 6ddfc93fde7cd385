package io.hearth.scrape.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlobTest {
  @Test
  void matchesLikeGoFilepathGlob(@TempDir Path dir) throws IOException {
    for (String f : new String[] {"b.yml", "a.yml", "c.yaml", ".hidden.yml", "x1.json", "d/e.yml"}) {
      Files.createDirectories(dir.resolve(f).getParent());
      Files.writeString(dir.resolve(f), "");
    }
    assertThat(Glob.expand(dir + "/*.yml")).containsExactly(dir.resolve(".hidden.yml"),
        dir.resolve("a.yml"), dir.resolve("b.yml"));
    assertThat(Glob.expand(dir + "/[ab].y?l")).containsExactly(dir.resolve("a.yml"),
        dir.resolve("b.yml"));
    assertThat(Glob.expand(dir + "/[^ab].yaml")).containsExactly(dir.resolve("c.yaml"));
    assertThat(Glob.expand(dir + "/x[0-9].json")).containsExactly(dir.resolve("x1.json"));
    assertThat(Glob.expand(dir + "/*/*.yml")).containsExactly(dir.resolve("d/e.yml"));
    assertThat(Glob.expand(dir + "/a.yml")).containsExactly(dir.resolve("a.yml"));
    assertThat(Glob.expand(dir + "/none.yml")).isEmpty();
    assertThat(Glob.expand(dir + "/missing/*.yml")).isEmpty();
    assertThatThrownBy(() -> Glob.expand(dir + "/[ab.yml")).hasMessage("syntax error in pattern");
  }
}
