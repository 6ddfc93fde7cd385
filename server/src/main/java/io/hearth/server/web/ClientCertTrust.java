package io.hearth.server.web;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * How the server judges a client certificate: verified against the client CAs (or the system's
 * roots when none are configured, as Go does) for the two verifying policies, accepted as is for
 * the others; then, when {@code client_allowed_sans} is set, one of its DNS, e-mail, IP or URI
 * SANs must be on that list. Immutable.
 */
final class ClientCertTrust extends X509ExtendedTrustManager {
  private final X509ExtendedTrustManager chain;
  private final X509Certificate[] issuers;
  private final List<String> allowedSans;

  private ClientCertTrust(X509ExtendedTrustManager chain, X509Certificate[] issuers, List<String> allowedSans) {
    this.chain = chain;
    this.issuers = issuers;
    this.allowedSans = allowedSans;
  }

  /**
   * @param verify whether the chain must lead to {@code cas}
   * @param cas the client CAs, null for the system's roots
   * @param allowedSans null for no SAN check
   */
  static ClientCertTrust of(boolean verify, List<X509Certificate> cas, List<String> allowedSans)
      throws GeneralSecurityException {
    X509Certificate[] issuers = cas == null ? new X509Certificate[0] : cas.toArray(X509Certificate[]::new);
    X509ExtendedTrustManager chain = null;
    if (verify) {
      if (cas == null) {
        chain = ServerTls.firstX509(ServerTls.defaultTrust());
      } else if (!cas.isEmpty()) {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try {
          ks.load(null, null);
        } catch (java.io.IOException e) {
          throw new GeneralSecurityException(e);
        }
        for (int i = 0; i < cas.size(); i++) {
          ks.setCertificateEntry("ca" + i, cas.get(i));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(ks);
        chain = ServerTls.firstX509(tmf);
      } else {
        chain = new NobodyTrusted();
      }
    }
    return new ClientCertTrust(chain, issuers, allowedSans);
  }

  private void check(X509Certificate[] certs, String authType, SSLEngine engine) throws CertificateException {
    if (chain != null) {
      chain.checkClientTrusted(certs, authType, engine);
    }
    if (allowedSans != null) {
      checkSans(certs[0]);
    }
  }

  private void checkSans(X509Certificate cert) throws CertificateException {
    Collection<List<?>> sans;
    try {
      sans = cert.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      throw new CertificateException("error parsing client certificate: " + e.getMessage(), e);
    }
    if (sans != null) {
      for (List<?> san : sans) {
        int type = (Integer) san.get(0);
        // 1 e-mail, 2 DNS, 6 URI, 7 IP: the kinds Go's x509.Certificate exposes.
        if ((type == 1 || type == 2 || type == 6 || type == 7) && allowedSans.contains(normalise(type, san.get(1)))) {
          return;
        }
      }
    }
    throw new CertificateException(
        "could not find allowed SANs in client cert, found: [" + String.join(" ", allowedSans) + "]");
  }

  /** An IP SAN as Go prints it (no leading zeros, compressed IPv6). */
  private static String normalise(int type, Object value) {
    String s = String.valueOf(value);
    if (type == 7) {
      try {
        java.net.InetAddress a = java.net.InetAddress.ofLiteral(s);
        if (a instanceof java.net.Inet6Address) {
          return compressIpv6(a.getHostAddress());
        }
        return a.getHostAddress();
      } catch (IllegalArgumentException e) {
        return s;
      }
    }
    return s;
  }

  /** Java prints {@code 0:0:0:0:0:0:0:1}; Go prints {@code ::1}. */
  private static String compressIpv6(String full) {
    String[] parts = full.split(":");
    int bestStart = -1;
    int bestLen = 0;
    for (int i = 0; i < parts.length; ) {
      if (parts[i].equals("0")) {
        int j = i;
        while (j < parts.length && parts[j].equals("0")) {
          j++;
        }
        if (j - i > bestLen && j - i > 1) {
          bestStart = i;
          bestLen = j - i;
        }
        i = j;
      } else {
        i++;
      }
    }
    if (bestStart < 0) {
      return full;
    }
    List<String> head = new ArrayList<>(List.of(parts).subList(0, bestStart));
    List<String> tail = new ArrayList<>(List.of(parts).subList(bestStart + bestLen, parts.length));
    return String.join(":", head) + "::" + String.join(":", tail);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] certs, String authType, SSLEngine engine)
      throws CertificateException {
    check(certs, authType, engine);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] certs, String authType, Socket socket)
      throws CertificateException {
    check(certs, authType, null);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] certs, String authType) throws CertificateException {
    check(certs, authType, null);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] certs, String authType, Socket socket)
      throws CertificateException {
    throw new CertificateException("a server does not check server certificates");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] certs, String authType, SSLEngine engine)
      throws CertificateException {
    throw new CertificateException("a server does not check server certificates");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] certs, String authType) throws CertificateException {
    throw new CertificateException("a server does not check server certificates");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return issuers.clone();
  }

  /** A CA file with no usable certificate: Go's empty pool, which verifies nothing. */
  private static final class NobodyTrusted extends X509ExtendedTrustManager {
    private static CertificateException refuse() {
      return new CertificateException("x509: certificate signed by unknown authority");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] c, String a, Socket s) throws CertificateException {
      throw refuse();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] c, String a, SSLEngine e) throws CertificateException {
      throw refuse();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] c, String a) throws CertificateException {
      throw refuse();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] c, String a, Socket s) throws CertificateException {
      throw refuse();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] c, String a, SSLEngine e) throws CertificateException {
      throw refuse();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] c, String a) throws CertificateException {
      throw refuse();
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
