package io.hearth.scrape.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Chooses the proxy for a request as Prometheus does: {@code proxy_url} for every request, or, with
 * {@code no_proxy} or {@code proxy_from_environment}, Go's {@code httpproxy} rules (requests to
 * localhost and loopback addresses and those matching {@code no_proxy} go direct). Only plain HTTP
 * proxies exist in the JDK client, so https and SOCKS proxy URLs are refused when the client is
 * built. Immutable and thread-safe.
 */
final class ScrapeProxySelector extends ProxySelector {
  private static final List<Proxy> DIRECT = List.of(Proxy.NO_PROXY);

  private final List<Proxy> httpProxy;
  private final List<Proxy> httpsProxy;
  private final boolean usesNoProxyRules;
  private final List<NoProxyEntry> noProxy;
  private final boolean noProxyAll;
  private final URI credentialsFrom;

  private ScrapeProxySelector(
      URI http, URI https, boolean usesNoProxyRules, String noProxy, URI credentialsFrom) {
    this.httpProxy = http == null ? DIRECT : List.of(proxy(http));
    this.httpsProxy = https == null ? DIRECT : List.of(proxy(https));
    this.usesNoProxyRules = usesNoProxyRules;
    this.noProxy = new ArrayList<>();
    boolean all = false;
    for (String entry : noProxy.split(",")) {
      String p = entry.strip().toLowerCase(Locale.ROOT);
      if (p.equals("*")) {
        all = true;
      } else if (p.isEmpty() == false) {
        this.noProxy.add(NoProxyEntry.parse(p));
      }
    }
    this.noProxyAll = all;
    this.credentialsFrom = credentialsFrom;
  }

  /**
   * The selector for a proxy config, or null when requests go direct.
   *
   * @throws IllegalArgumentException for an invalid or unsupported proxy URL
   */
  static ScrapeProxySelector of(
      String proxyUrl, String noProxy, boolean fromEnvironment, Map<String, String> env) {
    if (fromEnvironment) {
      URI http = envProxy(env, "HTTP_PROXY");
      URI https = envProxy(env, "HTTPS_PROXY");
      if (http == null && https == null) {
        return null;
      }
      String no = env.getOrDefault("NO_PROXY", env.getOrDefault("no_proxy", ""));
      return new ScrapeProxySelector(http, https, true, no, http != null ? http : https);
    }
    if (proxyUrl == null || proxyUrl.isEmpty()) {
      return null;
    }
    URI uri = parse(proxyUrl, "proxy_url");
    boolean rules = noProxy != null && noProxy.isEmpty() == false;
    return new ScrapeProxySelector(uri, uri, rules, rules ? noProxy : "", uri);
  }

  private static URI envProxy(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null || value.isEmpty()) {
      value = env.get(name.toLowerCase(Locale.ROOT));
    }
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (value.contains("://") == false) {
      value = "http://" + value; // Go's httpproxy assumes http for a bare host:port.
    }
    return parse(value, name);
  }

  private static URI parse(String text, String field) {
    URI uri;
    try {
      uri = new URI(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(
          "invalid " + field + " \"" + text + "\": " + e.getMessage());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("http") == false) {
      throw new IllegalArgumentException(
          "unsupported proxy scheme \""
              + scheme
              + "\" in "
              + field
              + ": only http:// proxies are supported (https, socks5 and socks5h are not)");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("invalid " + field + " \"" + text + "\": no host");
    }
    return uri;
  }

  private static Proxy proxy(URI uri) {
    int port = uri.getPort() < 0 ? 80 : uri.getPort();
    return new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(uri.getHost(), port));
  }

  /** The proxy URL whose user info, if any, authenticates to the proxy. */
  URI credentialsFrom() {
    return credentialsFrom;
  }

  @Override
  public List<Proxy> select(URI uri) {
    boolean https = "https".equalsIgnoreCase(uri.getScheme());
    List<Proxy> proxy = https ? httpsProxy : httpProxy;
    if (usesNoProxyRules == false || proxy == DIRECT) {
      return proxy;
    }
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    InetAddress ip = literal(host);
    if (host.equals("localhost") || (ip != null && ip.isLoopbackAddress())) {
      return DIRECT;
    }
    if (noProxyAll) {
      return DIRECT;
    }
    String port = String.valueOf(uri.getPort() >= 0 ? uri.getPort() : https ? 443 : 80);
    for (NoProxyEntry entry : noProxy) {
      if (entry.matches(host, port, ip)) {
        return DIRECT;
      }
    }
    return proxy;
  }

  @Override
  public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {}

  static InetAddress literal(String host) {
    try {
      return InetAddress.ofLiteral(host);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** One {@code no_proxy} entry: an IP (with optional port), a CIDR, or a domain suffix. */
  private record NoProxyEntry(
      InetAddress ip,
      InetAddress network,
      int prefix,
      String domain,
      boolean matchHost,
      String port) {
    static NoProxyEntry parse(String p) {
      int slash = p.indexOf('/');
      if (slash > 0) {
        InetAddress network = literal(p.substring(0, slash));
        if (network != null) {
          try {
            int prefix = Integer.parseInt(p.substring(slash + 1));
            return new NoProxyEntry(null, network, prefix, null, false, "");
          } catch (NumberFormatException e) {
            // Not a CIDR; treat as a host name below, as Go does.
          }
        }
      }
      String host = p;
      String port = "";
      int colon = p.lastIndexOf(':');
      if (colon > 0 && p.indexOf(':') == colon) {
        host = p.substring(0, colon);
        port = p.substring(colon + 1);
      } else if (p.startsWith("[") && p.contains("]:")) {
        host = p.substring(1, p.indexOf("]:"));
        port = p.substring(p.indexOf("]:") + 2);
      }
      InetAddress ip = literal(host);
      if (ip != null) {
        return new NoProxyEntry(ip, null, 0, null, false, port);
      }
      if (host.startsWith("*.")) {
        host = host.substring(1);
      }
      boolean matchHost = false;
      if (host.startsWith(".") == false) {
        matchHost = true;
        host = "." + host;
      }
      return new NoProxyEntry(null, null, 0, host, matchHost, port);
    }

    boolean matches(String host, String requestPort, InetAddress requestIp) {
      if (network != null) {
        return requestIp != null && inNetwork(requestIp);
      }
      boolean portOk = port.isEmpty() || port.equals(requestPort);
      if (ip != null) {
        return requestIp != null && ip.equals(requestIp) && portOk;
      }
      boolean hostOk = host.endsWith(domain) || (matchHost && host.equals(domain.substring(1)));
      return hostOk && portOk;
    }

    private boolean inNetwork(InetAddress address) {
      byte[] a = address.getAddress();
      byte[] n = network.getAddress();
      if (a.length != n.length) {
        return false;
      }
      int bits = prefix;
      for (int i = 0; i < a.length && bits > 0; i++, bits -= 8) {
        int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
        if ((a[i] & mask) != (n[i] & mask)) {
          return false;
        }
      }
      return true;
    }
  }
}
