package io.kubetopology.render.internal;

import io.kubetopology.api.Secret;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The kubeadm documents of one node, independent of the kubeadm API version. {@link
 * KubeadmDocumentFactory} builds them from a topology and {@link KubeadmYamlTrees} writes them for
 * one API version. Field names follow kubeadm's JSON names.
 *
 * <p>Secret values stay wrapped in {@link Secret}, so the records' {@code toString} never shows
 * them.
 */
final class KubeadmModel {
  private KubeadmModel() {}

  /** One document of {@code kubeadm-config.yaml}. */
  sealed interface Document permits InitConfiguration, ClusterConfiguration, JoinConfiguration {}

  /** A command-line flag of a component: the name without leading dashes, and its value. */
  record Arg(String name, String value) {}

  /**
   * The address one apiserver or etcd member advertises, and the apiserver's port when it is set.
   */
  record ApiEndpoint(String advertiseAddress, OptionalInt bindPort) {}

  /** kubeadm's {@code nodeRegistration}: how the node registers with the cluster. */
  record NodeRegistration(
      String name,
      String criSocket,
      List<Arg> kubeletExtraArgs,
      List<String> ignorePreflightErrors) {}

  /** A bootstrap token created by {@code kubeadm init}. */
  record BootstrapToken(Secret token, String ttl, List<String> usages, List<String> groups) {}

  /**
   * How long kubeadm waits, as Go durations such as {@code 4m0s}: for the control plane components
   * to become healthy, and for a joining node to validate the apiserver's identity.
   */
  record Timeouts(Optional<String> controlPlaneComponentHealthCheck, Optional<String> discovery) {
    static Timeouts none() {
      return new Timeouts(Optional.empty(), Optional.empty());
    }
  }

  /**
   * The {@code InitConfiguration} of the first control plane, or of an etcd host, which has no
   * bootstrap token, certificate key or timeouts.
   */
  record InitConfiguration(
      List<BootstrapToken> bootstrapTokens,
      Optional<Secret> certificateKey,
      ApiEndpoint localApiEndpoint,
      NodeRegistration nodeRegistration,
      Timeouts timeouts)
      implements Document {}

  /**
   * The cluster-wide {@code ClusterConfiguration}, which contains no per-node value except on an
   * etcd host, where {@code etcd.local} describes that host's member.
   */
  record ClusterConfiguration(
      String kubernetesVersion,
      String clusterName,
      Optional<String> controlPlaneEndpoint,
      String imageRepository,
      Optional<Networking> networking,
      List<String> apiServerCertSans,
      List<Arg> apiServerExtraArgs,
      List<Arg> controllerManagerExtraArgs,
      Etcd etcd)
      implements Document {}

  /**
   * kubeadm's {@code networking} block. The subnets are comma-separated lists, one CIDR per address
   * family, as kubeadm reads them.
   */
  record Networking(String dnsDomain, String serviceSubnet, Optional<String> podSubnet) {}

  /** kubeadm's {@code etcd} block: exactly one of {@code local} and {@code external}. */
  sealed interface Etcd permits LocalEtcd, ExternalEtcd {}

  /**
   * An etcd member that kubeadm runs as a static pod: stacked on a control plane, or on an etcd
   * host with the flags and certificate names of that member.
   */
  record LocalEtcd(
      String dataDir, List<Arg> extraArgs, List<String> serverCertSans, List<String> peerCertSans)
      implements Etcd {
    /** Returns stacked etcd in {@code dataDir}, with kubeadm's defaults for everything else. */
    static LocalEtcd stacked(String dataDir) {
      return new LocalEtcd(dataDir, List.of(), List.of(), List.of());
    }
  }

  /** An etcd cluster on its own hosts, reached with the given client TLS files. */
  record ExternalEtcd(
      List<String> endpoints,
      Optional<String> caFile,
      Optional<String> certFile,
      Optional<String> keyFile)
      implements Etcd {}

  /** The {@code JoinConfiguration} of a joining control plane or worker. */
  record JoinConfiguration(
      BootstrapTokenDiscovery discovery,
      Optional<JoinControlPlane> controlPlane,
      NodeRegistration nodeRegistration,
      Timeouts timeouts)
      implements Document {}

  /**
   * kubeadm's {@code discovery.bootstrapToken}: how a joining node finds and trusts the cluster.
   * Without CA pins the node skips the CA check.
   */
  record BootstrapTokenDiscovery(
      Secret token, String apiServerEndpoint, List<String> caCertHashes) {
    /** Returns true if the node skips the CA check: kubeadm's {@code unsafeSkipCAVerification}. */
    boolean unsafeSkipCaVerification() {
      return caCertHashes.isEmpty();
    }
  }

  /** kubeadm's {@code controlPlane} block of a joining control plane. */
  record JoinControlPlane(ApiEndpoint localApiEndpoint, Secret certificateKey) {}
}
