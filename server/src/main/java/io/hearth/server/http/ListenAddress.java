package io.hearth.server.http;

import java.net.InetSocketAddress;

/**
 * A {@code --web.listen-address} value, {@code host:port} as Go's {@code net.SplitHostPort} reads
 * it: {@code :9090} and {@code 0.0.0.0:9090} listen on every interface, an IPv6 host is written in
 * brackets ({@code [::1]:9090}).
 *
 * @param host the host, empty for every interface
 * @param port the port, 0 for any free one
 */
public record ListenAddress(String host, int port) {
  public static final ListenAddress DEFAULT = new ListenAddress("0.0.0.0", 9090);

  public ListenAddress {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be in [0, 65535], got " + port);
    }
  }

  /**
   * Parses {@code host:port}.
   *
   * @throws IllegalArgumentException with Go's wording, e.g. {@code address 9090: missing port in
   *     address}
   */
  public static ListenAddress parse(String s) {
    String host;
    String port;
    if (s.startsWith("[")) {
      int close = s.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("address " + s + ": missing ']' in address");
      }
      if (close + 1 >= s.length() || s.charAt(close + 1) != ':') {
        throw new IllegalArgumentException("address " + s + ": missing port in address");
      }
      host = s.substring(1, close);
      port = s.substring(close + 2);
    } else {
      int colon = s.lastIndexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException("address " + s + ": missing port in address");
      }
      host = s.substring(0, colon);
      if (host.indexOf(':') >= 0) {
        throw new IllegalArgumentException("address " + s + ": too many colons in address");
      }
      port = s.substring(colon + 1);
    }
    int p;
    try {
      p = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("address " + s + ": invalid port \"" + port + "\"");
    }
    if (p < 0 || p > 65535) {
      throw new IllegalArgumentException("address " + s + ": invalid port \"" + port + "\"");
    }
    return new ListenAddress(host, p);
  }

  /** The socket address to bind: the wildcard address when the host is empty. */
  public InetSocketAddress toSocketAddress() {
    return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
  }

  @Override
  public String toString() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
