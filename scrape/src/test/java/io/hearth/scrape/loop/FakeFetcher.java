package io.hearth.scrape.loop;

import java.nio.charset.StandardCharsets;

/** Serves whatever body the test set last, or fails with the error it set. */
final class FakeFetcher implements TargetFetcher {
  volatile String body = "";
  volatile String contentType = "text/plain; version=0.0.4";
  volatile String error;
  volatile int fetches;
  private byte[] bytes = new byte[0];

  @Override
  public String fetch() throws Exception {
    fetches++;
    if (error != null) {
      throw new Exception(error);
    }
    bytes = body.getBytes(StandardCharsets.UTF_8);
    return contentType;
  }

  @Override
  public byte[] body() {
    return bytes;
  }

  @Override
  public int bodyLength() {
    return bytes.length;
  }
}
