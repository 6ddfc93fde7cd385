package io.hearth.scrape.http;

import java.net.InetAddress;
import java.net.Socket;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Verifies a scrape target's certificate as Go's {@code crypto/tls} client does: the leaf's
 * validity period, then its name (the configured {@code server_name}, else the URL's host) against
 * the subject alternative names only, then the chain to the configured roots.
 *
 * <p>The JDK would check the name against the URL host; doing it here is what lets {@code
 * server_name} name the certificate of a target addressed by IP. With {@code insecure_skip_verify}
 * nothing is checked. Immutable and thread-safe.
 */
final class ServerTrustManager extends X509ExtendedTrustManager {
  private static final X509Certificate[] NO_ISSUERS = new X509Certificate[0];

  private final X509TrustManager chainVerifier;
  private final String serverName;
  private final boolean insecureSkipVerify;

  /**
   * @param chainVerifier checks the chain only (its two-argument method never checks names)
   * @param serverName the name to verify; empty to use the peer host of the connection
   */
  ServerTrustManager(X509TrustManager chainVerifier, String serverName, boolean skipVerify) {
    this.chainVerifier = chainVerifier;
    this.serverName = serverName;
    this.insecureSkipVerify = skipVerify;
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    verify(chain, authType, engine == null ? null : engine.getPeerHost());
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    // Only the JDK HTTP client (which uses an SSLEngine) calls us; a socket gives its peer host
    // through the handshake session, without a reverse lookup.
    String host = null;
    if (socket instanceof SSLSocket ssl && ssl.getHandshakeSession() != null) {
      host = ssl.getHandshakeSession().getPeerHost();
    }
    verify(chain, authType, host);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    verify(chain, authType, null);
  }

  private void verify(X509Certificate[] chain, String authType, String peerHost)
      throws CertificateException {
    if (insecureSkipVerify) {
      return;
    }
    if (chain == null || chain.length == 0) {
      throw new GoCertificateException("x509: certificate signed by unknown authority", null);
    }
    X509Certificate leaf = chain[0];
    try {
      leaf.checkValidity();
    } catch (CertificateExpiredException | CertificateNotYetValidException e) {
      throw new GoCertificateException(
          "x509: certificate has expired or is not yet valid: " + e.getMessage(), e);
    }
    String host = serverName.isEmpty() ? peerHost : serverName;
    if (host != null && host.isEmpty() == false) {
      String error = hostnameError(leaf, host);
      if (error != null) {
        throw new GoCertificateException(error, null);
      }
    }
    try {
      chainVerifier.checkServerTrusted(chain, authType);
    } catch (CertificateException e) {
      throw new GoCertificateException(chainMessage(e), e);
    }
  }

  private static String chainMessage(CertificateException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertPathValidatorException v
          && v.getReason() == CertPathValidatorException.BasicReason.EXPIRED) {
        return "x509: certificate has expired or is not yet valid: " + v.getMessage();
      }
    }
    return "x509: certificate signed by unknown authority";
  }

  /**
   * Go's {@code Certificate.VerifyHostname}: null if {@code host} matches, else the text of Go's
   * {@code HostnameError}.
   */
  static String hostnameError(X509Certificate cert, String host) {
    String candidate = host;
    if (candidate.length() >= 3 && candidate.startsWith("[") && candidate.endsWith("]")) {
      candidate = candidate.substring(1, candidate.length() - 1);
    }
    List<String> dnsNames = new ArrayList<>();
    List<InetAddress> ips = new ArrayList<>();
    boolean hasSans = subjectAlternativeNames(cert, dnsNames, ips);
    InetAddress ip = ipLiteral(candidate);
    if (ip != null) {
      for (InetAddress san : ips) {
        if (san.equals(ip)) {
          return null;
        }
      }
    } else {
      String name = candidate.toLowerCase(Locale.ROOT);
      for (String pattern : dnsNames) {
        if (matchHostnames(pattern.toLowerCase(Locale.ROOT), name)) {
          return null;
        }
      }
    }
    if (hasSans == false && matchHostnames(commonName(cert), candidate)) {
      return "x509: certificate relies on legacy Common Name field, use SANs instead";
    }
    String valid;
    if (ip != null) {
      if (ips.isEmpty()) {
        return "x509: cannot validate certificate for "
            + candidate
            + " because it doesn't contain any IP SANs";
      }
      List<String> texts = new ArrayList<>();
      for (InetAddress san : ips) {
        texts.add(san.getHostAddress());
      }
      valid = String.join(", ", texts);
    } else {
      valid = String.join(", ", dnsNames);
    }
    if (valid.isEmpty()) {
      return "x509: certificate is not valid for any names, but wanted to match " + candidate;
    }
    return "x509: certificate is valid for " + valid + ", not " + candidate;
  }

  /** Go's {@code matchHostnames}: same label count, a leading "*" label matches any one label. */
  static boolean matchHostnames(String pattern, String host) {
    pattern = trimDot(pattern);
    host = trimDot(host);
    if (pattern.isEmpty() || host.isEmpty()) {
      return false;
    }
    String[] patternParts = pattern.split("\\.", -1);
    String[] hostParts = host.split("\\.", -1);
    if (patternParts.length != hostParts.length) {
      return false;
    }
    for (int i = 0; i < patternParts.length; i++) {
      if (i == 0 && patternParts[i].equals("*")) {
        continue;
      }
      if (patternParts[i].equalsIgnoreCase(hostParts[i]) == false) {
        return false;
      }
    }
    return true;
  }

  private static String trimDot(String s) {
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  private static InetAddress ipLiteral(String host) {
    try {
      return InetAddress.ofLiteral(host);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static boolean subjectAlternativeNames(
      X509Certificate cert, List<String> dnsNames, List<InetAddress> ips) {
    Collection<List<?>> sans;
    try {
      sans = cert.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      return false;
    }
    if (sans == null) {
      return false;
    }
    for (List<?> san : sans) {
      int type = (Integer) san.get(0);
      if (type == 2) {
        dnsNames.add((String) san.get(1));
      } else if (type == 7) {
        InetAddress ip = ipLiteral((String) san.get(1));
        if (ip != null) {
          ips.add(ip);
        }
      }
    }
    return true;
  }

  private static String commonName(X509Certificate cert) {
    String dn = cert.getSubjectX500Principal().getName();
    for (String part : dn.split(",")) {
      if (part.startsWith("CN=")) {
        return part.substring(3);
      }
    }
    return "";
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    throw new CertificateException("a scrape client does not accept client certificates");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    throw new CertificateException("a scrape client does not accept client certificates");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("a scrape client does not accept client certificates");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return insecureSkipVerify ? NO_ISSUERS : chainVerifier.getAcceptedIssuers();
  }
}
