package io.hearth.scrape.http;

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
 * Throwaway certificates made with the {@code openssl} CLI in a temporary directory: a CA, a server
 * certificate for 127.0.0.1, localhost and scrape.test, an EC client certificate, and a second,
 * unrelated CA with its own server certificate. Keys come in PKCS#8, PKCS#1 and SEC1.
 */
final class TestPki {
  final Path dir;

  TestPki(Path dir) throws IOException, InterruptedException {
    this.dir = dir;
    ca("ca");
    ca("other-ca");
    write(
        "server.ext",
        "subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:scrape.test\n"
            + "extendedKeyUsage=serverAuth\n");
    write("client.ext", "extendedKeyUsage=clientAuth\n");
    openssl(
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "server.key",
        "-out",
        "server.csr",
        "-subj",
        "/CN=server");
    sign("server", "ca", "server.ext");
    openssl(
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "other-server.key",
        "-out",
        "other-server.csr",
        "-subj",
        "/CN=other-server");
    sign("other-server", "other-ca", "server.ext");
    openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "client-sec1.key");
    openssl("pkcs8", "-topk8", "-nocrypt", "-in", "client-sec1.key", "-out", "client.key");
    openssl("req", "-new", "-key", "client.key", "-out", "client.csr", "-subj", "/CN=scraper");
    sign("client", "ca", "client.ext");
    openssl(
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "client-rsa.key",
        "-out",
        "client-rsa.csr",
        "-subj",
        "/CN=rsa-scraper");
    sign("client-rsa", "ca", "client.ext");
    openssl("rsa", "-in", "client-rsa.key", "-traditional", "-out", "client-rsa-pkcs1.key");
  }

  private void ca(String name) throws IOException, InterruptedException {
    openssl(
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        name + ".key",
        "-out",
        name + ".crt",
        "-days",
        "2",
        "-subj",
        "/CN=" + name,
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign");
  }

  private void sign(String name, String ca, String ext) throws IOException, InterruptedException {
    openssl(
        "x509",
        "-req",
        "-in",
        name + ".csr",
        "-CA",
        ca + ".crt",
        "-CAkey",
        ca + ".key",
        "-CAcreateserial",
        "-out",
        name + ".crt",
        "-days",
        "2",
        "-extfile",
        ext);
  }

  private void write(String name, String content) throws IOException {
    Files.writeString(dir.resolve(name), content);
  }

  private void openssl(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add("openssl");
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    byte[] output = p.getInputStream().readAllBytes();
    if (p.waitFor(60, TimeUnit.SECONDS) == false || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException(
          "openssl " + command + " failed: " + new String(output, StandardCharsets.UTF_8));
    }
  }

  String path(String name) {
    return dir.resolve(name).toString();
  }

  String read(String name) throws IOException {
    return Files.readString(dir.resolve(name));
  }

  /** A server context presenting {@code name}.crt/.key, trusting {@code clientCa} if non-null. */
  SSLContext serverContext(String name, String clientCa) throws Exception {
    List<X509Certificate> chain = Pem.certificates(Files.readAllBytes(dir.resolve(name + ".crt")));
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry(
        "server",
        Pem.privateKey(Files.readAllBytes(dir.resolve(name + ".key"))),
        new char[0],
        chain.toArray(X509Certificate[]::new));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
    kmf.init(keys, new char[0]);
    TrustManagerFactory tmf = null;
    if (clientCa != null) {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry(
          "ca", Pem.certificates(Files.readAllBytes(dir.resolve(clientCa + ".crt"))).getFirst());
      tmf = TrustManagerFactory.getInstance("PKIX");
      tmf.init(trust);
    }
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
    return context;
  }
}
