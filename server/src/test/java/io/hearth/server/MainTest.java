package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) throws Exception {
    return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void helpListsTheFlags() throws Exception {
    assertThat(run("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("--storage.tsdb.path=DIR");
  }

  @Test
  void versionPrintsTheVersion() throws Exception {
    assertThat(run("--version")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("hearth, version ");
  }

  @Test
  void aMisspeltFlagIsAnError() throws Exception {
    assertThat(run("--storage.tsdb.pth=x")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--storage.tsdb.pth=x");
  }

  @Test
  void aMalformedQueryFlagIsAnErrorThatNamesIt() throws Exception {
    assertThat(run("--query.timeout=soon")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("for flag --query.timeout");
  }
}
