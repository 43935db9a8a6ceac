package dev.mlsec.server.notify;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;

/**
 * Where a webhook may point. http and https only, no user info; and unless the admin started the
 * server with {@code --webhook-allow-private}, no host that resolves to a loopback, private,
 * link-local, unique-local, carrier-grade NAT, multicast or unspecified address: a webhook URL is a
 * request the server makes on someone's behalf, and must not reach what only the server can.
 */
public final class Targets {
  public static final int MAX_URL = 2_000;

  private Targets() {}

  /** Why {@code url} may not be a webhook, or null when it may (resolving its host now). */
  public static String refusal(String url, boolean allowPrivate) {
    if (url == null || url.isEmpty()) return "url is required";
    if (url.length() > MAX_URL) return "url has more than " + MAX_URL + " characters";
    URI u;
    try {
      u = new URI(url);
    } catch (URISyntaxException e) {
      return "url " + url + " is not a URL: " + e.getReason();
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme();
    if (!scheme.equals("http") && !scheme.equals("https"))
      return "url must be http or https, not " + (scheme.isEmpty() ? "a relative URL" : scheme);
    if (u.getHost() == null) return "url " + url + " has no host";
    if (u.getRawUserInfo() != null) return "url must not carry a user or password";
    if (allowPrivate) return null;
    InetAddress[] all;
    try {
      all = InetAddress.getAllByName(u.getHost());
    } catch (UnknownHostException e) {
      return "the host " + u.getHost() + " does not resolve";
    }
    for (InetAddress a : all) {
      if (internal(a))
        return "the host "
            + u.getHost()
            + " is "
            + a.getHostAddress()
            + ", a loopback or private address (the server refuses them unless started with"
            + " --webhook-allow-private)";
    }
    return null;
  }

  static boolean internal(InetAddress a) {
    if (a.isLoopbackAddress()
        || a.isAnyLocalAddress()
        || a.isLinkLocalAddress()
        || a.isSiteLocalAddress()
        || a.isMulticastAddress()) return true;
    byte[] b = a.getAddress();
    if (a instanceof Inet6Address) {
      if ((b[0] & 0xfe) == 0xfc) return true; // fc00::/7 unique local
      boolean mapped = true; // ::ffff:a.b.c.d
      for (int i = 0; i < 10; i++) mapped &= b[i] == 0;
      mapped &= (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
      if (mapped) {
        try {
          return internal(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
        } catch (UnknownHostException e) {
          return true;
        }
      }
      return false;
    }
    int first = b[0] & 0xff;
    int second = b[1] & 0xff;
    return first == 0 // 0.0.0.0/8
        || (first == 100 && second >= 64 && second < 128) // 100.64.0.0/10 carrier-grade NAT
        || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // 192.0.0.0/24
        || (first == 198 && (second == 18 || second == 19)) // 198.18.0.0/15 benchmarking
        || first >= 240; // reserved and broadcast
  }
}
