package io.hearth.scrape.discovery.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.labels.Labels;
import io.hearth.scrape.discovery.TargetGroup;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetGroupDecoderTest {
  static final String VALID_JSON = """
      [
        {"targets": ["localhost:9090", "example.org:443"], "labels": {"foo": "bar"}},
        {"targets": ["my.domain"]}
      ]
      """;
  static final String VALID_YAML = """
      - targets: ['localhost:9090', 'example.org:443']
        labels:
          foo: bar

      - targets: ['my.domain']
      """;

  /** What upstream's fixtures/valid.{json,yml} decode to. */
  static List<TargetGroup> validGroups(String path) {
    return List.of(
        new TargetGroup(path + ":0",
            List.of(Labels.of("__address__", "localhost:9090"), Labels.of("__address__", "example.org:443")),
            Labels.of("foo", "bar", "__meta_filepath", path)),
        new TargetGroup(path + ":1", List.of(Labels.of("__address__", "my.domain")),
            Labels.of("__meta_filepath", path)));
  }

  @Test
  void validFilesDecodeToGroupsWithSourceAndFilepath() throws Exception {
    assertThat(TargetGroupDecoder.decode("/sd/a.json", VALID_JSON)).isEqualTo(validGroups("/sd/a.json"));
    assertThat(TargetGroupDecoder.decode("/sd/a.yml", VALID_YAML)).isEqualTo(validGroups("/sd/a.yml"));
    assertThat(TargetGroupDecoder.decode("/sd/a.YAML", VALID_YAML)).isEqualTo(validGroups("/sd/a.YAML"));
  }

  @Test
  void emptyOrNullContentHasNoGroups() throws Exception {
    assertThat(TargetGroupDecoder.decode("a.json", "null")).isEmpty();
    assertThat(TargetGroupDecoder.decode("a.json", " [ ] ")).isEmpty();
    assertThat(TargetGroupDecoder.decode("a.yml", "")).isEmpty();
    assertThat(TargetGroupDecoder.decode("a.yml", "# only a comment\n")).isEmpty();
  }

  @Test
  void goDecodingQuirksAreKept() throws Exception {
    // encoding/json matches field names without regard to case; yaml.v2 reads any scalar as text.
    assertThat(TargetGroupDecoder.decode("a.json", "[{\"Targets\": [\"h:1\"], \"LABELS\": {\"a\": \"b\"}}]"))
        .containsExactly(new TargetGroup("a.json:0", List.of(Labels.of("__address__", "h:1")),
            Labels.of("a", "b", "__meta_filepath", "a.json")));
    assertThat(TargetGroupDecoder.decode("a.yml", "- targets: [9090, true]\n  labels: {port: 0x1F}\n"))
        .containsExactly(new TargetGroup("a.yml:0",
            List.of(Labels.of("__address__", "9090"), Labels.of("__address__", "true")),
            Labels.of("port", "0x1F", "__meta_filepath", "a.yml")));
    // A group without targets is a group all the same: it says its source has none.
    assertThat(TargetGroupDecoder.decode("a.yml", "- labels: {a: b}\n"))
        .containsExactly(new TargetGroup("a.yml:0", List.of(), Labels.of("a", "b", "__meta_filepath", "a.yml")));
    // UTF-8 label names are valid in Prometheus 3.
    assertThat(TargetGroupDecoder.decode("a.json", "[{\"labels\": {\"service.name\": \"x\"}}]").getFirst().labels().get("service.name"))
        .isEqualTo("x");
  }

  @Test
  void invalidFilesFailWithUpstreamWords() {
    check("a.json", "[{\"targets\": [\"a\"]}, null]", "nil target group item found");
    check("a.yml", "- targets: ['a']\n- null\n", "nil target group item found");
    check("a.json", "[{\"targets\": [9090]}]", "json: cannot unmarshal number into Go struct field .targets of type string");
    check("a.json", "[{\"targets\": \"a:1\"}]", "json: cannot unmarshal string into Go struct field .targets of type []string");
    check("a.json", "[{\"labels\": {\"\": \"x\"}}]", "\"\" is not a valid label name");
    check("a.json", "[{\"labels\": {\"a\": 1}}]", "json: cannot unmarshal number into Go struct field .labels of type model.LabelValue");
    check("a.json", "[{\"labels\": []}]",
        "json: cannot unmarshal array into Go struct field .labels of type map[model.LabelName]model.LabelValue");
    check("a.json", "[{\"targetz\": []}]", "json: unknown field \"targetz\"");
    check("a.json", "{\"targets\": []}", "json: cannot unmarshal object into Go value of type []*targetgroup.Group");
    check("a.json", "[\"a\"]", "json: cannot unmarshal string into Go value of type struct { Targets []string "
        + "\"json:\\\"targets\\\"\"; Labels model.LabelSet \"json:\\\"labels\\\"\" }");
    check("a.json", "", "unexpected end of JSON input");
    check("a.json", "[{\"targets\": [\"a\"]}", "unexpected end of JSON input");
    check("a.json", "]gibberish\n][", "invalid character ']' looking for beginning of value");
    check("a.json", "[1 2]", "invalid character '2' after array element");
    check("a.json", "[{\"a\" 1}]", "invalid character '1' after object key");
    check("a.json", "[{a: 1}]", "invalid character 'a' looking for beginning of object key string");
    check("a.json", "[] x", "invalid character 'x' after top-level value");
    check("a.json", "[nul]", "invalid character ']' in literal null (expecting 'l')");
    check("a.json", "[".repeat(10001) + "]".repeat(10001), "invalid character '[' exceeded max depth");
    check("a.json", "[".repeat(10000) + "]".repeat(10000), "json: cannot unmarshal array into Go value of type "
        + "struct { Targets []string \"json:\\\"targets\\\"\"; Labels model.LabelSet \"json:\\\"labels\\\"\" }");
    check("a.yml", "- targets: [{a: b}]\n", "yaml: unmarshal errors:\n  line 1: cannot unmarshal !!map into string");
    check("a.yml", "- targets: ['a']\n  labels:\n    a: [1]\n",
        "yaml: unmarshal errors:\n  line 3: cannot unmarshal !!seq into model.LabelValue");
    check("a.yml", "- labels: {'': x}\n", "\"\" is not a valid label name");
    check("a.yml", "- targets: []\n  targets: []\n", "yaml: unmarshal errors:\n  line 2: key \"targets\" already set in map");
    check("a.yml", "targets: []\n", "yaml: unmarshal errors:\n  line 1: cannot unmarshal !!map into []*targetgroup.Group");
    check("a.yml", "- targets\n", "yaml: unmarshal errors:\n  line 1: cannot unmarshal !!str `targets` into struct { Targets "
        + "[]string \"yaml:\\\"targets\\\"\"; Labels model.LabelSet \"yaml:\\\"labels\\\"\" }");
    check("a.yml", "- foo: 1\n", "yaml: unmarshal errors:\n  line 1: field foo not found in type struct { Targets "
        + "[]string \"yaml:\\\"targets\\\"\"; Labels model.LabelSet \"yaml:\\\"labels\\\"\" }");
  }

  private static void check(String path, String content, String wantError) {
    assertThatThrownBy(() -> TargetGroupDecoder.decode(path, content))
        .as("%s: %s", path, content)
        .isInstanceOf(TargetGroupDecoder.InvalidFileException.class)
        .hasMessage(wantError);
  }

  @Test
  void yamlSyntaxErrorsNameTheLine() {
    assertThatThrownBy(() -> TargetGroupDecoder.decode("a.yml", "- targets: ['a'\n- b\n"))
        .isInstanceOf(TargetGroupDecoder.InvalidFileException.class)
        .hasMessageStartingWith("yaml: line ");
  }
}
