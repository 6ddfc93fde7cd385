package io.hearth.server.web;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** File reads whose failures read like Go's {@code os.ReadFile} errors, as the toolkit reports them. */
final class GoFiles {
  private GoFiles() {}

  /** The file's bytes. @throws IOException whose message is Go's wording */
  static byte[] read(String path) throws IOException {
    Path p = Path.of(path);
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new IOException(describe("open", p, e), e);
    }
  }

  /** {@code open /x: no such file or directory} and the like. */
  static String describe(String op, Path p, IOException e) {
    if (e instanceof NoSuchFileException) {
      return op + " " + p + ": no such file or directory";
    }
    if (e instanceof AccessDeniedException) {
      return op + " " + p + ": permission denied";
    }
    if (Files.isDirectory(p)) {
      return "read " + p + ": is a directory";
    }
    return op + " " + p + ": " + e.getMessage();
  }
}
