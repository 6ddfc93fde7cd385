package io.hearth.scrape.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

class GzipDecoderTest {
  private final GzipDecoder decoder = new GzipDecoder();
  private final ScrapeBuffer out = new ScrapeBuffer(1);

  /** Decodes {@code gzip} fed in chunks of {@code chunk} bytes. */
  private String decode(byte[] gzip, int chunk, long limit) throws ScrapeException {
    decoder.reset();
    out.reset();
    for (int i = 0; i < gzip.length; i += chunk) {
      decoder.decode(
          ByteBuffer.wrap(gzip, i, Math.min(chunk, gzip.length - i)).slice(), out, limit);
    }
    decoder.finish();
    return new String(out.array(), 0, out.length(), StandardCharsets.UTF_8);
  }

  @Test
  void decodesAcrossEveryChunkBoundary() throws Exception {
    byte[] raw = randomText(50_000, 42);
    byte[] gzip = TestServer.gzip(raw);
    String want = new String(raw, StandardCharsets.UTF_8);
    for (int chunk : new int[] {1, 2, 3, 7, 10, 11, 512, 4096, gzip.length}) {
      assertThat(decode(gzip, chunk, Long.MAX_VALUE)).as("chunk " + chunk).isEqualTo(want);
    }
  }

  @Test
  void skipsOptionalHeaderFields() throws Exception {
    byte[] gzip = withAllHeaderFields("up 1\n".getBytes(StandardCharsets.UTF_8));
    for (int chunk : new int[] {1, 5, gzip.length}) {
      assertThat(decode(gzip, chunk, Long.MAX_VALUE)).isEqualTo("up 1\n");
    }
  }

  @Test
  void stopsAtTheLimit() throws Exception {
    byte[] gzip = TestServer.gzip(randomText(10_000, 1));
    assertThat(decode(gzip, 100, 10_001)).hasSize(10_000);
    assertThatThrownBy(() -> decode(gzip, 100, 10_000))
        .isInstanceOfSatisfying(
            ScrapeException.class, e -> assertThat(e.isBodySizeLimitExceeded()).isTrue());
    assertThat(out.length()).isEqualTo(10_000);
  }

  @Test
  void rejectsGarbageAfterAMember() throws Exception {
    byte[] gzip = TestServer.gzip("a".getBytes(StandardCharsets.UTF_8));
    byte[] trailing = java.util.Arrays.copyOf(gzip, gzip.length + 10);
    assertThatThrownBy(() -> decode(trailing, 4096, Long.MAX_VALUE))
        .hasMessage("gzip: invalid header");
    // Fewer bytes than a header: Go's io.ReadFull reports the short read first.
    byte[] short3 = java.util.Arrays.copyOf(gzip, gzip.length + 3);
    assertThatThrownBy(() -> decode(short3, 4096, Long.MAX_VALUE)).hasMessage("unexpected EOF");
  }

  @Test
  void rejectsCorruptDeflateData() throws Exception {
    byte[] gzip = TestServer.gzip(randomText(1000, 3));
    for (int i = 10; i < 20; i++) {
      gzip[i] = (byte) 0xff;
    }
    assertThatThrownBy(() -> decode(gzip, 4096, Long.MAX_VALUE))
        .hasMessageStartingWith("flate: corrupt input before offset ");
  }

  private static byte[] randomText(int n, long seed) {
    Random r = new Random(seed);
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (r.nextInt(8) == 0 ? '\n' : 'a' + r.nextInt(6));
    }
    return b;
  }

  /** A gzip member with FEXTRA, FNAME, FCOMMENT and FHCRC set. */
  private static byte[] withAllHeaderFields(byte[] raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0x02 | 0x04 | 0x08 | 0x10, 0, 0, 0, 0, 0, 3});
    out.writeBytes(new byte[] {3, 0, 'x', 'y', 'z'});
    out.writeBytes("name.txt\0".getBytes(StandardCharsets.US_ASCII));
    out.writeBytes("a comment\0".getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(new byte[] {0x12, 0x34});
    Deflater deflater = new Deflater(6, true);
    deflater.setInput(raw);
    deflater.finish();
    byte[] buf = new byte[1024];
    while (deflater.finished() == false) {
      out.write(buf, 0, deflater.deflate(buf));
    }
    deflater.end();
    CRC32 crc = new CRC32();
    crc.update(raw);
    writeLe32(out, crc.getValue());
    writeLe32(out, raw.length);
    return out.toByteArray();
  }

  private static void writeLe32(ByteArrayOutputStream out, long v) {
    for (int i = 0; i < 4; i++) {
      out.write((int) (v >>> (8 * i)) & 0xff);
    }
  }
}
