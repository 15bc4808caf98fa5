package io.kubetopology.api;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The way clients reach the apiservers: haproxy and keepalived with a virtual IP, kube-vip with a
 * virtual IP, an external load balancer, or nothing for a single control plane. The access value
 * alone selects what the renderer writes for the load balancer.
 *
 * <pre>{@code
 * ApiEndpointAccess onControlPlanes = ApiEndpointAccess.haproxyKeepalived()
 *     .virtualIp("10.0.0.100").interfaceName("eth0").build();
 * ApiEndpointAccess onOwnHosts = ApiEndpointAccess.haproxyKeepalived()
 *     .placement(HaproxyKeepalived.Placement.LOAD_BALANCER_HOSTS)
 *     .virtualIp("10.0.0.100").interfaceName("eth0").frontendPort(6443).build();
 * ApiEndpointAccess arp = ApiEndpointAccess.kubeVip()
 *     .virtualIp("10.0.0.100").interfaceName("eth0").build();
 * ApiEndpointAccess external = ApiEndpointAccess.externalLoadBalancer()
 *     .host("api.prod.example.com").port(6443).workerLocalProxyPort(6443).build();
 * }</pre>
 */
public interface ApiEndpointAccess {
  /** The kinds of access this library renders. */
  enum Kind {
    /**
     * haproxy and keepalived with a VIP in front: on the control planes as static pods or as OS
     * services, or on dedicated load-balancer hosts.
     */
    HAPROXY_KEEPALIVED,
    /** kube-vip static pods on the control planes, announcing a VIP by ARP. */
    KUBE_VIP,
    /** A load balancer that this library does not configure, given by address or DNS name. */
    EXTERNAL_LOAD_BALANCER,
    /** No load balancer: clients talk to the single control plane directly. */
    NONE
  }

  /** Which kind of access this is. */
  Kind kind();

  /**
   * The loopback port of a haproxy static pod on every worker that balances over all control
   * planes; the workers' kubelet then uses {@code https://127.0.0.1:PORT}. Empty means workers use
   * the control plane endpoint. The apiserver port, 6443 by default, is a good choice: workers run
   * no apiserver.
   */
  default OptionalInt workerLocalProxyPort() {
    return OptionalInt.empty();
  }

  /**
   * Returns the endpoint this access gives clients, written as kubeadm's {@code
   * controlPlaneEndpoint} unless the topology sets one, or empty for direct access.
   *
   * @param apiServerPort the port every apiserver binds, for access that forwards to it unchanged
   */
  Optional<ControlPlaneEndpoint> endpoint(int apiServerPort);

  /**
   * Starts a builder for haproxy and keepalived, by default as static pods on the control planes,
   * the setup of the kubeadm HA guide.
   */
  static HaproxyKeepalived.Builder haproxyKeepalived() {
    return HaproxyKeepalived.builder();
  }

  /** Starts a builder for kube-vip static pods on the control planes in ARP mode. */
  static KubeVip.Builder kubeVip() {
    return KubeVip.builder();
  }

  /** Starts a builder for an external load balancer given by address or DNS name. */
  static ExternalLoadBalancer.Builder externalLoadBalancer() {
    return ExternalLoadBalancer.builder();
  }

  /** Returns direct access to a single control plane, with no load balancer. */
  static ApiEndpointAccess none() {
    return NoApiEndpoint.INSTANCE;
  }
}
