package io.hearth.scrape.http;

import java.security.cert.CertificateException;

/**
 * A server certificate rejected by {@link ServerTrustManager}, worded as Go's TLS stack words it
 * ("tls: failed to verify certificate: x509: …") so the scrape error can quote it unchanged.
 */
final class GoCertificateException extends CertificateException {
  GoCertificateException(String x509Message, Throwable cause) {
    super("tls: failed to verify certificate: " + x509Message, cause);
  }
}
