package io.hearth.scrape.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A credential given inline or as a file. Files are read on every {@link #read()}, as Prometheus
 * does, so a rotated token (a Kubernetes service-account token, a renewed password) is used from
 * the next request on; file content is trimmed of surrounding whitespace.
 */
record Secret(String inline, String file) {
  /** The secret from the inline value if set, else the file if set, else null (unset). */
  static Secret of(String inline, String file) {
    if (inline != null && inline.isEmpty() == false) {
      return new Secret(inline, "");
    }
    if (file != null && file.isEmpty() == false) {
      return new Secret("", file);
    }
    return null;
  }

  boolean isFile() {
    return file.isEmpty() == false;
  }

  String read() throws IOException {
    if (isFile() == false) {
      return inline;
    }
    return new String(readFile(file), StandardCharsets.UTF_8).strip();
  }

  /** "inline" or "file &lt;path&gt;", as Prometheus describes a secret in errors. */
  String description() {
    return isFile() ? "file " + file : "inline";
  }

  /** Reads a whole file, failing with Go's wording ("unable to read file f: open f: …"). */
  static byte[] readFile(String file) throws IOException {
    try {
      return Files.readAllBytes(Path.of(file));
    } catch (NoSuchFileException e) {
      throw new IOException(
          "unable to read file " + file + ": open " + file + ": no such file or directory", e);
    } catch (IOException e) {
      throw new IOException("unable to read file " + file + ": " + e.getMessage(), e);
    }
  }
}
