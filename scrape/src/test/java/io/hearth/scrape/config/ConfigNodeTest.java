package io.hearth.scrape.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigNodeTest {
  private static ConfigNode root(String yaml) {
    return ConfigFile.compose(yaml, new ConfigSource("t.yml", Path.of("/base")));
  }

  @Test
  void childrenKnowTheirPathAndPosition() {
    ConfigMapping m = root("a:\n  b:\n    - x\n    - {c: 5s}\n").asMapping("T");
    ConfigNode c = m.mapping("a", "A").list("b").get(1).asMapping("C").get("c");
    assertThat(c.path()).isEqualTo("a.b[1].c");
    assertThat(c.line()).isEqualTo(4);
    assertThat(c.column()).isEqualTo(11);
    assertThat(c.asDuration()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.error("bad").getMessage()).isEqualTo("t.yml:4:11: a.b[1].c: bad");
  }

  @Test
  void typedReadersWithDefaultsAndGoNulls() {
    ConfigMapping m = root("""
        s: text
        n: ~
        b: true
        u: 42
        f: 1.5
        d: 1m
        z: 2KiB
        l: [a, b]
        m: {k: v}
        """).asMapping("T");
    assertThat(m.string("s", "d")).isEqualTo("text");
    assertThat(m.string("n", "d")).isEmpty();
    assertThat(m.string("absent", "d")).isEqualTo("d");
    assertThat(m.bool("b", false)).isTrue();
    assertThat(m.uint("u", 0)).isEqualTo(42);
    assertThat(m.floating("f", 0)).isEqualTo(1.5);
    assertThat(m.duration("d", Duration.ZERO)).isEqualTo(Duration.ofMinutes(1));
    assertThat(m.bytes("z", 0)).isEqualTo(2048);
    assertThat(m.stringList("l")).containsExactly("a", "b");
    assertThat(m.stringMap("m")).isEqualTo(Map.of("k", "v"));
    assertThat(m.mapping("absent", "X")).isNull();
    m.finish();
  }

  @Test
  void finishRejectsUnreadKeysInDocumentOrder() {
    ConfigMapping m = root("known: 1\nfirst: 2\nsecond: 3\n").asMapping("pkg.Type");
    m.uint("known", 0);
    assertThatThrownBy(m::finish)
        .hasMessage("t.yml:2:1: first: field first not found in type pkg.Type");
  }

  @Test
  void shapeMismatches() {
    ConfigMapping m = root("l: x\nm: [1]\ns: {a: 1}\n").asMapping("T");
    assertThatThrownBy(() -> m.list("l")).hasMessage("t.yml:1:4: l: cannot unmarshal !!str `x` into a list");
    assertThatThrownBy(() -> m.mapping("m", "M")).hasMessage("t.yml:2:4: m: cannot unmarshal !!seq into a mapping");
    assertThatThrownBy(() -> m.string("s", "")).hasMessage("t.yml:3:4: s: cannot unmarshal !!map into string");
  }

  @Test
  void duplicateKeysNameBothLines() {
    assertThatThrownBy(() -> root("a: 1\nb: 2\na: 3\n").asMapping("T"))
        .hasMessage("t.yml:3:1: a: mapping key \"a\" already defined at line 1");
  }

  @Test
  void mergeKeysGiveWayToExplicitKeys() {
    ConfigMapping m = root("""
        base: &b {x: 1, y: 2}
        other: &o {y: 3, z: 4}
        merged:
          <<: [*b, *o]
          x: 9
        """).asMapping("T");
    m.get("base");
    m.get("other");
    assertThat(m.get("merged").asStringMap()).isEqualTo(Map.of("x", "9", "y", "2", "z", "4"));
  }

  @Test
  void emptyDocumentIsAnEmptyMapping() {
    ConfigNode r = root("");
    assertThat(r.isNull()).isTrue();
    assertThat(r.asMapping("T").keys()).isEmpty();
    assertThat(r.asList()).isEqualTo(List.of());
  }

  @Test
  void relativePathsResolveAgainstTheSource() {
    ConfigSource s = new ConfigSource("t.yml", Path.of("/etc/p"));
    assertThat(s.resolve("")).isEmpty();
    assertThat(s.resolve("a/b.pem")).isEqualTo("/etc/p/a/b.pem");
    assertThat(s.resolve("../x")).isEqualTo("/etc/x");
    assertThat(s.resolve("/abs")).isEqualTo("/abs");
  }
}
