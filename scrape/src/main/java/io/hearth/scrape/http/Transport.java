package io.hearth.scrape.http;

import io.hearth.scrape.config.TlsConfig;
import java.io.IOException;
import java.net.Authenticator;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLContext;

/**
 * One JDK {@link HttpClient} (its connection pool and TLS context) for a client config, rebuilt
 * when the CA, certificate or key files change, as Prometheus's TLS round tripper does: the files
 * are re-read on every request and compared with the bytes the current client was built from; on a
 * change a new client takes over and the old one finishes its in-flight requests and closes.
 *
 * <p>Thread-safe. All clients run their callbacks on one shared virtual-thread executor.
 */
final class Transport implements AutoCloseable {
  private static final ExecutorService EXECUTOR = Executors.newVirtualThreadPerTaskExecutor();

  private record Current(HttpClient client, TlsSetup.Material material) {}

  private final TlsSetup tls;
  private final ProxySelector proxy;
  private final Authenticator authenticator;
  private final HttpClient.Version version;
  private final HttpClient.Redirect redirect;
  private final boolean immutable;
  private final ReentrantLock rebuildLock = new ReentrantLock();
  private volatile Current current;
  private volatile boolean closed;

  /**
   * @throws IllegalArgumentException if the TLS config or the material it names is unusable, with
   *     Prometheus's message
   */
  Transport(
      TlsConfig tlsConfig,
      ProxySelector proxy,
      Authenticator authenticator,
      boolean enableHttp2,
      HttpClient.Redirect redirect) {
    this.tls = new TlsSetup(tlsConfig);
    this.proxy = proxy;
    this.authenticator = authenticator;
    this.version = enableHttp2 ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1;
    this.redirect = redirect;
    this.immutable = tls.isImmutable();
    try {
      TlsSetup.Material material = tls.readMaterial();
      current = new Current(build(tls.context(material)), material);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  HttpClient.Version version() {
    return version;
  }

  /** The client to send the next request with, rebuilt first if the TLS files changed. */
  HttpClient client() throws ScrapeException {
    if (closed) {
      throw new ScrapeException("http client is closed");
    }
    Current c = current;
    if (immutable) {
      return c.client();
    }
    TlsSetup.Material material;
    try {
      material = tls.readMaterial();
    } catch (IOException e) {
      throw new ScrapeException(e.getMessage(), e);
    }
    if (material.sameAs(c.material())) {
      return c.client();
    }
    rebuildLock.lock();
    try {
      c = current;
      if (material.sameAs(c.material()) == false) {
        HttpClient next;
        try {
          next = build(tls.context(material));
        } catch (GeneralSecurityException | IOException e) {
          throw new ScrapeException(e.getMessage(), e);
        }
        current = new Current(next, material);
        c.client().shutdown();
      }
      return current.client();
    } finally {
      rebuildLock.unlock();
    }
  }

  private HttpClient build(SSLContext context) {
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .executor(EXECUTOR)
            .version(version)
            .followRedirects(redirect)
            .sslContext(context)
            .sslParameters(tls.parameters());
    if (proxy != null) {
      builder.proxy(proxy);
    }
    if (authenticator != null) {
      builder.authenticator(authenticator);
    }
    return builder.build();
  }

  /** Lets in-flight requests finish, then releases the connections. */
  @Override
  public void close() {
    closed = true;
    current.client().shutdown();
  }
}
