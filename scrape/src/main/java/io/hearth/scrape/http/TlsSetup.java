package io.hearth.scrape.http;

import io.hearth.scrape.config.TlsConfig;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509TrustManager;

/**
 * Turns a {@code tls_config} into an {@link SSLContext} and {@link SSLParameters}, with
 * Prometheus's semantics: CA and client certificate given inline or as files (re-read by the
 * caller, see {@link Material}), {@code server_name}, {@code insecure_skip_verify} and the version
 * range, whose minimum defaults to TLS 1.2 as Go's client does.
 */
final class TlsSetup {
  private static final List<String> VERSIONS = List.of("TLS10", "TLS11", "TLS12", "TLS13");
  private static final List<String> JDK_VERSIONS =
      List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");

  /** Where Go looks for the system roots on Linux, in its order. */
  private static final List<String> SYSTEM_BUNDLES =
      List.of(
          "/etc/ssl/certs/ca-certificates.crt",
          "/etc/pki/tls/certs/ca-bundle.crt",
          "/etc/ssl/ca-bundle.pem",
          "/etc/pki/tls/cacert.pem",
          "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",
          "/etc/ssl/cert.pem");

  private final TlsConfig config;
  private final Secret ca;
  private final Secret cert;
  private final Secret key;
  private final String[] protocols;

  /** Validates the config; fails with Prometheus's message. */
  TlsSetup(TlsConfig config) {
    this.config = config == null ? TlsConfig.DEFAULT : config;
    TlsConfig c = this.config;
    if (c.ca().isEmpty() == false && c.caFile().isEmpty() == false) {
      throw new IllegalArgumentException("at most one of ca, ca_file & ca_ref must be configured");
    }
    if (c.cert().isEmpty() == false && c.certFile().isEmpty() == false) {
      throw new IllegalArgumentException(
          "at most one of cert, cert_file & cert_ref must be configured");
    }
    if (c.key().isEmpty() == false && c.keyFile().isEmpty() == false) {
      throw new IllegalArgumentException("at most one of key and key_file must be configured");
    }
    ca = Secret.of(c.ca(), c.caFile());
    cert = Secret.of(c.cert(), c.certFile());
    key = Secret.of(c.key(), c.keyFile());
    if (cert != null && key == null) {
      throw new IllegalArgumentException(
          "exactly one of key or key_file must be configured when a client certificate is"
              + " configured");
    }
    if (key != null && cert == null) {
      throw new IllegalArgumentException(
          "exactly one of cert or cert_file must be configured when a client key is configured");
    }
    int min = version(c.minVersion(), 2);
    int max = version(c.maxVersion(), 3);
    if (c.minVersion().isEmpty() == false && c.maxVersion().isEmpty() == false && max < min) {
      throw new IllegalArgumentException(
          "tls_config.max_version must be greater than or equal to tls_config.min_version if"
              + " both are specified");
    }
    if (c.maxVersion().isEmpty() == false && c.minVersion().isEmpty() && max < min) {
      min = max; // Go's default minimum yields to an explicit lower maximum.
    }
    protocols = JDK_VERSIONS.subList(min, max + 1).reversed().toArray(String[]::new);
  }

