package io.hearth.server.web;

import io.hearth.scrape.config.ConfigException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;

/**
 * What {@code --web.config.file} asks of the listener, checked once at start as Prometheus's
 * {@code web.Validate} checks it, then re-read as the toolkit re-reads it: the file on every
 * request (headers and users take effect at once; a file broken later answers 500), and the file
 * with its certificate, key and CA files on every new TLS connection (so certificates rotate
 * without a restart). Re-reads parse only when the bytes changed. Whether the listener speaks TLS
 * at all, HTTP/2 and the rate limit are fixed at start, as in the toolkit. Thread-safe.
 */
public final class WebSecurity implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(WebSecurity.class.getName());

  /** The toolkit's answer when a TLS listener's file no longer configures TLS. */
  static final String NO_TLS = "TLS config is not present";

  private final Path file;
  private final boolean isTls;
  private final boolean isHttp2;
  private final RateLimiter limiter;
  private final BasicAuth auth = new BasicAuth();
  private ExecutorService bcrypt;

  private record Parsed(byte[] bytes, WebConfig config) {}

  private record TlsInputs(WebConfig.TlsServerConfig config, List<ByteBuffer> files) {}

  private record Built(TlsInputs inputs, ServerTls tls) {}

  private volatile Parsed parsed;
  private volatile Built built;

  private WebSecurity(Path file, Parsed parsed, Built built, boolean isHttp2) {
    this.file = file;
    this.parsed = parsed;
    this.built = built;
    this.isTls = built != null;
    this.isHttp2 = isHttp2;
    this.limiter = parsed == null ? null : RateLimiter.of(parsed.config().rateLimit());
  }

  /** A listener without a web config file: plain HTTP, no authentication. */
  public static WebSecurity none() {
    return new WebSecurity(null, null, null, false);
  }

  /**
   * Reads and checks {@code file} in full: the YAML, the headers, every user's bcrypt hash, and
   * the TLS settings with their files.
   *
   * @param file null for {@link #none()}
   * @throws ConfigException naming the file and the field at fault
   */
  public static WebSecurity open(Path file) {
    if (file == null) {
      return none();
    }
    String name = file.toString();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ConfigException(name, 0, 0, "", GoFiles.describe("open", file, e));
    }
    WebConfig c = WebConfigFile.parse(bytes, name, file.toAbsolutePath().getParent());
    for (Map.Entry<String, String> u : c.users().entrySet()) {
      try {
        BcryptHashes.cost(u.getValue());
      } catch (IllegalArgumentException e) {
        throw new ConfigException(name, 0, 0, "basic_auth_users." + u.getKey(), e.getMessage());
      }
    }
    Built built = null;
    if (c.tls().isEnabled()) {
      try {
        built = build(c.tls(), c.http().http2());
      } catch (ServerTls.TlsConfigException | IOException e) {
        throw new ConfigException(name, 0, 0, e instanceof ServerTls.TlsConfigException t ? t.field() : "",
            e.getMessage());
      }
      checkHttp2Ciphers(name, c);
    }
    WebSecurity w = new WebSecurity(file, new Parsed(bytes, c), built, c.http().http2());
    if (w.isTls) {
      LOG.log(System.Logger.Level.INFO, "TLS is enabled. http2=" + w.isHttp2);
    } else {
      LOG.log(System.Logger.Level.INFO, "TLS is disabled. http2=false");
    }
    return w;
  }

  /**
   * {@link #open} for the server's start: a file that cannot be used becomes an {@link IOException}
   * worded as Prometheus logs it before exiting.
   */
  public static WebSecurity load(Path file) throws IOException {
    try {
      return open(file);
    } catch (ConfigException e) {
      throw new IOException("Unable to validate web configuration file: " + e.getMessage(), e);
    }
  }

  /** Go's HTTP/2 server refuses to start on a cipher list without an HTTP/2-approved suite. */
  private static void checkHttp2Ciphers(String name, WebConfig c) {
    List<String> ciphers = c.tls().cipherSuites();
    if (c.http().http2() && !ciphers.isEmpty() && !c.tls().minVersion().equals("TLS13")
        && TlsNames.HTTP2_REQUIRED.stream().noneMatch(ciphers::contains)) {
      throw new ConfigException(name, 0, 0, "tls_server_config.cipher_suites",
          "http2: TLSConfig.CipherSuites is missing an HTTP/2-required AES_128_GCM_SHA256 cipher (need at"
              + " least one of TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 or TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256)");
    }
  }

  /** Whether a web config file is in use (then every request goes through {@link #current()}). */
  public boolean isEnabled() {
    return file != null;
  }

  /** Whether the listener speaks TLS; decided at start. */
  public boolean isTls() {
    return isTls;
  }

  /** Whether HTTP/2 is offered through ALPN; decided at start. */
  public boolean isHttp2() {
    return isHttp2;
  }

  /** The request rate limit, or null when there is none. */
  public RateLimiter limiter() {
    return limiter;
  }

  /** The basic-auth checker and its cache. */
  public BasicAuth auth() {
    return auth;
  }

  /**
   * The file as it is now: re-read, and re-parsed when its bytes changed.
   *
   * @throws ConfigException when it can no longer be read or parsed
   */
  public WebConfig current() {
    if (file == null) {
      return WebConfig.NONE;
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ConfigException(file.toString(), 0, 0, "", GoFiles.describe("open", file, e));
    }
    Parsed p = parsed;
    if (p != null && Arrays.equals(p.bytes(), bytes)) {
      return p.config();
    }
    WebConfig c = WebConfigFile.parse(bytes, file.toString(), file.toAbsolutePath().getParent());
    parsed = new Parsed(bytes, c);
    return c;
  }

  /**
   * A TLS engine for a new connection, from the file and certificate files as they are now.
   *
   * @throws Exception why the connection cannot be served (a broken file, a missing key)
   */
  public SSLEngine newEngine() throws Exception {
    WebConfig c = current();
    if (!c.tls().isEnabled()) {
      throw new IllegalStateException(NO_TLS);
    }
    TlsInputs inputs = inputs(c.tls());
    Built b = built;
    if (b == null || !b.inputs().equals(inputs)) {
      b = build(c.tls(), isHttp2);
      built = b;
    }
    return b.tls().newEngine();
  }

  private static Built build(WebConfig.TlsServerConfig c, boolean http2)
      throws ServerTls.TlsConfigException, IOException {
    TlsInputs inputs = inputs(c);
    return new Built(inputs, ServerTls.build(c, alpn(http2)));
  }

  /** What a TLS build depends on: the settings and the bytes of the files they name. */
  private static TlsInputs inputs(WebConfig.TlsServerConfig c) throws IOException {
    List<ByteBuffer> files = new ArrayList<>(3);
    for (String f : new String[] {c.certFile(), c.keyFile(), c.clientCaFile()}) {
      if (!f.isEmpty()) {
        try {
          files.add(ByteBuffer.wrap(Files.readAllBytes(Path.of(f))));
        } catch (IOException e) {
          files.add(ByteBuffer.allocate(0)); // ServerTls.build reports it with the field's name
        }
      }
    }
    return new TlsInputs(c, files);
  }

  /** ALPN: HTTP/2 first when it is on, HTTP/1.1 always, as Go's server offers them. */
  static List<String> alpn(boolean http2) {
    return http2 ? List.of("h2", "http/1.1") : List.of("http/1.1");
  }

  /**
   * Checks {@code a} with bcrypt off the caller's thread (bcrypt takes tens of milliseconds) and
   * hands the verdict to {@code then} on that other thread.
   */
  public synchronized void verifyAsync(BasicAuth.Attempt a, Consumer<Boolean> then) {
    if (bcrypt == null) {
      bcrypt = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "hearth-web-bcrypt");
        t.setDaemon(true);
        return t;
      });
    }
    bcrypt.execute(() -> then.accept(auth.verify(a)));
  }

  @Override
  public synchronized void close() {
    if (bcrypt != null) {
      bcrypt.shutdownNow();
    }
  }
}
