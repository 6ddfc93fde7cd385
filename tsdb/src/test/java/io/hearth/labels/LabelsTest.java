package io.hearth.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelsTest {
  @Test
  void sortsByNameWhateverTheInputOrder() {
    Labels a = Labels.of("job", "node", "__name__", "up", "instance", "h:9100");
    assertThat(a.toString()).isEqualTo("{__name__=\"up\", instance=\"h:9100\", job=\"node\"}");
    assertThat(a).isEqualTo(Labels.of("instance", "h:9100", "job", "node", "__name__", "up"));
    assertThat(a.hash()).isEqualTo(Labels.of("instance", "h:9100", "job", "node", "__name__", "up").hash());
    assertThat(a.metricName()).isEqualTo("up");
  }

  @Test
  void absentLabelReadsAsEmpty() {
    Labels a = Labels.of("a", "1");
    assertThat(a.get("b")).isEmpty();
    assertThat(a.has("b")).isFalse();
    assertThat(a.has("a")).isTrue();
  }

  @Test
  void emptyValueDeletesTheLabelAndLastValueWins() {
    assertThat(Labels.of("a", "1", "b", "")).isEqualTo(Labels.of("a", "1"));
    assertThat(Labels.of("a", "1", "a", "2")).isEqualTo(Labels.of("a", "2"));
    assertThat(Labels.of("a", "")).isSameAs(Labels.EMPTY);
  }

  @Test
  void differentSetsDiffer() {
    assertThat(Labels.of("a", "1")).isNotEqualTo(Labels.of("a", "2"));
    assertThat(Labels.of("a", "1")).isNotEqualTo(Labels.of("b", "1"));
    assertThat(Labels.of("a", "1")).isNotEqualTo(Labels.of("a", "1", "b", "1"));
    // Name/value boundaries matter: {ab="c"} is not {a="bc"}.
    assertThat(Labels.of("ab", "c").hash()).isNotEqualTo(Labels.of("a", "bc").hash());
    // Strings with equal String.hashCode ("Aa", "BB") must not make equal label hashes.
    assertThat(Labels.of("a", "Aa").hash()).isNotEqualTo(Labels.of("a", "BB").hash());
  }

  @Test
  void ordersLabelByLabelWithPrefixFirst() {
    assertThat(Labels.of("a", "1").compareTo(Labels.of("a", "1", "b", "1"))).isNegative();
    assertThat(Labels.of("a", "2").compareTo(Labels.of("a", "1", "b", "1"))).isPositive();
    assertThat(Labels.of("a", "1", "c", "1").compareTo(Labels.of("a", "1", "b", "1"))).isPositive();
    assertThat(Labels.of("a", "1").compareTo(Labels.of("a", "1"))).isZero();
  }

  @Test
  void escapesValuesLikePrometheus() {
    assertThat(Labels.of("a", "x\"y\\z\nw").toString()).isEqualTo("{a=\"x\\\"y\\\\z\\nw\"}");
  }

  @Test
  void internSharesStringInstances() {
    SymbolTable symbols = new SymbolTable();
    Labels a = Labels.of("job", new String("node")).intern(symbols);
    Labels b = Labels.of("job", new String("node")).intern(symbols);
    assertThat(a.value(0)).isSameAs(b.value(0));
    assertThat(a.name(0)).isSameAs(b.name(0));
    assertThat(symbols.size()).isEqualTo(2);
  }

  @Test
  void builderEditsACopy() {
    Labels a = Labels.of("a", "1", "b", "2");
    Labels b = a.toBuilder().set("c", "3").delete("a").build();
    assertThat(b).isEqualTo(Labels.of("b", "2", "c", "3"));
    assertThat(a).isEqualTo(Labels.of("a", "1", "b", "2"));
  }

  @Test
  void fromMapAndToListRoundTrip() {
    Labels a = Labels.fromMap(Map.of("z", "1", "y", "2"));
    assertThat(a.toList()).containsExactly(new Label("y", "2"), new Label("z", "1"));
  }

  @Test
  void rejectsOddArgumentsAndEmptyNames() {
    assertThatThrownBy(() -> Labels.of("a")).hasMessageContaining("name/value pairs");
    assertThatThrownBy(() -> Labels.of("", "x")).hasMessageContaining("label name must not be empty");
  }
}
