package io.hearth.labels;

/** One name/value pair of a series' label set. */
public record Label(String name, String value) {
  public Label {
    if (name == null || value == null) {
      throw new IllegalArgumentException("label name and value must not be null, got " + name + "=" + value);
    }
  }
}
