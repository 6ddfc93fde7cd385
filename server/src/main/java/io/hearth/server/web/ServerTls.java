package io.hearth.server.web;

import io.hearth.scrape.http.Pem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The listener's TLS settings built from {@code tls_server_config}, as the toolkit's {@code
 * ConfigToTLSConfig} builds Go's: the certificate and key (files or inline PEM; PKCS#8, PKCS#1 or
 * SEC1 keys), the client-certificate policy, client CAs, allowed client SANs, versions, cipher
 * suites, curves and cipher order. Hands out one JDK {@link SSLEngine} per connection. Immutable.
 */
public final class ServerTls {
  /** Go's {@code tls.ClientAuthType}, under the names the file uses. */
  enum ClientAuth {
    NO_CLIENT_CERT(false, false, false),
    REQUEST_CLIENT_CERT(true, false, false),
    REQUIRE_ANY_CLIENT_CERT(true, true, false),
    VERIFY_CLIENT_CERT_IF_GIVEN(true, false, true),
    REQUIRE_AND_VERIFY_CLIENT_CERT(true, true, true);

    final boolean isRequested;
    final boolean isRequired;
    final boolean isVerified;

    ClientAuth(boolean isRequested, boolean isRequired, boolean isVerified) {
      this.isRequested = isRequested;
      this.isRequired = isRequired;
      this.isVerified = isVerified;
    }

    static ClientAuth parse(String s) {
      return switch (s) {
        case "", "NoClientCert" -> NO_CLIENT_CERT;
        case "RequestClientCert" -> REQUEST_CLIENT_CERT;
        // "RequireClientCert" is the toolkit's old name, still accepted.
        case "RequireAnyClientCert", "RequireClientCert" -> REQUIRE_ANY_CLIENT_CERT;
        case "VerifyClientCertIfGiven" -> VERIFY_CLIENT_CERT_IF_GIVEN;
        case "RequireAndVerifyClientCert" -> REQUIRE_AND_VERIFY_CLIENT_CERT;
        default -> null;
      };
    }
  }

  /** A {@code tls_server_config} that cannot be used: the field to blame and Go's reason. */
  public static final class TlsConfigException extends Exception {
    private final String field;

    TlsConfigException(String field, String message) {
      super(message);
      this.field = field;
    }

    /** The field path, e.g. {@code tls_server_config.cert_file}. */
    public String field() {
      return field;
    }
  }

  private final SSLContext context;
  private final SSLParameters parameters;

  private ServerTls(SSLContext context, SSLParameters parameters) {
    this.context = context;
    this.parameters = parameters;
  }

