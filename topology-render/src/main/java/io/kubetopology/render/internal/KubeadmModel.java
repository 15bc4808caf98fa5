package io.kubetopology.render.internal;

import io.kubetopology.api.Secret;
import java.util.List;
import java.util.Optional;

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

  /** The address and port one apiserver advertises and binds. */
  record ApiEndpoint(String advertiseAddress, int bindPort) {}

  /** kubeadm's {@code nodeRegistration}: how the node registers with the cluster. */
  record NodeRegistration(
      String name,
      String criSocket,
      List<Arg> kubeletExtraArgs,
      List<String> ignorePreflightErrors) {}

  /** A bootstrap token created by {@code kubeadm init}. */
  record BootstrapToken(Secret token, String ttl, List<String> usages, List<String> groups) {}

  /** The {@code InitConfiguration} of the first control plane. */
  record InitConfiguration(
      List<BootstrapToken> bootstrapTokens,
      Secret certificateKey,
      ApiEndpoint localApiEndpoint,
      NodeRegistration nodeRegistration)
      implements Document {}

  /** The cluster-wide {@code ClusterConfiguration}, which contains no per-node value. */
  record ClusterConfiguration(
      String kubernetesVersion,
      String clusterName,
      Optional<String> controlPlaneEndpoint,
      String imageRepository,
      Networking networking,
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

  /** Stacked etcd, one member per control plane. */
  record LocalEtcd(String dataDir) implements Etcd {}

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
      NodeRegistration nodeRegistration)
      implements Document {}

  /**
   * kubeadm's {@code discovery.bootstrapToken}: how a joining node finds and trusts the cluster.
   */
  record BootstrapTokenDiscovery(
      Secret token, String apiServerEndpoint, boolean unsafeSkipCaVerification) {}

  /** kubeadm's {@code controlPlane} block of a joining control plane. */
  record JoinControlPlane(ApiEndpoint localApiEndpoint, Secret certificateKey) {}
}
