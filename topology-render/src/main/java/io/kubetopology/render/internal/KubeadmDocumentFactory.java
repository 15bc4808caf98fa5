package io.kubetopology.render.internal;

import io.kubetopology.api.Cidr;
import io.kubetopology.api.ClusterSecrets;
import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.ControlPlaneEndpoint;
import io.kubetopology.api.EtcdMember;
import io.kubetopology.api.EtcdTopology;
import io.kubetopology.api.HaproxyKeepalived;
import io.kubetopology.api.IpAddress;
import io.kubetopology.api.KubeVip;
import io.kubetopology.api.Node;
import io.kubetopology.api.Role;
import io.kubetopology.api.Secret;
import io.kubetopology.api.VirtualIpAccess;
import io.kubetopology.render.internal.KubeadmModel.ApiEndpoint;
import io.kubetopology.render.internal.KubeadmModel.Arg;
import io.kubetopology.render.internal.KubeadmModel.BootstrapToken;
import io.kubetopology.render.internal.KubeadmModel.BootstrapTokenDiscovery;
import io.kubetopology.render.internal.KubeadmModel.ClusterConfiguration;
import io.kubetopology.render.internal.KubeadmModel.Document;
import io.kubetopology.render.internal.KubeadmModel.Etcd;
import io.kubetopology.render.internal.KubeadmModel.ExternalEtcd;
import io.kubetopology.render.internal.KubeadmModel.InitConfiguration;
import io.kubetopology.render.internal.KubeadmModel.JoinConfiguration;
import io.kubetopology.render.internal.KubeadmModel.JoinControlPlane;
import io.kubetopology.render.internal.KubeadmModel.LocalEtcd;
import io.kubetopology.render.internal.KubeadmModel.Networking;
import io.kubetopology.render.internal.KubeadmModel.NodeRegistration;
import io.kubetopology.render.internal.KubeadmModel.Timeouts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Builds the version-neutral kubeadm documents of one node from a topology. */
final class KubeadmDocumentFactory {
  /** kubeadm's default etcd data directory. */
  static final String ETCD_DATA_DIR = "/var/lib/etcd";

  /**
   * kubeadm's default wait for the control plane components to become healthy, 4 minutes, written
   * as Go writes a duration. Writing kubeadm's default makes each document state every value it
   * depends on.
   */
  static final String CONTROL_PLANE_HEALTH_CHECK_TIMEOUT = "4m0s";

  /** kubeadm's default wait for a joining node to validate the apiserver, 5 minutes. */
  static final String DISCOVERY_TIMEOUT = "5m0s";

  /** kubeadm's default bootstrap token lifetime, 24 hours, as Go writes a duration. */
  static final String BOOTSTRAP_TOKEN_TTL = "24h0m0s";

  /** kubeadm's default bootstrap token usages. */
  static final List<String> BOOTSTRAP_TOKEN_USAGES = List.of("signing", "authentication");

  /** kubeadm's default bootstrap token group, the one its RBAC rules allow to join. */
  static final List<String> BOOTSTRAP_TOKEN_GROUPS =
      List.of("system:bootstrappers:kubeadm:default-node-token");

  /**
   * The preflight check that requires an empty {@code /etc/kubernetes/manifests} on {@code kubeadm
   * join}. The haproxy, keepalived and kube-vip static pods are placed there before the join.
   */
  static final String MANIFESTS_DIR_PREFLIGHT_CHECK = "DirAvailable--etc-kubernetes-manifests";

  private KubeadmDocumentFactory() {}

  /**
   * Builds the documents of {@code node}: InitConfiguration and ClusterConfiguration for the first
   * control plane and for each etcd host, a JoinConfiguration for every other node.
   *
   * @throws IllegalArgumentException if the node is not in the topology, has neither the control
   *     plane, the worker nor the etcd role, the topology has no control plane, or a secret is
   *     missing
   */
  static List<Document> documentsFor(ClusterTopology topology, Node node, ClusterSecrets secrets) {
    requireMember(topology, node);
    return memberDocumentsFor(topology, node, secrets);
  }

