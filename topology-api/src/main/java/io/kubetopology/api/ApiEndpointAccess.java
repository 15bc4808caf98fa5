package io.kubetopology.api;

/**
 * How clients reach the apiservers: a load balancer with a virtual IP in front of every control
 * plane, or nothing for a single control plane.
 */
public interface ApiEndpointAccess {
  /** The kinds of access this library renders. */
  enum Kind {
    /** haproxy and keepalived as static pods on every control plane, a VIP in front. */
    HAPROXY_KEEPALIVED,
    /** No load balancer: clients talk to the single control plane directly. */
    NONE
  }

  /** Which kind of access this is. */
  Kind kind();

  /**
   * Starts a builder for haproxy and keepalived on the control planes, the setup of the kubeadm HA
   * guide.
   */
  static HaproxyKeepalived.Builder haproxyKeepalived() {
    return HaproxyKeepalived.builder();
  }

  /** Returns direct access to a single control plane, with no load balancer. */
  static ApiEndpointAccess none() {
    return NoApiEndpoint.INSTANCE;
  }
}
