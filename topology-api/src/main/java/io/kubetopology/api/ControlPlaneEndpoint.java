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
