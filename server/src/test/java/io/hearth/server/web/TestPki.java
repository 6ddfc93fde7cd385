package io.hearth.server.web;

import io.hearth.scrape.http.Pem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Throwaway certificates made with the {@code openssl} CLI in a test's temporary directory (no key
 * is ever committed): a CA; a server certificate for 127.0.0.1 and localhost (RSA, PKCS#8 key,
 * plus the same key in PKCS#1); a second server certificate with an EC key in SEC1 form; a client
 * certificate with SANs {@code DNS:scraper.test} and {@code URI:spiffe://hearth/scraper}; and a
 * client certificate from an unrelated CA.
 */
final class TestPki {
  final Path dir;

  TestPki(Path dir) throws IOException, InterruptedException {
    this.dir = dir;
    ca("ca");
    ca("other-ca");
    write("server.ext", "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
    write("client.ext", "subjectAltName=DNS:scraper.test,URI:spiffe://hearth/scraper\n"
        + "extendedKeyUsage=clientAuth\n");
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
        "-subj", "/CN=server");
    sign("server", "ca", "server.ext");
    openssl("rsa", "-in", "server.key", "-traditional", "-out", "server-pkcs1.key");
    openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "server-ec.key");
    openssl("req", "-new", "-key", "server-ec.key", "-out", "server-ec.csr", "-subj", "/CN=server-ec");
    sign("server-ec", "ca", "server.ext");
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "client.key", "-out", "client.csr",
        "-subj", "/CN=scraper");
    sign("client", "ca", "client.ext");
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "stranger.key", "-out", "stranger.csr",
        "-subj", "/CN=stranger");
    sign("stranger", "other-ca", "client.ext");
  }

  private void ca(String name) throws IOException, InterruptedException {
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out",
        name + ".crt", "-days", "2", "-subj", "/CN=" + name,
        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
  }

  private void sign(String name, String ca, String ext) throws IOException, InterruptedException {
    openssl("x509", "-req", "-in", name + ".csr", "-CA", ca + ".crt", "-CAkey", ca + ".key",
        "-CAcreateserial", "-out", name + ".crt", "-days", "2", "-extfile", ext);
  }

  private void write(String name, String content) throws IOException {
    Files.writeString(dir.resolve(name), content);
  }

  private void openssl(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add("openssl");
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    byte[] output = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException("openssl " + command + " failed: " + new String(output, StandardCharsets.UTF_8));
    }
  }

  String path(String name) {
    return dir.resolve(name).toString();
  }

  String read(String name) throws IOException {
    return Files.readString(dir.resolve(name));
  }

  /** A client context trusting {@code ca}, presenting {@code clientCert}.crt/.key if non-null. */
  SSLContext clientContext(String ca, String clientCert) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", Pem.certificates(Files.readAllBytes(dir.resolve(ca + ".crt"))).getFirst());
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(trust);
    KeyManagerFactory kmf = null;
    if (clientCert != null) {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry("client", Pem.privateKey(Files.readAllBytes(dir.resolve(clientCert + ".key"))),
          new char[0], Pem.certificates(Files.readAllBytes(dir.resolve(clientCert + ".crt")))
              .toArray(X509Certificate[]::new));
      kmf = KeyManagerFactory.getInstance("PKIX");
      kmf.init(keys, new char[0]);
    }
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return context;
  }
}
