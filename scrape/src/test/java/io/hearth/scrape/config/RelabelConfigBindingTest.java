package io.hearth.scrape.config;

import io.hearth.labels.NameValidation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.scrape.relabel.Action;
import io.hearth.scrape.relabel.RelabelConfig;
import io.hearth.scrape.relabel.RelabelRegex;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RelabelConfigBindingTest {
  private static ConfigNode node(String yaml) {
    return ConfigFile.compose(yaml, new ConfigSource("r.yml", Path.of("/")));
  }

  private static RelabelConfig bind(String yaml, NameValidation scheme) {
    return RelabelConfigBinding.bind(node(yaml), scheme);
  }

  private static void check(String yaml, RelabelConfig want) {
    assertThat(bind(yaml, NameValidation.UTF8)).as(yaml).isEqualTo(want);
  }

  private static void fails(String yaml, String reason) {
    fails(yaml, NameValidation.UTF8, reason);
  }

  private static void fails(String yaml, NameValidation scheme, String reason) {
    assertThatThrownBy(() -> bind(yaml, scheme)).as(yaml).isInstanceOf(ConfigException.class)
        .extracting(e -> ((ConfigException) e).reason()).isEqualTo(reason);
  }

  private static RelabelConfig rule(List<String> sources, String sep, String regex, long mod,
      String target, String replacement, Action action) {
    return new RelabelConfig(sources, sep, RelabelRegex.compile(regex), mod, target, replacement,
        action);
  }

  @Test
  void defaults() {
    check("target_label: x", rule(List.of(), ";", "(.*)", 0, "x", "$1", Action.REPLACE));
    assertThat(bind("target_label: x", NameValidation.UTF8).regex())
        .isSameAs(RelabelRegex.DEFAULT);
  }

  @Test
  void fieldsAsWritten() {
    check("{source_labels: [a, b], separator: '-', regex: 'f(o+)', target_label: t,"
            + " replacement: '${1}x', action: Replace}",
        rule(List.of("a", "b"), "-", "f(o+)", 0, "t", "${1}x", Action.REPLACE));
    check("{source_labels: [a], modulus: 8, target_label: t, action: HASHMOD}",
        rule(List.of("a"), ";", "(.*)", 8, "t", "$1", Action.HASHMOD));
    check("{regex: 'tmp_.*', action: labeldrop}",
        rule(List.of(), ";", "tmp_.*", 0, "", "$1", Action.LABELDROP));
    check("{source_labels: [a], target_label: b, action: keepequal}",
        rule(List.of("a"), ";", "(.*)", 0, "b", "$1", Action.KEEPEQUAL));
    check("{regex: '__meta_(.+)', action: labelmap}",
        rule(List.of(), ";", "__meta_(.+)", 0, "", "$1", Action.LABELMAP));
  }

  @Test
  void explicitNullsAreEmpty() {
    check("{regex: ~, action: keep}", rule(List.of(), ";", "", 0, "", "$1", Action.KEEP));
    check("{separator: ~, replacement: ~, target_label: t}",
        rule(List.of(), "", "(.*)", 0, "t", "", Action.REPLACE));
  }

  @Test
  void validationErrors() {
    fails("action: foo", "unknown relabel action \"foo\"");
    fails("action: ''", "unknown relabel action \"\"");
    fails("{action: ~, target_label: x}", "relabel action cannot be empty");
    fails("{action: hashmod, target_label: x}",
        "relabel configuration for hashmod requires non-zero modulus");
    for (String a : List.of("replace", "hashmod", "lowercase", "uppercase", "keepequal",
        "dropequal")) {
      fails("{action: " + a + ", modulus: 2}",
          "relabel configuration for " + a + " action requires 'target_label' value");
    }
    fails("{target_label: 'a-b'}", NameValidation.LEGACY,
        "\"a-b\" is invalid 'target_label' for replace action");
    fails("{target_label: '${1}-x'}", NameValidation.LEGACY,
        "\"${1}-x\" is invalid 'target_label' for replace action");
    fails("{action: lowercase, target_label: '1a'}", NameValidation.LEGACY,
        "\"1a\" is invalid 'target_label' for lowercase action");
    fails("{action: uppercase, target_label: a, replacement: x}",
        "'replacement' can not be set for uppercase action");
    fails("{action: labelmap, replacement: 'a-$1'}", NameValidation.LEGACY,
        "\"a-$1\" is invalid 'replacement' for labelmap action");
    fails("{action: labelmap, replacement: ''}",
        "\"\" is invalid 'replacement' for labelmap action");
    fails("{action: hashmod, modulus: 2, target_label: 'a b'}", NameValidation.LEGACY,
        "\"a b\" is invalid 'target_label' for hashmod action");
    for (String extra : List.of("regex: '(.*)'", "regex: x", "modulus: 1", "separator: ','")) {
      fails("{action: dropequal, target_label: a, " + extra + "}",
          "dropequal action requires only 'source_labels' and `target_label`, and no other fields");
    }
    for (String extra : List.of("source_labels: []", "target_label: a", "modulus: 1",
        "separator: ','", "replacement: x")) {
      fails("{action: labelkeep, " + extra + "}",
          "labelkeep action requires only 'regex', and no other fields");
    }
    fails("{source_labels: [''], target_label: a}", "\"\" is not a valid label name");
    fails("{regex: 'a(?=b)', target_label: a}",
        "error parsing regexp: invalid or unsupported Perl syntax: `(?=`");
    fails("{regex: '(a', target_label: a}", "error parsing regexp: missing closing ): `^(?s:(a)$`");
    fails("{target_label: a, modulus: -1}", "cannot unmarshal !!int `-1` into uint");
  }

  @Test
  void validUnderUtf8OrWithLegacyVariables() {
    assertThat(bind("{target_label: 'a-b.c'}", NameValidation.UTF8).targetLabel())
        .isEqualTo("a-b.c");
    assertThat(bind("{target_label: 'x_${1}_$name'}", NameValidation.LEGACY).targetLabel())
        .isEqualTo("x_${1}_$name");
    assertThat(bind("{action: labelmap, regex: 'a_(.*)', replacement: 'b_$1'}",
        NameValidation.LEGACY).replacement()).isEqualTo("b_$1");
    assertThat(bind("{source_labels: ~, action: labeldrop, regex: x}", NameValidation.UTF8)
        .action()).isEqualTo(Action.LABELDROP);
  }

  @Test
  void errorsPointAtTheRuleOrField() {
    assertThatThrownBy(() -> bind("\n  target_label: a\n  regex: '(a'\n", NameValidation.UTF8))
        .hasMessage("r.yml:3:10: regex: error parsing regexp: missing closing ): `^(?s:(a)$`");
  }
}
