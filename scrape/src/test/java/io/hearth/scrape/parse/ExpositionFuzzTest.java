package io.hearth.scrape.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.labels.LabelsBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Mutated real payloads: the parsers may reject them, but only with an ExpositionException. */
class ExpositionFuzzTest {
  private static final byte[] ALPHABET = "{}=,\"\\# \t\n\u0000ab_:.0123456789eE+-pxInfNa_createdTYPEHELPUNITEOF"
      .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

  @Test
  void mutatedFixturesOnlyEverThrowExpositionException() throws IOException {
    long seed = System.nanoTime();
    SplittableRandom r = new SplittableRandom(seed);
    List<Path> files = ExpositionFixturesTest.payloads().stream()
        .filter(f -> ExpositionFixturesTest.read(f).length < 100_000).toList();
    PromTextParser text = new PromTextParser();
    OpenMetricsParser om = new OpenMetricsParser();
    OpenMetricsParser omSt = new OpenMetricsParser(true);
    LabelsBuilder lb = new LabelsBuilder();
    Exemplar ex = new Exemplar();
    long deadline = System.nanoTime() + 20_000_000_000L;
    int runs = 0;
    for (; runs < 5_000 && System.nanoTime() < deadline; runs++) {
      byte[] b = mutate(ExpositionFixturesTest.read(files.get(r.nextInt(files.size()))), r);
      for (ExpositionParser p : new ExpositionParser[] {text, om, omSt}) {
        try {
          drain(p, b, lb, ex);
        } catch (ExpositionException expected) {
          assertThat(expected.getMessage()).as("seed %d", seed).startsWith("line ");
        } catch (RuntimeException | StackOverflowError e) {
          throw new AssertionError("seed " + seed + " run " + runs + " parser "
              + p.getClass().getSimpleName() + " input:\n" + new String(b, java.nio.charset.StandardCharsets.ISO_8859_1), e);
        }
      }
    }
    assertThat(runs).isGreaterThan(100);
  }

  private static void drain(ExpositionParser p, byte[] b, LabelsBuilder lb, Exemplar ex) {
    p.reset(b, b.length);
    int steps = 0;
    for (Entry e = p.next(); e != Entry.EOF; e = p.next()) {
      if (++steps > 1_000_000) {
        throw new IllegalStateException("parser does not advance");
      }
      switch (e) {
        case SERIES -> {
          lb.reset();
          p.labels(lb);
          lb.build();
          p.seriesBytes();
          p.startTimestamp();
          while (p.exemplar(ex)) {
            // drain
          }
        }
        case HELP -> p.help();
        case TYPE -> p.type();
        case UNIT -> p.unit();
        case COMMENT -> p.comment();
        default -> {}
      }
    }
  }

  private static byte[] mutate(byte[] in, SplittableRandom r) {
    byte[] b = in.clone();
    int cut = r.nextInt(4) == 0 ? r.nextInt(b.length + 1) : b.length;
    b = java.util.Arrays.copyOf(b, cut);
    int n = 1 + r.nextInt(8);
    for (int k = 0; k < n && b.length > 0; k++) {
      int at = r.nextInt(b.length);
      switch (r.nextInt(3)) {
        case 0 -> b[at] = ALPHABET[r.nextInt(ALPHABET.length)];
        case 1 -> b[at] = (byte) r.nextInt(256);
        default -> {
          byte[] c = new byte[b.length + 1];
          System.arraycopy(b, 0, c, 0, at);
          c[at] = ALPHABET[r.nextInt(ALPHABET.length)];
          System.arraycopy(b, at, c, at + 1, b.length - at);
          b = c;
        }
      }
    }
    return b;
  }
}
