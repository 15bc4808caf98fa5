package io.kubetopology.api;

/**
 * The address clients and joining nodes use for the apiservers: kubeadm's {@code
 * controlPlaneEndpoint}, a DNS name or IP address and a port.
 */
public final class ControlPlaneEndpoint {
  private final String host;
  private final int port;

  private ControlPlaneEndpoint(String host, int port) {
    this.host = host;
    this.port = port;
  }

  /**
   * Creates an endpoint from a host, which is a DNS name or an IP literal, and a port.
   *
   * @throws IllegalArgumentException if the host is blank or the port is outside 1-65535
   */
  public static ControlPlaneEndpoint of(String host, int port) {
    if (host.isBlank()) {
      throw new IllegalArgumentException(
          "control plane endpoint host must not be blank: give a DNS name or an IP address");
    }
    Ports.checkPort("control plane endpoint port", port);
    return new ControlPlaneEndpoint(host, port);
  }

  /**
   * Parses {@code host:port}, with an IPv6 host in brackets: {@code api.example.com:6443}, {@code
   * 10.0.0.100:8443}, {@code [fd00::100]:8443}.
   *
   * @throws IllegalArgumentException if the port is missing or not a number in 1-65535, or the host
   *     is blank
   */
  public static ControlPlaneEndpoint parse(String text) {
    int colon = text.lastIndexOf(':');
    String host = colon < 0 ? "" : text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.indexOf(':') >= 0) {
      colon = -1;
    }
    String port = colon < 0 ? "" : text.substring(colon + 1);
    if (colon < 0 || !port.matches("[0-9]{1,5}")) {
      throw new IllegalArgumentException(
          "invalid control plane endpoint '"
              + text
              + "': expected HOST:PORT such as api.example.com:6443, with an IPv6 host in"
              + " brackets");
    }
    return of(host, Integer.parseInt(port));
  }

  /** Creates an endpoint for an IP address and port. */
  public static ControlPlaneEndpoint of(IpAddress address, int port) {
    return of(address.toString(), port);
  }

  /** Returns the DNS name or IP literal, without brackets. */
  public String host() {
    return host;
  }

  /** Returns the port. */
  public int port() {
    return port;
  }

  /** Returns {@code host:port}, with an IPv6 host in brackets, as kubeadm expects it. */
  @Override
  public String toString() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ControlPlaneEndpoint that
        && host.equals(that.host)
        && port == that.port;
  }

  @Override
  public int hashCode() {
    return host.hashCode() * 31 + port;
  }
}
