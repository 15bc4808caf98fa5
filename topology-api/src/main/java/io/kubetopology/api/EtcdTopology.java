package io.kubetopology.api;

import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Where etcd runs: stacked (one member on every control plane, managed by kubeadm) or external
 * (members on their own hosts, reached over TLS).
 *
 * <pre>{@code
 * EtcdTopology stacked = EtcdTopology.stacked();
 * EtcdTopology external = EtcdTopology.external()
 *     .addEndpoint("https://10.0.1.11:2379")
 *     .caFile("/etc/kubernetes/pki/etcd/ca.crt")
 *     .certFile("/etc/kubernetes/pki/apiserver-etcd-client.crt")
 *     .keyFile("/etc/kubernetes/pki/apiserver-etcd-client.key")
 *     .build();
 * }</pre>
 */
@Value.Immutable
public interface EtcdTopology extends WithEtcdTopology {
  /** The two etcd topologies of the kubeadm HA guide. */
  enum Kind {
    /** One member per control plane, created by {@code kubeadm init} and {@code join}. */
    STACKED,
    /** Members on dedicated hosts; becomes {@code etcd.external} in ClusterConfiguration. */
    EXTERNAL
  }

  /** Which topology this is. */
  Kind kind();

  /** Client URLs of an external cluster; becomes {@code etcd.external.endpoints}. */
  List<String> endpoints();

  /** CA certificate path of an external cluster; becomes {@code etcd.external.caFile}. */
  Optional<String> caFile();

  /** Client certificate path; becomes {@code etcd.external.certFile}. */
  Optional<String> certFile();

  /** Client key path; becomes {@code etcd.external.keyFile}. */
  Optional<String> keyFile();

  /** Returns the stacked topology, kubeadm's default. */
  static EtcdTopology stacked() {
    return new Builder().kind(Kind.STACKED).build();
  }

  /** Starts a builder for an external etcd cluster. */
  static Builder external() {
    Builder builder = new Builder();
    builder.kind(Kind.EXTERNAL);
    return builder;
  }

  @Value.Check
  default void checkShape() {
    boolean external = kind() == Kind.EXTERNAL;
    if (!external
        && (!endpoints().isEmpty()
            || caFile().isPresent()
            || certFile().isPresent()
            || keyFile().isPresent())) {
      throw new IllegalArgumentException(
          "stacked etcd takes no endpoints or TLS files: use EtcdTopology.external() for those");
    }
    if (external && endpoints().isEmpty()) {
      throw new IllegalArgumentException(
          "external etcd has no endpoints: add the client URL of every member, such as"
              + " https://10.0.1.11:2379");
    }
  }

  /** Builds an {@link EtcdTopology}; {@code addEndpoint} adds one client URL. */
  final class Builder extends ImmutableEtcdTopology.Builder {
    Builder() {}
  }
}