  private static int version(String name, int unset) {
    if (name == null || name.isEmpty()) {
      return unset;
    }
    int i = VERSIONS.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("unknown TLS version: " + name);
    }
    return i;
  }

  /** True if no CA, certificate or key comes from a file, so the material never changes. */
  boolean isImmutable() {
    return (ca == null || ca.isFile() == false)
        && (cert == null || cert.isFile() == false)
        && (key == null || key.isFile() == false);
  }

  /** The CA, certificate and key bytes as they are now; equal material means an equal context. */
  record Material(byte[] ca, byte[] cert, byte[] key) {
    boolean sameAs(Material other) {
      return other != null
          && Arrays.equals(ca, other.ca)
          && Arrays.equals(cert, other.cert)
          && Arrays.equals(key, other.key);
    }
  }

  Material readMaterial() throws IOException {
    return new Material(
        read(ca, "unable to read CA cert: "),
        read(cert, "unable to read client cert: "),
        read(key, "unable to read client key: "));
  }

  private static byte[] read(Secret secret, String context) throws IOException {
    if (secret == null) {
      return null;
    }
    if (secret.isFile() == false) {
      return secret.inline().getBytes(StandardCharsets.UTF_8);
    }
    try {
      return Secret.readFile(secret.file());
    } catch (IOException e) {
      throw new IOException(context + e.getMessage(), e);
    }
  }

  SSLParameters parameters() {
    SSLParameters parameters = new SSLParameters();
    parameters.setProtocols(protocols);
    if (config.serverName().isEmpty() == false) {
      // The JDK client uses these names for SNI only when the URL host is an IP address;
      // for a host name it sends the host name, which Go would replace by server_name.
      try {
        parameters.setServerNames(List.of(new SNIHostName(config.serverName())));
      } catch (IllegalArgumentException e) {
        // Not a valid SNI host name (an IP address, say): Go sends no SNI for it either.
      }
    }
    return parameters;
  }

  /** Builds the context from {@code material}; fails with Prometheus's message. */
  SSLContext context(Material material) throws GeneralSecurityException, IOException {
    X509TrustManager chain = null;
    if (config.insecureSkipVerify() == false) {
      chain = material.ca() != null ? trustManager(customRoots(material.ca())) : SystemRoots.get();
    }
    TrustManager trust =
        new ServerTrustManager(chain, config.serverName(), config.insecureSkipVerify());
    ClientKeyManager keys = null;
    if (material.cert() != null && material.key() != null) {
      keys = clientKeyManager(material.cert(), material.key());
    }
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys == null ? null : new KeyManager[] {keys}, new TrustManager[] {trust}, null);
    return context;
  }

  private List<X509Certificate> customRoots(byte[] pem) throws GeneralSecurityException {
    List<X509Certificate> roots;
    try {
      roots = Pem.certificates(pem);
    } catch (CertificateException e) {
      roots = List.of();
    }
    if (roots.isEmpty()) {
      throw new GeneralSecurityException("unable to use specified CA cert " + ca.description());
    }
    return roots;
  }

  private ClientKeyManager clientKeyManager(byte[] certPem, byte[] keyPem)
      throws GeneralSecurityException {
    String context =
        "unable to use specified client cert ("
            + cert.description()
            + ") & key ("
            + key.description()
            + "): ";
    List<X509Certificate> chain;
    try {
      chain = Pem.certificates(certPem);
    } catch (CertificateException e) {
      throw new GeneralSecurityException(context + "x509: malformed certificate", e);
    }
    if (chain.isEmpty()) {
      throw new GeneralSecurityException(
          context + "tls: failed to find any PEM data in certificate input");
    }
    PrivateKey privateKey;
    try {
      privateKey = Pem.privateKey(keyPem);
    } catch (GeneralSecurityException e) {
      throw new GeneralSecurityException(context + e.getMessage(), e);
    }
    return new ClientKeyManager(chain.toArray(X509Certificate[]::new), privateKey);
  }

  static X509TrustManager trustManager(List<X509Certificate> roots)
      throws GeneralSecurityException {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    try {
      store.load(null, null);
    } catch (IOException e) {
      throw new GeneralSecurityException(e);
    }
    for (int i = 0; i < roots.size(); i++) {
      store.setCertificateEntry("ca" + i, roots.get(i));
    }
    TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
    factory.init(store);
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new GeneralSecurityException("no X.509 trust manager for the CA certificates");
  }

  /**
   * The system roots as Go finds them ({@code SSL_CERT_FILE}, then the distribution bundles),
   * falling back to the JDK's own trust store when none is readable. Loaded once.
   */
  private static final class SystemRoots {
    private static volatile X509TrustManager roots;

    static X509TrustManager get() throws GeneralSecurityException {
      X509TrustManager r = roots;
      if (r == null) {
        r = load();
        roots = r;
      }
      return r;
    }

    private static X509TrustManager load() throws GeneralSecurityException {
      List<String> candidates = new ArrayList<>();
      String env = System.getenv("SSL_CERT_FILE");
      if (env != null && env.isEmpty() == false) {
        candidates.add(env);
      }
      candidates.addAll(SYSTEM_BUNDLES);
      for (String file : candidates) {
        try {
          List<X509Certificate> certs = Pem.certificates(Files.readAllBytes(Path.of(file)));
          if (certs.isEmpty() == false) {
            return trustManager(certs);
          }
        } catch (IOException | CertificateException e) {
          // Try the next location, as Go does.
        }
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init((KeyStore) null);
      for (TrustManager manager : factory.getTrustManagers()) {
        if (manager instanceof X509TrustManager x509) {
          return x509;
        }
      }
      throw new GeneralSecurityException("no system trust manager");
    }
  }

  /**
   * Offers the one configured client certificate whatever the server asks for, as Go's {@code
   * GetClientCertificate} does; the JDK's own key managers would withhold it when the server's list
   * of acceptable issuers does not name its CA.
   */
  static final class ClientKeyManager extends X509ExtendedKeyManager {
    private static final String ALIAS = "client";
    private final X509Certificate[] chain;
    private final PrivateKey key;

    ClientKeyManager(X509Certificate[] chain, PrivateKey key) {
      this.chain = chain;
      this.key = key;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine e) {
      return ALIAS;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
      return ALIAS;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return new String[] {ALIAS};
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      return ALIAS.equals(alias) ? chain.clone() : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return ALIAS.equals(alias) ? key : null;
    }
  }
}
