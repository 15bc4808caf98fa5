package io.kubetopology.api;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * One machine of the cluster: its name, its address on the cluster network and what it does.
 *
 * <pre>{@code
 * Node cp1 = Node.controlPlane("cp-1", "10.0.0.11/24");
 * Node edge = Node.builder()
 *     .name("worker-1")
 *     .address("10.0.0.21/24")
 *     .interfaceName("ens192")
 *     .addRole(Role.WORKER)
 *     .putLabel("topology.kubernetes.io/zone", "eu-1a")
 *     .build();
 * }</pre>
 */
@Value.Immutable
public interface Node extends WithNode {
  /** The default CRI socket, containerd's; becomes {@code nodeRegistration.criSocket}. */
  String DEFAULT_CRI_SOCKET = "unix:///var/run/containerd/containerd.sock";

  /**
   * The node name; becomes {@code nodeRegistration.name} and the Kubernetes Node name. kubeadm
   * requires a lowercase DNS-1123 subdomain, which the validator checks.
   */
  String name();

  /**
   * The node's address on the cluster network with its prefix length. The address becomes the
   * apiserver {@code advertiseAddress} and kubelet {@code node-ip}; the prefix gives the subnet of
   * the node, which decides where a virtual IP may live.
   */
  InterfaceAddress address();

  /**
   * The network interface that carries {@link #address()}, such as {@code eth0}; keepalived's
   * {@code interface}. When empty, the interface of the API endpoint applies.
   */
  Optional<String> interfaceName();

  /** The node's roles. */
  Set<Role> roles();

  /** Node labels, passed to kubelet as {@code node-labels}. */
  Map<String, String> labels();

  /** The container runtime socket; becomes {@code nodeRegistration.criSocket}. */
  @Value.Default
  default String criSocket() {
    return DEFAULT_CRI_SOCKET;
  }

  /** Returns true if this node has {@code role}. */
  default boolean hasRole(Role role) {
    return roles().contains(role);
  }

  /** Returns true if this node runs a control plane. */
  default boolean isControlPlane() {
    return hasRole(Role.CONTROL_PLANE);
  }

  /**
   * Creates a control-plane node.
   *
   * @param address the node's address with prefix length, such as {@code 10.0.0.11/24}
   * @throws IllegalArgumentException if the name is blank or the address is malformed
   */
  static Node controlPlane(String name, String address) {
    return builder().name(name).address(address).addRole(Role.CONTROL_PLANE).build();
  }

  /**
   * Creates a worker node.
   *
   * @param address the node's address with prefix length, such as {@code 10.0.0.21/24}
   * @throws IllegalArgumentException if the name is blank or the address is malformed
   */
  static Node worker(String name, String address) {
    return builder().name(name).address(address).addRole(Role.WORKER).build();
  }

  /**
   * Creates a dedicated etcd host of an external etcd cluster. The node name becomes the etcd
   * member name.
   *
   * @param address the host's address with prefix length, such as {@code 10.0.1.11/24}
   * @throws IllegalArgumentException if the name is blank or the address is malformed
   */
  static Node etcd(String name, String address) {
    return builder().name(name).address(address).addRole(Role.ETCD).build();
  }

  /** Starts a builder for a node with any roles. */
  static Builder builder() {
    return new Builder();
  }

  @Value.Check
  default void checkShape() {
    if (name().isBlank()) {
      throw new IllegalArgumentException("node name must not be blank: give each node a name");
    }
    if (roles().isEmpty()) {
      throw new IllegalArgumentException(
          "node '" + name() + "' has no role: add Role.CONTROL_PLANE, Role.WORKER or another role");
    }
  }

  /**
   * Builds a {@link Node}. Setters are named after the attributes; {@code addRole} and {@code
   * putLabel} add one entry.
   */
  final class Builder extends ImmutableNode.Builder {
    Builder() {}

    /**
     * Sets the address from text such as {@code 10.0.0.11/24}.
     *
     * @throws IllegalArgumentException if the text is not {@code ADDRESS/PREFIX}
     */
    public Builder address(String address) {
      return address(InterfaceAddress.parse(address));
    }
  }
}
