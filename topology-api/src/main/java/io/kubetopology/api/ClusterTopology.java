package io.kubetopology.api;

import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A whole cluster: its nodes, where etcd runs, how clients reach the apiservers, its address
 * ranges, images and secrets. The root value that the validator checks and the renderer turns into
 * a bundle.
 *
 * <pre>{@code
 * ClusterTopology topology = ClusterTopology.builder()
 *     .name("prod-eu1")
 *     .kubernetesVersion("v1.33.4")
 *     .addNodes(
 *         Node.controlPlane("cp-1", "10.0.0.11/24"),
 *         Node.controlPlane("cp-2", "10.0.0.12/24"),
 *         Node.controlPlane("cp-3", "10.0.0.13/24"),
 *         Node.worker("worker-1", "10.0.0.21/24"))
 *     .etcd(EtcdTopology.stacked())
 *     .apiEndpoint(ApiEndpointAccess.haproxyKeepalived()
 *         .virtualIp("10.0.0.100")
 *         .interfaceName("eth0")
 *         .frontendPort(8443)
 *         .build())
 *     .networking(Networking.builder().podSubnet("10.244.0.0/16").build())
 *     .build();
 * }</pre>
 */
@Value.Immutable
public interface ClusterTopology extends WithClusterTopology {
  /** kubeadm's default apiserver port. */
  int DEFAULT_API_SERVER_PORT = 6443;

  /** The cluster name; ClusterConfiguration's {@code clusterName}, a DNS-1123 label. */
  String name();

  /** The Kubernetes version; selects the kubeadm configuration API version. */
  KubernetesVersion kubernetesVersion();

  /**
   * The nodes, in the order given. The first control plane runs {@code kubeadm init}; the others
   * join in order.
   */
  List<Node> nodes();

  /** Where etcd runs; stacked by default. */
  @Value.Default
  default EtcdTopology etcd() {
    return EtcdTopology.stacked();
  }

  /** How clients reach the apiservers; none by default, which suits one control plane only. */
  @Value.Default
  default ApiEndpointAccess apiEndpoint() {
    return ApiEndpointAccess.none();
  }

  /**
   * The endpoint written as {@code controlPlaneEndpoint}. When empty it is derived: the virtual IP
   * and the frontend port behind a load balancer, or nothing for direct access.
   */
  Optional<ControlPlaneEndpoint> controlPlaneEndpoint();

  /** The port every apiserver binds; {@code localAPIEndpoint.bindPort}, 6443 by default. */
  @Value.Default.Int(DEFAULT_API_SERVER_PORT)
  int apiServerPort();

  /** Extra names and addresses for the apiserver certificate; {@code apiServer.certSANs}. */
  List<String> extraCertSans();

  /** The address ranges; kubeadm's defaults unless set. */
  @Value.Default
  default Networking networking() {
    return Networking.defaults();
  }

  /** The pinned container images. */
  @Value.Default
  default ImageSettings images() {
    return ImageSettings.defaults();
  }

  /** The given secrets; any that are missing are generated at render time. */
  @Value.Default
  default ClusterSecrets secrets() {
    return ClusterSecrets.none();
  }

  /**
   * Returns the control-plane nodes in topology order. Computed on first use and kept, because the
   * renderers ask for them once per node.
   */
  @Value.Lazy
  default List<Node> controlPlanes() {
    return nodes().stream().filter(Node::isControlPlane).toList();
  }

  /**
   * Returns the members of the external etcd cluster that the bundle sets up: one per node with
   * {@link Role#ETCD}, in topology order.
   */
  default List<EtcdMember> etcdMembers() {
    return nodes().stream().filter(node -> node.hasRole(Role.ETCD)).map(EtcdMember::of).toList();
  }

  /**
   * Returns the etcd client URLs the apiservers use, {@code etcd.external.endpoints}: the explicit
   * endpoints when given, else the client URLs of {@link #etcdMembers()}. Empty for stacked etcd.
   */
  default List<String> etcdEndpoints() {
    if (!etcd().isExternal()) {
      return List.of();
    }
    if (!etcd().endpoints().isEmpty()) {
      return etcd().endpoints();
    }
    return etcdMembers().stream().map(EtcdMember::clientUrl).toList();
  }

  /**
   * Returns the endpoint kubeadm will use: the explicit one, else the one the API endpoint access
   * gives (such as the virtual IP and the frontend port), else empty.
   */
  default Optional<ControlPlaneEndpoint> effectiveControlPlaneEndpoint() {
    if (controlPlaneEndpoint().isPresent()) {
      return controlPlaneEndpoint();
    }
    return apiEndpoint().endpoint(apiServerPort());
  }

  /** Starts a builder. */
  static Builder builder() {
    return new Builder();
  }

  @Value.Check
  default void checkShape() {
    if (name().isBlank()) {
      throw new IllegalArgumentException(
          "cluster name must not be blank: give a DNS-1123 label such as prod-eu1");
    }
    Ports.checkPort("apiserver port", apiServerPort());
  }

  /** Builds a {@link ClusterTopology}; {@code addNode} and {@code addNodes} append nodes. */
  final class Builder extends ImmutableClusterTopology.Builder {
    Builder() {}

    /**
     * Sets the Kubernetes version from text such as {@code v1.33.4}.
     *
     * @throws IllegalArgumentException if the text is not {@code vMAJOR.MINOR.PATCH}
     */
    public Builder kubernetesVersion(String version) {
      return kubernetesVersion(KubernetesVersion.parse(version));
    }
  }
}
