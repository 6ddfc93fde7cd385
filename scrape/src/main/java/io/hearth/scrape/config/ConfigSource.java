package io.hearth.scrape.config;

import java.nio.file.Path;

/**
 * Where a YAML document came from: the name used in error messages and the directory that relative
 * file paths in it are resolved against, as Prometheus's {@code SetDirectory} does.
 */
public record ConfigSource(String fileName, Path baseDir) {
  /**
   * {@code path} joined onto the base directory unless it is empty or absolute, then normalised
   * (Go's {@code filepath.Join} cleans {@code ..} and {@code .} the same way).
   */
  public String resolve(String path) {
    if (path.isEmpty() || baseDir == null) {
      return path;
    }
    Path p = Path.of(path);
    if (p.isAbsolute()) {
      return path;
    }
    return baseDir.resolve(p).normalize().toString();
  }
}