  /**
   * Builds the documents of {@code node}, which the caller took from {@code topology.nodes()}, as
   * {@link #documentsFor} does without its membership check, which scans every node.
   */
  static List<Document> memberDocumentsFor(
      ClusterTopology topology, Node node, ClusterSecrets secrets) {
    if (node.hasRole(Role.ETCD)) {
      return etcdHostDocuments(topology, node);
    }
    Node initNode = initNode(topology);
    Secret bootstrapToken = requireSecret(secrets.bootstrapToken(), "bootstrap token");
    Secret certificateKey = requireSecret(secrets.certificateKey(), "certificate key");
    if (node.equals(initNode)) {
      return List.of(
          initConfiguration(topology, node, bootstrapToken, certificateKey),
          clusterConfiguration(topology));
    }
    requireJoiningRole(node);
    List<String> caCertHashes = secrets.clusterCa().map(ca -> ca.publicKeyPin()).stream().toList();
    return List.of(
        joinConfiguration(topology, node, initNode, bootstrapToken, certificateKey, caCertHashes));
  }

  /**
   * Returns the node that runs {@code kubeadm init}: the first control plane in topology order.
   *
   * @throws IllegalArgumentException if the topology has no control plane
   */
  static Node initNode(ClusterTopology topology) {
    return topology.controlPlanes().stream()
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "topology '"
                        + topology.name()
                        + "' has no control-plane node: add one with Node.controlPlane(name,"
                        + " address) before rendering kubeadm configuration"));
  }

  private static InitConfiguration initConfiguration(
      ClusterTopology topology, Node node, Secret bootstrapToken, Secret certificateKey) {
    BootstrapToken token =
        new BootstrapToken(
            bootstrapToken, BOOTSTRAP_TOKEN_TTL, BOOTSTRAP_TOKEN_USAGES, BOOTSTRAP_TOKEN_GROUPS);
    Timeouts timeouts =
        new Timeouts(Optional.of(CONTROL_PLANE_HEALTH_CHECK_TIMEOUT), Optional.empty());
    return new InitConfiguration(
        List.of(token),
        Optional.of(certificateKey),
        localApiEndpoint(topology, node),
        nodeRegistration(node, List.of()),
        timeouts);
  }

  private static ClusterConfiguration clusterConfiguration(ClusterTopology topology) {
    return new ClusterConfiguration(
        topology.kubernetesVersion().toString(),
        topology.name(),
        topology.effectiveControlPlaneEndpoint().map(ControlPlaneEndpoint::toString),
        topology.images().imageRepository(),
        Optional.of(networking(topology)),
        apiServerCertSans(topology),
        List.of(),
        controllerManagerExtraArgs(topology.networking()),
        etcd(topology));
  }

  /**
   * Builds what {@code kubeadm init phase certs} and {@code kubeadm init phase etcd local} read on
   * an etcd host, as the kubeadm guide to an HA etcd cluster writes it. The node name becomes the
   * member name, and the host address the advertise address and the certificates' extra SAN.
   */
  private static List<Document> etcdHostDocuments(ClusterTopology topology, Node node) {
    String address = nodeIp(node);
    NodeRegistration registration =
        new NodeRegistration(node.name(), node.criSocket(), List.of(), List.of());
    InitConfiguration init =
        new InitConfiguration(
            List.of(),
            Optional.empty(),
            new ApiEndpoint(address, OptionalInt.empty()),
            registration,
            Timeouts.none());
    LocalEtcd member =
        new LocalEtcd(
            ETCD_DATA_DIR, etcdMemberArgs(topology, node), List.of(address), List.of(address));
    ClusterConfiguration cluster =
        new ClusterConfiguration(
            topology.kubernetesVersion().toString(),
            topology.name(),
            Optional.empty(),
            topology.images().imageRepository(),
            Optional.empty(),
            List.of(),
            List.of(),
            List.of(),
            member);
    return List.of(init, cluster);
  }

  /**
   * Returns the etcd flags of one member. {@code initial-cluster} comes from the one member list of
   * the topology, so it is the same on every host.
   */
  private static List<Arg> etcdMemberArgs(ClusterTopology topology, Node node) {
    EtcdMember member = EtcdMember.of(node);
    return List.of(
        new Arg("name", member.name()),
        new Arg("initial-cluster", EtcdMember.initialCluster(topology.etcdMembers())),
        new Arg("initial-cluster-state", "new"),
        new Arg("initial-advertise-peer-urls", member.peerUrl()),
        new Arg("listen-peer-urls", member.peerUrl()),
        new Arg("listen-client-urls", member.clientUrl()),
        new Arg("advertise-client-urls", member.clientUrl()));
  }

  private static Networking networking(ClusterTopology topology) {
    io.kubetopology.api.Networking networking = topology.networking();
    Optional<String> podSubnet =
        networking.podSubnets().isEmpty()
            ? Optional.empty()
            : Optional.of(commaJoined(networking.podSubnets()));
    return new Networking(
        networking.dnsDomain(), commaJoined(networking.serviceSubnets()), podSubnet);
  }

  private static String commaJoined(List<Cidr> subnets) {
    return subnets.stream().map(Cidr::toString).collect(Collectors.joining(","));
  }

  /**
   * Returns the controller manager's node CIDR mask flags that differ from their defaults. A flag
   * is written only for a family that has a pod subnet, because kube-controller-manager fails to
   * start with {@code node-cidr-mask-size-ipv4} in a single-stack IPv6 cluster and with {@code
   * node-cidr-mask-size-ipv6} in a single-stack IPv4 one (setNodeCIDRMaskSizes in
   * cmd/kube-controller-manager/app/core.go).
   */
  private static List<Arg> controllerManagerExtraArgs(io.kubetopology.api.Networking networking) {
    List<Arg> args = new ArrayList<>();
    boolean ipv4Pods = networking.podSubnets().stream().anyMatch(Cidr::isIpv4);
    boolean ipv6Pods = networking.podSubnets().stream().anyMatch(subnet -> !subnet.isIpv4());
    int ipv4Mask = networking.nodeCidrMaskSizeIpv4();
    int ipv6Mask = networking.nodeCidrMaskSizeIpv6();
    if (ipv4Pods && ipv4Mask != io.kubetopology.api.Networking.DEFAULT_NODE_CIDR_MASK_SIZE_IPV4) {
      args.add(new Arg("node-cidr-mask-size-ipv4", Integer.toString(ipv4Mask)));
    }
    if (ipv6Pods && ipv6Mask != io.kubetopology.api.Networking.DEFAULT_NODE_CIDR_MASK_SIZE_IPV6) {
      args.add(new Arg("node-cidr-mask-size-ipv6", Integer.toString(ipv6Mask)));
    }
    return List.copyOf(args);
  }

  /**
   * Collects the VIP, the endpoint host, the load-balancer hosts clients may use, the workers'
   * loopback addresses behind a local proxy and the extra SANs, de-duplicated and sorted. kubeadm
   * adds the endpoint host to the certificate by itself, but listing it shows every name in one
   * place.
   */
  private static List<String> apiServerCertSans(ClusterTopology topology) {
    Set<String> sans = new TreeSet<>();
    if (topology.apiEndpoint() instanceof VirtualIpAccess access) {
      sans.add(access.virtualIp().toString());
    }
    sans.addAll(loadBalancerHostSans(topology));
    sans.addAll(workerProxySans(topology));
    topology
        .effectiveControlPlaneEndpoint()
        .ifPresent(endpoint -> sans.add(canonicalHost(endpoint.host())));
    topology.extraCertSans().forEach(san -> sans.add(canonicalHost(san)));
    return List.copyOf(sans);
  }

  /**
   * Returns the names and addresses of the load-balancer hosts when haproxy there listens on every
   * address, since TLS passes through and a client that connects to a host directly checks the
   * apiserver certificate against that host.
   */
  private static List<String> loadBalancerHostSans(ClusterTopology topology) {
    if (!(topology.apiEndpoint() instanceof HaproxyKeepalived lb)
        || lb.runsOnControlPlanes()
        || lb.bindToVirtualIp()) {
      return List.of();
    }
    List<String> sans = new ArrayList<>();
    for (Node host : lb.virtualIpHolders(topology)) {
      sans.add(host.name());
      sans.add(host.address().address().toString());
    }
    return sans;
  }

  /**
   * Returns the loopback addresses workers reach the apiservers at through their local proxy:
   * 127.0.0.1 when a worker is IPv4 and ::1 when one is IPv6. The proxy passes TLS through, so
   * kubelet checks the apiserver certificate against that address.
   */
  private static Set<String> workerProxySans(ClusterTopology topology) {
    Set<String> sans = new TreeSet<>();
    if (topology.apiEndpoint().workerLocalProxyPort().isEmpty()) {
      return sans;
    }
    for (Node node : topology.nodes()) {
      if (AccessFilePlanner.runsWorkerProxy(node)) {
        sans.add(node.address().address().isIpv4() ? "127.0.0.1" : "::1");
      }
    }
    return sans;
  }

  /** Returns an IP literal in canonical form, so that fd00::0064 and fd00::64 count once. */
  private static String canonicalHost(String host) {
    try {
      return IpAddress.parse(host).toString();
    } catch (IllegalArgumentException notAnAddress) {
      return host;
    }
  }

  private static Etcd etcd(ClusterTopology topology) {
    EtcdTopology etcd = topology.etcd();
    if (etcd.isExternal()) {
      return new ExternalEtcd(
          topology.etcdEndpoints(), etcd.caFile(), etcd.certFile(), etcd.keyFile());
    }
    return LocalEtcd.stacked(ETCD_DATA_DIR);
  }

  private static JoinConfiguration joinConfiguration(
      ClusterTopology topology,
      Node node,
      Node initNode,
      Secret bootstrapToken,
      Secret certificateKey,
      List<String> caCertHashes) {
    // Without a cluster CA in the secrets, caCertHashes is empty and the node skips the CA check.
    BootstrapTokenDiscovery discovery =
        new BootstrapTokenDiscovery(
            bootstrapToken, apiServerEndpoint(topology, initNode), caCertHashes);
    if (!node.isControlPlane()) {
      Timeouts timeouts = new Timeouts(Optional.empty(), Optional.of(DISCOVERY_TIMEOUT));
      return new JoinConfiguration(
          discovery,
          Optional.empty(),
          nodeRegistration(node, workerPreflightErrors(topology, node)),
          timeouts);
    }
    JoinControlPlane controlPlane =
        new JoinControlPlane(localApiEndpoint(topology, node), certificateKey);
    Timeouts timeouts =
        new Timeouts(
            Optional.of(CONTROL_PLANE_HEALTH_CHECK_TIMEOUT), Optional.of(DISCOVERY_TIMEOUT));
    return new JoinConfiguration(
        discovery,
        Optional.of(controlPlane),
        nodeRegistration(node, ignoredPreflightErrors(topology)),
        timeouts);
  }

  /** Returns the control plane endpoint, or the init node's own apiserver when there is none. */
  private static String apiServerEndpoint(ClusterTopology topology, Node initNode) {
    return topology
        .effectiveControlPlaneEndpoint()
        .orElseGet(
            () -> ControlPlaneEndpoint.of(initNode.address().address(), topology.apiServerPort()))
        .toString();
  }

  /**
   * Returns the preflight errors a joining control plane ignores: the manifests directory check
   * when the haproxy and keepalived or the kube-vip static pods are already in that directory. As
   * OS services they live elsewhere, and the check stays on.
   */
  private static List<String> ignoredPreflightErrors(ClusterTopology topology) {
    boolean staticPods =
        topology.apiEndpoint() instanceof HaproxyKeepalived lb
            && lb.placement() == HaproxyKeepalived.Placement.STATIC_PODS;
    if (staticPods || topology.apiEndpoint() instanceof KubeVip) {
      return List.of(MANIFESTS_DIR_PREFLIGHT_CHECK);
    }
    return List.of();
  }

  /**
   * Returns the preflight errors a joining worker ignores: the manifests directory check when its
   * local proxy's static pod is already in that directory.
   *
   * <p>NOTE: the worker's discovery keeps the real endpoint, because the proxy's static pod starts
   * only with kubelet during the join. kubeadm then writes kubelet.conf with the server from the
   * cluster-info ConfigMap, which is the control plane endpoint. JoinConfiguration has no field to
   * change that server, so the runbook switches kubelet.conf to the proxy after the join.
   */
  private static List<String> workerPreflightErrors(ClusterTopology topology, Node node) {
    if (topology.apiEndpoint().workerLocalProxyPort().isPresent()
        && AccessFilePlanner.runsWorkerProxy(node)) {
      return List.of(MANIFESTS_DIR_PREFLIGHT_CHECK);
    }
    return List.of();
  }

  private static ApiEndpoint localApiEndpoint(ClusterTopology topology, Node node) {
    return new ApiEndpoint(nodeIp(node), OptionalInt.of(topology.apiServerPort()));
  }

  private static NodeRegistration nodeRegistration(Node node, List<String> ignoredPreflightErrors) {
    return new NodeRegistration(
        node.name(), node.criSocket(), kubeletExtraArgs(node), ignoredPreflightErrors);
  }

  /**
   * Returns kubelet's {@code node-ip}, so that kubelet reports the node address and not a VIP on
   * the same interface, and {@code node-labels} when the node has labels.
   */
  private static List<Arg> kubeletExtraArgs(Node node) {
    List<Arg> args = new ArrayList<>();
    args.add(new Arg("node-ip", nodeIp(node)));
    if (!node.labels().isEmpty()) {
      args.add(new Arg("node-labels", nodeLabels(node)));
    }
    return List.copyOf(args);
  }

  /** Joins the labels as kubelet's {@code --node-labels} reads them: {@code k=v,k=v}, by key. */
  private static String nodeLabels(Node node) {
    return new TreeMap<>(node.labels())
        .entrySet().stream()
            .map(label -> label.getKey() + "=" + label.getValue())
            .collect(Collectors.joining(","));
  }

  private static String nodeIp(Node node) {
    return node.address().address().toString();
  }

  private static void requireMember(ClusterTopology topology, Node node) {
    if (!topology.nodes().contains(node)) {
      throw new IllegalArgumentException(
          "node '"
              + node.name()
              + "' is not part of topology '"
              + topology.name()
              + "': render only nodes taken from topology.nodes()");
    }
  }

  private static void requireJoiningRole(Node node) {
    if (!node.isControlPlane() && !node.hasRole(Role.WORKER)) {
      throw new IllegalArgumentException(
          "node '"
              + node.name()
              + "' has roles "
              + node.roles()
              + " but kubeadm-config.yaml is rendered only for nodes that run kubeadm init or"
              + " join and for etcd hosts: add Role.CONTROL_PLANE, Role.WORKER or Role.ETCD, or"
              + " skip this node");
    }
  }

  private static Secret requireSecret(Optional<Secret> secret, String name) {
    return secret.orElseThrow(
        () ->
            new IllegalArgumentException(
                "the "
                    + name
                    + " is missing: complete the secrets with"
                    + " ClusterSecrets.completedWith(SecureRandom) before rendering"));
  }
}
