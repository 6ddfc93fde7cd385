package io.hearth.scrape.http;

import java.net.Authenticator;
import java.net.PasswordAuthentication;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Answers a proxy's authentication challenge with the user and password of the proxy URL ({@code
 * http://user:pass@proxy:3128}), as Go sends them. Server challenges are not answered: target
 * credentials come from the client config, never from a challenge.
 */
final class ProxyAuthenticator extends Authenticator {
  private final String user;
  private final char[] password;

  private ProxyAuthenticator(String user, char[] password) {
    this.user = user;
    this.password = password;
  }

  /** The authenticator for the selector's proxy URL, or null when it carries no user info. */
  static ProxyAuthenticator of(ScrapeProxySelector selector) {
    if (selector == null) {
      return null;
    }
    URI uri = selector.credentialsFrom();
    String info = uri.getRawUserInfo();
    if (info == null || info.isEmpty()) {
      return null;
    }
    int colon = info.indexOf(':');
    String user = unescape(colon < 0 ? info : info.substring(0, colon));
    String password = colon < 0 ? "" : unescape(info.substring(colon + 1));
    return new ProxyAuthenticator(user, password.toCharArray());
  }

  /** Percent-decoding only: unlike a form, user info keeps '+' as itself. */
  private static String unescape(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  @Override
  protected PasswordAuthentication getPasswordAuthentication() {
    if (getRequestorType() != RequestorType.PROXY) {
      return null;
    }
    return new PasswordAuthentication(user, password.clone());
  }
}
