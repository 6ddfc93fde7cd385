package io.hearth.scrape.config;

/**
 * A configuration file that cannot be used, with where and why: the message reads {@code
 * prometheus.yml:12:5: scrape_configs[0].scrape_interval: not a valid duration string: "15x"}.
 * Line and column are 1-based, 0 when unknown; the field path is empty for whole-file problems.
 */
public final class ConfigException extends RuntimeException {
  private final String file;
  private final int line;
  private final int column;
  private final String path;
  private final String reason;

  public ConfigException(String file, int line, int column, String path, String reason) {
    super(render(file, line, column, path, reason));
    this.file = file;
    this.line = line;
    this.column = column;
    this.path = path;
    this.reason = reason;
  }

  private static String render(String file, int line, int column, String path, String reason) {
    StringBuilder b = new StringBuilder();
    if (!file.isEmpty()) {
      b.append(file).append(':');
    }
    if (line > 0) {
      b.append(line).append(':').append(column).append(':');
    }
    if (!b.isEmpty()) {
      b.append(' ');
    }
    if (!path.isEmpty()) {
      b.append(path).append(": ");
    }
    return b.append(reason).toString();
  }

  public String file() {
    return file;
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }

  /** The YAML field path, e.g. {@code scrape_configs[0].tls_config.ca_file}. */
  public String path() {
    return path;
  }

  /** The message without the position, as Prometheus words it where it has a word. */
  public String reason() {
    return reason;
  }
}