  /**
   * Builds the TLS settings, reading the certificate, key and CA files.
   *
   * @param alpn the protocols offered through ALPN, preferred first
   * @throws TlsConfigException with the toolkit's reasons ("missing one of cert or cert_file", ...)
   */
  public static ServerTls build(WebConfig.TlsServerConfig c, List<String> alpn) throws TlsConfigException {
    String f = "tls_server_config";
    if (c.certFile().isEmpty() && c.cert().isEmpty()) {
      throw new TlsConfigException(f, "missing one of cert or cert_file");
    }
    if (c.keyFile().isEmpty() && c.key().isEmpty()) {
      throw new TlsConfigException(f, "missing one of key or key_file");
    }
    KeyStore keys = keyPair(c);
    ClientAuth auth = ClientAuth.parse(c.clientAuthType());
    List<X509Certificate> clientCas = clientCas(c);
    if (auth == null) {
      throw new TlsConfigException(f + ".client_auth_type", "invalid ClientAuth: " + c.clientAuthType());
    }
    if (clientCas != null && auth == ClientAuth.NO_CLIENT_CERT) {
      throw new TlsConfigException(f + ".client_auth_type",
          "client CA's have been configured without a Client Auth Policy");
    }
    try {
      KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
      kmf.init(keys, new char[0]);
      TrustManager[] trust = null;
      if (auth.isRequested) {
        trust = new TrustManager[] {ClientCertTrust.of(auth.isVerified, clientCas, c.clientAllowedSans())};
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), trust, null);
      return new ServerTls(context, parameters(context, c, auth, alpn));
    } catch (GeneralSecurityException e) {
      throw new TlsConfigException(f, "cannot set up TLS: " + e.getMessage());
    }
  }

  private static SSLParameters parameters(SSLContext context, WebConfig.TlsServerConfig c, ClientAuth auth,
      List<String> alpn) {
    SSLParameters p = context.getDefaultSSLParameters();
    p.setProtocols(TlsNames.protocols(c.minVersion(), c.maxVersion()));
    if (!c.cipherSuites().isEmpty()) {
      Set<String> supported = Set.of(context.getSupportedSSLParameters().getCipherSuites());
      Set<String> wanted = new LinkedHashSet<>(c.cipherSuites());
      wanted.addAll(TlsNames.TLS13_SUITES);
      p.setCipherSuites(wanted.stream().filter(supported::contains).toArray(String[]::new));
    }
    if (!c.curvePreferences().isEmpty()) {
      p.setNamedGroups(c.curvePreferences().stream().map(TlsNames.CURVES::get).toArray(String[]::new));
    }
    p.setUseCipherSuitesOrder(c.preferServerCipherSuites());
    if (auth.isRequired) {
      p.setNeedClientAuth(true);
    } else if (auth.isRequested) {
      p.setWantClientAuth(true);
    }
    p.setApplicationProtocols(alpn.toArray(String[]::new));
    return p;
  }

  /** A server-side engine for one new connection. */
  public SSLEngine newEngine() {
    SSLEngine e = context.createSSLEngine();
    e.setUseClientMode(false);
    e.setSSLParameters(parameters);
    return e;
  }

  /** Go's {@code tls.X509KeyPair}: the chain, and a key that belongs to its first certificate. */
  private static KeyStore keyPair(WebConfig.TlsServerConfig c) throws TlsConfigException {
    String f = "tls_server_config";
    byte[] certPem;
    byte[] keyPem;
    try {
      certPem = c.certFile().isEmpty() ? c.cert().getBytes(StandardCharsets.UTF_8) : GoFiles.read(c.certFile());
    } catch (IOException e) {
      throw new TlsConfigException(f + ".cert_file",
          "failed to read cert_file (" + c.certFile() + "): " + e.getMessage());
    }
    try {
      keyPem = c.keyFile().isEmpty() ? c.key().getBytes(StandardCharsets.UTF_8) : GoFiles.read(c.keyFile());
    } catch (IOException e) {
      throw new TlsConfigException(f + ".key_file",
          "failed to read key_file (" + c.keyFile() + "): " + e.getMessage());
    }
    String certField = f + (c.certFile().isEmpty() ? ".cert" : ".cert_file");
    String keyField = f + (c.keyFile().isEmpty() ? ".key" : ".key_file");
    List<X509Certificate> chain;
    try {
      chain = Pem.certificates(certPem);
    } catch (GeneralSecurityException e) {
      throw new TlsConfigException(certField, "failed to load X509KeyPair: " + e.getMessage());
    }
    if (chain.isEmpty()) {
      throw new TlsConfigException(certField,
          "failed to load X509KeyPair: tls: failed to find any PEM data in certificate input");
    }
    PrivateKey key;
    try {
      key = Pem.privateKey(keyPem);
    } catch (GeneralSecurityException e) {
      throw new TlsConfigException(keyField, "failed to load X509KeyPair: " + e.getMessage());
    }
    if (!belongTogether(key, chain.getFirst().getPublicKey())) {
      throw new TlsConfigException(keyField,
          "failed to load X509KeyPair: tls: private key does not match public key");
    }
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry("server", key, new char[0], chain.toArray(X509Certificate[]::new));
      return ks;
    } catch (GeneralSecurityException | IOException e) {
      throw new TlsConfigException(keyField, "failed to load X509KeyPair: " + e.getMessage());
    }
  }

  /** Whether the key signs what the certificate's public key verifies. */
  private static boolean belongTogether(PrivateKey key, PublicKey pub) {
    String algorithm = switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      case "Ed25519", "EdDSA" -> "Ed25519";
      case "Ed448" -> "Ed448";
      case "RSASSA-PSS" -> "RSASSA-PSS";
      default -> null;
    };
    if (algorithm == null || !pub.getAlgorithm().equals(key.getAlgorithm())
        && !(key.getAlgorithm().startsWith("Ed") && pub.getAlgorithm().startsWith("Ed"))) {
      return false;
    }
    try {
      byte[] probe = "hearth key pair check".getBytes(StandardCharsets.US_ASCII);
      Signature s = Signature.getInstance(algorithm);
      if (algorithm.equals("RSASSA-PSS")) {
        s.setParameter(new java.security.spec.PSSParameterSpec("SHA-256", "MGF1",
            java.security.spec.MGF1ParameterSpec.SHA256, 32, 1));
      }
      s.initSign(key);
      s.update(probe);
      byte[] sig = s.sign();
      s.initVerify(pub);
      s.update(probe);
      return s.verify(sig);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** The client CA certificates, or null when neither {@code client_ca_file} nor {@code client_ca} is set. */
  private static List<X509Certificate> clientCas(WebConfig.TlsServerConfig c) throws TlsConfigException {
    byte[] pem;
    String field;
    if (!c.clientCaFile().isEmpty()) {
      field = "tls_server_config.client_ca_file";
      try {
        pem = GoFiles.read(c.clientCaFile());
      } catch (IOException e) {
        throw new TlsConfigException(field, e.getMessage());
      }
    } else if (!c.clientCa().isEmpty()) {
      field = "tls_server_config.client_ca";
      pem = c.clientCa().getBytes(StandardCharsets.UTF_8);
    } else {
      return null;
    }
    // Go's AppendCertsFromPEM skips what it cannot parse; an unusable file just trusts nobody.
    List<X509Certificate> out = new ArrayList<>();
    try {
      java.security.cert.CertificateFactory factory = java.security.cert.CertificateFactory.getInstance("X.509");
      for (Pem.Block b : Pem.blocks(pem)) {
        if (b.type().equals("CERTIFICATE")) {
          try {
            out.add((X509Certificate) factory.generateCertificate(new java.io.ByteArrayInputStream(b.der())));
          } catch (GeneralSecurityException e) {
            // Skipped, as Go skips it.
          }
        }
      }
    } catch (GeneralSecurityException e) {
      throw new TlsConfigException(field, e.getMessage());
    }
    return out;
  }

  static TrustManagerFactory defaultTrust() throws GeneralSecurityException {
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init((KeyStore) null);
    return tmf;
  }

  static X509ExtendedTrustManager firstX509(TrustManagerFactory tmf) throws GeneralSecurityException {
    return Arrays.stream(tmf.getTrustManagers())
        .filter(X509ExtendedTrustManager.class::isInstance)
        .map(X509ExtendedTrustManager.class::cast)
        .findFirst()
        .orElseThrow(() -> new GeneralSecurityException("no X.509 trust manager"));
  }
}
