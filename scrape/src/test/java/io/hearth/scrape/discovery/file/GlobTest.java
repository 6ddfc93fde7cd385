package io.hearth.scrape.discovery.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlobTest {
  @Test
  void matchesAsGoFilepathMatch() throws Exception {
    // Cases from Go's path/filepath match tests.
    check("abc", "abc", true);
    check("*", "abc", true);
    check("*c", "abc", true);
    check("a*", "a", true);
    check("a*", "abc", true);
    check("a*", "ab/c", false);
    check("a*/b", "abc/b", true);
    check("a*b*c*d*e*/f", "axbxcxdxe/f", true);
    check("ab[c]", "abc", true);
    check("ab[b-d]", "abc", true);
    check("ab[e-g]", "abc", false);
    check("ab[^c]", "abc", false);
    check("ab[^b-d]", "abe", true);
    check("a\\*b", "a*b", true);
    check("a\\*b", "ab", false);
    check("a?b", "a☺b", true);
    check("a[^a]b", "a☺b", true);
    check("a???b", "a☺b", false);
    check("[\\-]", "-", true);
    check("[x\\-]", "z", false);
    check("*.json", "targets.json", true);
    check("*.json", "targets.yml", false);
    bad("[]a]");
    bad("[-]");
    bad("[x-]");
    bad("a[");
    bad("a\\");
    bad("[a-b-c]");
  }

  private static void check(String pattern, String name, boolean want) throws Exception {
    assertThat(Glob.matches(pattern, name)).as("%s ~ %s", pattern, name).isEqualTo(want);
  }

  private static void bad(String pattern) {
    assertThatThrownBy(() -> Glob.compile(pattern)).as(pattern).hasMessage("syntax error in pattern");
  }

  @Test
  void expandsTheLastElementSortedAndKeepsLiteralPathsThatExist(@TempDir Path dir) throws Exception {
    for (String name : new String[] {"b.yml", "a.yml", "c.json", "d.yml.bak"}) {
      Files.writeString(dir.resolve(name), "");
    }
    assertThat(Glob.expand(dir + "/*.yml")).containsExactly(dir + "/a.yml", dir + "/b.yml");
    assertThat(Glob.expand(dir + "/c.json")).containsExactly(dir + "/c.json");
    assertThat(Glob.expand(dir + "/missing.json")).isEmpty();
    assertThat(Glob.expand(dir + "/nodir/*.json")).isEmpty();
  }
}
