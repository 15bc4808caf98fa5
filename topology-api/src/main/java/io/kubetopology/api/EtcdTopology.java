package io.kubetopology.api;

import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Where etcd runs: stacked (one member on every control plane, managed by kubeadm) or external
 * (members on their own hosts, reached over TLS).
 *
 * <p>An external cluster is one of two kinds. When the topology has nodes with {@link Role#ETCD},
 * the bundle sets that cluster up: every such node is a member, and the apiservers reach the
 * members' client URLs. Explicit endpoints instead name a cluster that the bundle does not manage.
 * The two do not combine, because the rendered {@code --initial-cluster} lists the etcd hosts only
 * and an endpoint outside it would reach another cluster; the validator reports a topology that has
 * both.
 *
 * <pre>{@code
 * EtcdTopology stacked = EtcdTopology.stacked();
 * // Members on the topology's Role.ETCD nodes, with kubeadm's client certificate paths.
 * EtcdTopology managed = EtcdTopology.external().build();
 * // A cluster managed elsewhere.
 * EtcdTopology unmanaged = EtcdTopology.external()
 *     .addEndpoint("https://10.0.1.11:2379")
 *     .addEndpoint("https://10.0.1.12:2379")
 *     .addEndpoint("https://10.0.1.13:2379")
 *     .caFile("/etc/etcd/ca.crt")
 *     .certFile("/etc/etcd/apiserver-client.crt")
 *     .keyFile("/etc/etcd/apiserver-client.key")
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

  /** kubeadm's path of the etcd CA certificate, which {@link #external()} starts with. */
  String DEFAULT_CA_FILE = "/etc/kubernetes/pki/etcd/ca.crt";

  /** kubeadm's path of the apiserver's etcd client certificate. */
  String DEFAULT_CERT_FILE = "/etc/kubernetes/pki/apiserver-etcd-client.crt";

  /** kubeadm's path of the apiserver's etcd client key. */
  String DEFAULT_KEY_FILE = "/etc/kubernetes/pki/apiserver-etcd-client.key";

  /** Which topology this is. */
  Kind kind();

  /**
   * Client URLs of an external cluster that the bundle does not manage; they become {@code
   * etcd.external.endpoints}. Empty when the members are the topology's etcd hosts.
   */
  List<String> endpoints();

  /** CA certificate path of an external cluster; becomes {@code etcd.external.caFile}. */
  Optional<String> caFile();

  /** Client certificate path; becomes {@code etcd.external.certFile}. */
  Optional<String> certFile();

  /** Client key path; becomes {@code etcd.external.keyFile}. */
  Optional<String> keyFile();

  /** Returns true for an external cluster, false for stacked etcd. */
  default boolean isExternal() {
    return kind() == Kind.EXTERNAL;
  }

  /** Returns the stacked topology, kubeadm's default. */
  static EtcdTopology stacked() {
    return new Builder().kind(Kind.STACKED).build();
  }

  /**
   * Starts a builder for an external etcd cluster, with the TLS files at kubeadm's paths: {@value
   * #DEFAULT_CA_FILE}, {@value #DEFAULT_CERT_FILE} and {@value #DEFAULT_KEY_FILE}. The apiservers
   * present that client certificate to etcd.
   */
  static Builder external() {
    Builder builder = new Builder();
    builder.kind(Kind.EXTERNAL).caFile(DEFAULT_CA_FILE).certFile(DEFAULT_CERT_FILE);
    builder.keyFile(DEFAULT_KEY_FILE);
    return builder;
  }

  @Value.Check
  default void checkShape() {
    if (!isExternal()
        && (!endpoints().isEmpty()
            || caFile().isPresent()
            || certFile().isPresent()
            || keyFile().isPresent())) {
      throw new IllegalArgumentException(
          "stacked etcd takes no endpoints or TLS files: use EtcdTopology.external() for those");
    }
  }

  /** Builds an {@link EtcdTopology}; {@code addEndpoint} adds one client URL. */
  final class Builder extends ImmutableEtcdTopology.Builder {
    Builder() {}

    /**
     * Removes the CA, certificate and key paths, for an unmanaged cluster that serves plain {@code
     * http} endpoints. kubeadm accepts plain {@code http} only when none of the three is set.
     */
    public Builder clearTlsFiles() {
      caFile(Optional.empty());
      certFile(Optional.empty());
      keyFile(Optional.empty());
      return this;
    }
  }
}
