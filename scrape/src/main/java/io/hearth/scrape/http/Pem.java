package io.hearth.scrape.http;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * PEM certificates and private keys as Go's {@code crypto/tls} accepts them: any number of {@code
 * CERTIFICATE} blocks, and a key in PKCS#8 ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY})
 * or SEC1 ({@code EC PRIVATE KEY}) form. The JDK reads only PKCS#8, so the other two are wrapped
 * into a PKCS#8 {@code PrivateKeyInfo} here.
 */
public final class Pem {
  private static final byte[] RSA_ALGORITHM = {
    0x30,
    0x0d,
    0x06,
    0x09,
    0x2a,
    (byte) 0x86,
    0x48,
    (byte) 0x86,
    (byte) 0xf7,
    0x0d,
    0x01,
    0x01,
    0x01,
    0x05,
    0x00
  };
  private static final byte[] EC_PUBLIC_KEY_OID = {
    0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01
  };

  private Pem() {}

  /** One {@code -----BEGIN type-----} block. */
  public record Block(String type, byte[] der) {}

  public static List<Block> blocks(byte[] pem) {
    String text = new String(pem, StandardCharsets.ISO_8859_1);
    List<Block> out = new ArrayList<>();
    int at = 0;
    while (true) {
      int begin = text.indexOf("-----BEGIN ", at);
      if (begin < 0) {
        return out;
      }
      int typeEnd = text.indexOf("-----", begin + 11);
      if (typeEnd < 0) {
        return out;
      }
      String type = text.substring(begin + 11, typeEnd);
      String endMarker = "-----END " + type + "-----";
      int end = text.indexOf(endMarker, typeEnd + 5);
      if (end < 0) {
        return out;
      }
      String body = text.substring(typeEnd + 5, end);
      at = end + endMarker.length();
      if (body.indexOf(':') >= 0) {
        continue; // RFC 1421 headers mean an encrypted block, which Go does not read either.
      }
      try {
        out.add(new Block(type, Base64.getMimeDecoder().decode(body.strip())));
      } catch (IllegalArgumentException e) {
        // Go's pem.Decode skips a block whose base64 is broken; so do we.
      }
    }
  }

  /** All {@code CERTIFICATE} blocks; an empty list if there are none. */
  public static List<X509Certificate> certificates(byte[] pem) throws CertificateException {
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    List<X509Certificate> certs = new ArrayList<>();
    for (Block block : blocks(pem)) {
      if (block.type().equals("CERTIFICATE")) {
        certs.add(
            (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
      }
    }
    return certs;
  }

  /** The first private key block, in any of the three encodings. */
  public static PrivateKey privateKey(byte[] pem) throws GeneralSecurityException {
    List<Block> blocks = blocks(pem);
    if (blocks.isEmpty()) {
      throw new GeneralSecurityException("tls: failed to find any PEM data in key input");
    }
    for (Block block : blocks) {
      byte[] pkcs8 =
          switch (block.type()) {
            case "PRIVATE KEY" -> block.der();
            case "RSA PRIVATE KEY" -> sequence(RSA_ALGORITHM, block.der());
            case "EC PRIVATE KEY" -> sequence(ecAlgorithm(block.der()), block.der());
            default -> null;
          };
      if (pkcs8 != null) {
        return decodePkcs8(pkcs8);
      }
    }
    throw new GeneralSecurityException(
        "tls: failed to find PEM block with type ending in \"PRIVATE KEY\" in key input");
  }

  private static PrivateKey decodePkcs8(byte[] pkcs8) throws GeneralSecurityException {
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(pkcs8);
    for (String algorithm : new String[] {"RSA", "EC", "Ed25519", "RSASSA-PSS"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException e) {
        // Try the next algorithm: the spec does not say which one it holds.
      }
    }
    throw new GeneralSecurityException("tls: failed to parse private key");
  }

  /** PKCS#8 {@code SEQUENCE { INTEGER 0, algorithm, OCTET STRING key }}. */
  private static byte[] sequence(byte[] algorithm, byte[] key) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(new byte[] {0x02, 0x01, 0x00});
    body.writeBytes(algorithm);
    body.write(0x04);
    writeLength(body, key.length);
    body.writeBytes(key);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x30);
    writeLength(out, body.size());
    out.writeBytes(body.toByteArray());
    return out.toByteArray();
  }

  /**
   * The PKCS#8 algorithm identifier for a SEC1 key: id-ecPublicKey with the curve OID that SEC1
   * carries in its {@code [0] parameters} field.
   */
  private static byte[] ecAlgorithm(byte[] sec1) throws GeneralSecurityException {
    int[] pos = {0};
    if (readTag(sec1, pos) != 0x30) {
      throw new GeneralSecurityException("x509: failed to parse EC private key");
    }
    int end = readLength(sec1, pos) + pos[0];
    while (pos[0] < end) {
      int tag = readTag(sec1, pos);
      int length = readLength(sec1, pos);
      if (tag == 0xa0) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(EC_PUBLIC_KEY_OID);
        body.write(sec1, pos[0], length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        writeLength(out, body.size());
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
      }
      pos[0] += length;
    }
    throw new GeneralSecurityException("x509: EC private key has no named curve");
  }

  private static int readTag(byte[] der, int[] pos) throws GeneralSecurityException {
    if (pos[0] >= der.length) {
      throw new GeneralSecurityException("x509: failed to parse EC private key");
    }
    return der[pos[0]++] & 0xff;
  }

  private static int readLength(byte[] der, int[] pos) throws GeneralSecurityException {
    int first = readTag(der, pos);
    if (first < 0x80) {
      return first;
    }
    int bytes = first & 0x7f;
    if (bytes == 0 || bytes > 3) {
      throw new GeneralSecurityException("x509: failed to parse EC private key");
    }
    int length = 0;
    for (int i = 0; i < bytes; i++) {
      length = length << 8 | readTag(der, pos);
    }
    if (pos[0] + length > der.length) {
      throw new GeneralSecurityException("x509: failed to parse EC private key");
    }
    return length;
  }

  private static void writeLength(ByteArrayOutputStream out, int length) {
    if (length < 0x80) {
      out.write(length);
    } else if (length < 0x100) {
      out.write(0x81);
      out.write(length);
    } else if (length < 0x10000) {
      out.write(0x82);
      out.write(length >> 8);
      out.write(length);
    } else {
      out.write(0x83);
      out.write(length >> 16);
      out.write(length >> 8);
      out.write(length);
    }
  }
}
