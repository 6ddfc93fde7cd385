package io.hearth.server.web;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The toolkit's TLS vocabulary and its JDK equivalents. Cipher suites are the names Go's {@code
 * tls.CipherSuites()} lists (the ones the toolkit accepts), which are also the IANA names the JDK
 * uses; curves are the toolkit's four names mapped to JDK named groups; versions map to JDK
 * protocol names.
 */
final class TlsNames {
  private TlsNames() {}

  static final Set<String> CIPHER_SUITES = Set.of(
      "TLS_RSA_WITH_AES_128_CBC_SHA",
      "TLS_RSA_WITH_AES_256_CBC_SHA",
      "TLS_RSA_WITH_AES_128_GCM_SHA256",
      "TLS_RSA_WITH_AES_256_GCM_SHA384",
      "TLS_AES_128_GCM_SHA256",
      "TLS_AES_256_GCM_SHA384",
      "TLS_CHACHA20_POLY1305_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
      "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
      "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
      "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
      "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
      "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
      "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
      "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
      "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256");

  /**
   * TLS 1.3's suites. Go does not let {@code cipher_suites} restrict TLS 1.3, so they stay
   * enabled whatever the list says.
   */
  static final List<String> TLS13_SUITES =
      List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256");

  /** Go's HTTP/2 server refuses a cipher list without one of these (RFC 7540 section 9.2.2). */
  static final List<String> HTTP2_REQUIRED =
      List.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");

  static final Map<String, String> CURVES = Map.of(
      "CurveP256", "secp256r1",
      "CurveP384", "secp384r1",
      "CurveP521", "secp521r1",
      "X25519", "x25519");

  /** Oldest first, so a version's index orders it. */
  static final List<String> VERSIONS = List.of("TLS10", "TLS11", "TLS12", "TLS13");

  static final List<String> PROTOCOLS = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");

  /** The JDK protocols from {@code min} to {@code max}; empty when min is above max. */
  static String[] protocols(String min, String max) {
    return PROTOCOLS.subList(VERSIONS.indexOf(min), Math.max(VERSIONS.indexOf(min), VERSIONS.indexOf(max) + 1))
        .toArray(String[]::new);
  }
}
