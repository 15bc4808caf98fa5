package io.kubetopology.validate.internal;

import io.kubetopology.api.Cidr;
import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.ControlPlaneEndpoint;
import io.kubetopology.api.ExternalLoadBalancer;
import io.kubetopology.api.HaproxyKeepalived;
import io.kubetopology.api.IpAddress;
import io.kubetopology.api.KubeVip;
import io.kubetopology.api.Node;
import io.kubetopology.api.VirtualIpAccess;
import io.kubetopology.validate.FindingCollector;
import io.kubetopology.validate.Rule;
import io.kubetopology.validate.Severity;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Rules on how clients reach the apiservers: the endpoint, the load balancer and the VIP. */
final class EndpointRules {
  static final Rule HA_ENDPOINT_MISSING =
      new SimpleRule(
          "HA_ENDPOINT_MISSING",
          "More than one control plane needs a control plane endpoint in front of them",
          Severity.ERROR,
          EndpointRules::checkHaEndpoint);

  static final Rule SINGLE_CONTROL_PLANE_WITHOUT_ENDPOINT =
      new SimpleRule(
          "SINGLE_CONTROL_PLANE_WITHOUT_ENDPOINT",
          "A single control plane without an endpoint cannot grow to HA later",
          Severity.WARNING,
          EndpointRules::checkSingleControlPlaneEndpoint);

  static final Rule ENDPOINT_HOST_INVALID =
      new SimpleRule(
          "ENDPOINT_HOST_INVALID",
          "The control plane endpoint host is an IP address or a DNS-1123 subdomain",
          Severity.ERROR,
          EndpointRules::checkEndpointHost);

  static final Rule ENDPOINT_PORT_MISMATCH =
      new SimpleRule(
          "ENDPOINT_PORT_MISMATCH",
          "The control plane endpoint port is the port that serves it: the haproxy frontend port,"
              + " or the apiserver port without a load balancer",
          Severity.ERROR,
          EndpointRules::checkEndpointPort);

  static final Rule LB_PORT_COLLIDES_WITH_APISERVER =
      new SimpleRule(
          "LB_PORT_COLLIDES_WITH_APISERVER",
          "haproxy on a control plane listens on another port than the apiserver there",
          Severity.ERROR,
          EndpointRules::checkFrontendPort);

  static final Rule VRRP_ROUTER_ID_RANGE =
      new SimpleRule(
          "VRRP_ROUTER_ID_RANGE",
          "The VRRP router id is within 1-255",
          Severity.ERROR,
          EndpointRules::checkRouterId);

  static final Rule VIP_EQUALS_NODE_ADDRESS =
      new SimpleRule(
          "VIP_EQUALS_NODE_ADDRESS",
          "The virtual IP is no node's own address",
          Severity.ERROR,
          EndpointRules::checkVipNotNodeAddress);

  static final Rule VIP_OUTSIDE_NODE_SUBNET =
      new SimpleRule(
          "VIP_OUTSIDE_NODE_SUBNET",
          "The virtual IP lies inside the subnet of every node that may hold it",
          Severity.ERROR,
          EndpointRules::checkVipInSubnets);

  static final Rule VIP_IS_NETWORK_OR_BROADCAST =
      new SimpleRule(
          "VIP_IS_NETWORK_OR_BROADCAST",
          "The virtual IP is not the network or broadcast address of its subnet",
          Severity.ERROR,
          EndpointRules::checkVipNotSubnetEdge);

  static final Rule VIP_INTERFACE_LOOPBACK =
      new SimpleRule(
          "VIP_INTERFACE_LOOPBACK",
          "No node announces the VIP on the loopback interface",
          Severity.ERROR,
          EndpointRules::checkInterfaceNotLoopback);

  static final Rule VRRP_INTERFACE_MISSING =
      new SimpleRule(
          "VRRP_INTERFACE_MISSING",
          "Every node that may hold the VIP has an interface to announce it on",
          Severity.ERROR,
          EndpointRules::checkInterfacePresent);

  static final Rule INTERFACE_NAME_INVALID =
      new SimpleRule(
          "INTERFACE_NAME_INVALID",
          "Interface names are Linux interface names",
          Severity.ERROR,
          EndpointRules::checkInterfaceNames);

  private EndpointRules() {}

  static List<Rule> all() {
    return List.of(
        HA_ENDPOINT_MISSING,
        SINGLE_CONTROL_PLANE_WITHOUT_ENDPOINT,
        ENDPOINT_HOST_INVALID,
        ENDPOINT_PORT_MISMATCH,
        LB_PORT_COLLIDES_WITH_APISERVER,
        VRRP_ROUTER_ID_RANGE,
        VIP_EQUALS_NODE_ADDRESS,
        VIP_OUTSIDE_NODE_SUBNET,
        VIP_IS_NETWORK_OR_BROADCAST,
        VRRP_INTERFACE_MISSING,
        VIP_INTERFACE_LOOPBACK,
        INTERFACE_NAME_INVALID);
  }

  private static Optional<HaproxyKeepalived> loadBalancer(ClusterTopology topology) {
    return topology.apiEndpoint() instanceof HaproxyKeepalived lb
        ? Optional.of(lb)
        : Optional.empty();
  }

  private static Optional<VirtualIpAccess> virtualIpAccess(ClusterTopology topology) {
    return topology.apiEndpoint() instanceof VirtualIpAccess access
        ? Optional.of(access)
        : Optional.empty();
  }

  /** Names the kind of a node that may have the VIP, as messages call it. */
  private static String holderNoun(Node node) {
    return node.isControlPlane() ? "control plane" : "load-balancer host";
  }

  /** Names all the nodes that may hold the VIP under {@code access}, in the plural. */
  private static String holdersNoun(VirtualIpAccess access) {
    if (access instanceof HaproxyKeepalived lb && !lb.runsOnControlPlanes()) {
      return "load-balancer hosts";
    }
    return "control planes";
  }

  private static void checkHaEndpoint(ClusterTopology topology, FindingCollector findings) {
    int controlPlanes = topology.controlPlanes().size();
    if (controlPlanes > 1 && topology.effectiveControlPlaneEndpoint().isEmpty()) {
      findings.report(
          "apiEndpoint",
          "the topology has "
              + controlPlanes
              + " control planes but no control plane endpoint;"
              + " kubeadm cannot add one after the cluster is created.",
          "set apiEndpoint(ApiEndpointAccess.haproxyKeepalived().virtualIp(...).build()) or"
              + " controlPlaneEndpoint(...) to the load balancer's address.");
    }
  }

  private static void checkSingleControlPlaneEndpoint(
      ClusterTopology topology, FindingCollector findings) {
    if (topology.controlPlanes().size() == 1
        && topology.effectiveControlPlaneEndpoint().isEmpty()) {
      findings.report(
          "controlPlaneEndpoint",
          "the single control plane has no control plane endpoint, so adding control planes"
              + " later needs new certificates.",
          "set controlPlaneEndpoint(...) to a DNS name that points at the control plane today"
              + " and at a load balancer later.");
    }
  }

  private static void checkEndpointHost(ClusterTopology topology, FindingCollector findings) {
    Optional<ControlPlaneEndpoint> endpoint = topology.controlPlaneEndpoint();
    if (endpoint.isPresent() && !Names.isHost(endpoint.get().host())) {
      findings.report(
          "controlPlaneEndpoint",
          "control plane endpoint host '"
              + endpoint.get().host()
              + "' is neither an IP address"
              + " nor a DNS-1123 subdomain.",
          "use an IP address or a lowercase DNS name such as api.prod.example.com.");
    }
    if (topology.apiEndpoint() instanceof ExternalLoadBalancer external
        && !Names.isHost(external.host())) {
      findings.report(
          "apiEndpoint.host",
          "external load balancer host '"
              + external.host()
              + "' is neither an IP address nor a DNS-1123 subdomain.",
          "use an IP address or a lowercase DNS name such as api.prod.example.com.");
    }
  }

  /**
   * Compares an explicit endpoint's port with the port that listens for it. A derived endpoint
   * always uses the frontend port, so only an explicit one can differ.
   */
  private static void checkEndpointPort(ClusterTopology topology, FindingCollector findings) {
    Optional<ControlPlaneEndpoint> endpoint = topology.controlPlaneEndpoint();
    if (endpoint.isEmpty()) {
      return;
    }
    int port = endpoint.get().port();
    Optional<HaproxyKeepalived> lb = loadBalancer(topology);
    if (lb.isPresent() && port != lb.get().frontendPort()) {
      findings.report(
          "controlPlaneEndpoint",
          "control plane endpoint port '"
              + port
              + "' differs from haproxy frontend port '"
              + lb.get().frontendPort()
              + "', the port that serves the endpoint.",
          "set the endpoint port to "
              + lb.get().frontendPort()
              + ", or leave controlPlaneEndpoint unset to use the virtual IP and frontend port.");
    } else if (lb.isEmpty() && port != topology.apiServerPort()) {
      findings.report(
          "controlPlaneEndpoint",
          "control plane endpoint port '"
              + port
              + "' differs from apiserver port '"
              + topology.apiServerPort()
              + "', and no load balancer in the topology forwards one to the other.",
          "set the endpoint port to "
              + topology.apiServerPort()
              + " or apiServerPort("
              + port
              + "); if a load balancer outside the topology serves this port, suppress"
              + " ENDPOINT_PORT_MISMATCH at controlPlaneEndpoint with that reason.");
    }
  }

  private static void checkFrontendPort(ClusterTopology topology, FindingCollector findings) {
    // On dedicated load-balancer hosts no apiserver binds the port, so any port works there.
    Optional<HaproxyKeepalived> lb =
        loadBalancer(topology).filter(HaproxyKeepalived::runsOnControlPlanes);
    if (lb.isPresent() && lb.get().frontendPort() == topology.apiServerPort()) {
      findings.report(
          "apiEndpoint.frontendPort",
          "haproxy frontend port '"
              + lb.get().frontendPort()
              + "' equals the apiserver port on"
              + " the same control planes, so kubeadm's preflight check fails with the port in"
              + " use.",
          "use another frontend port, such as "
              + HaproxyKeepalived.DEFAULT_FRONTEND_PORT
              + ", or move the apiserver with apiServerPort(...).");
    }
  }

  private static void checkRouterId(ClusterTopology topology, FindingCollector findings) {
    Optional<HaproxyKeepalived> lb = loadBalancer(topology);
    if (lb.isPresent() && (lb.get().virtualRouterId() < 1 || lb.get().virtualRouterId() > 255)) {
      findings.report(
          "apiEndpoint.virtualRouterId",
          "VRRP router id '" + lb.get().virtualRouterId() + "' is outside 1-255.",
          "choose an id within 1-255 that no other VRRP group on the network uses.");
    }
  }

  private static void checkVipNotNodeAddress(ClusterTopology topology, FindingCollector findings) {
    Optional<VirtualIpAccess> access = virtualIpAccess(topology);
    if (access.isEmpty()) {
      return;
    }
    IpAddress vip = access.get().virtualIp();
    for (Node node : topology.nodes()) {
      if (node.address().address().equals(vip)) {
        findings.report(
            "apiEndpoint.virtualIp",
            "virtual IP '" + vip + "' is the address of node '" + node.name() + "'.",
            "choose a free address in the "
                + holdersNoun(access.get())
                + "' subnet for the virtual IP.");
      }
    }
  }

  private static void checkVipInSubnets(ClusterTopology topology, FindingCollector findings) {
    Optional<VirtualIpAccess> access = virtualIpAccess(topology);
    if (access.isEmpty()) {
      return;
    }
    IpAddress vip = access.get().virtualIp();
    for (Node node : access.get().virtualIpHolders(topology)) {
      Cidr subnet = node.address().subnet();
      if (!subnet.contains(vip)) {
        findings.report(
            "apiEndpoint.virtualIp",
            "virtual IP '"
                + vip
                + "' is outside subnet '"
                + subnet
                + "' of "
                + holderNoun(node)
                + " '"
                + node.name()
                + "', so that node cannot hold it.",
            "choose a virtual IP inside the subnet that all "
                + holdersNoun(access.get())
                + " share.");
      }
    }
  }

  private static void checkVipNotSubnetEdge(ClusterTopology topology, FindingCollector findings) {
    Optional<VirtualIpAccess> access = virtualIpAccess(topology);
    if (access.isEmpty() || !access.get().virtualIp().isIpv4()) {
      return;
    }
    IpAddress vip = access.get().virtualIp();
    Set<Cidr> subnets = new LinkedHashSet<>();
    access.get().virtualIpHolders(topology).forEach(node -> subnets.add(node.address().subnet()));
    for (Cidr subnet : subnets) {
      boolean edge = vip.equals(subnet.network()) || vip.equals(subnet.lastAddress());
      if (subnet.prefixLength() < 31 && edge) {
        findings.report(
            "apiEndpoint.virtualIp",
            "virtual IP '"
                + vip
                + "' is the network or broadcast address of subnet '"
                + subnet
                + "'.",
            "choose a host address inside the subnet.");
      }
    }
  }

  private static void checkInterfacePresent(ClusterTopology topology, FindingCollector findings) {
    Optional<VirtualIpAccess> access = virtualIpAccess(topology);
    if (access.isEmpty() || access.get().interfaceName().isPresent()) {
      return;
    }
    String daemon = access.get() instanceof KubeVip ? "kube-vip" : "keepalived";
    for (Node node : access.get().virtualIpHolders(topology)) {
      if (node.interfaceName().isEmpty()) {
        findings.report(
            Paths.node(node, "interfaceName"),
            holderNoun(node)
                + " '"
                + node.name()
                + "' names no network interface for "
                + daemon
                + ".",
            "set interfaceName(\"eth0\") on the API endpoint, or on the node where its name"
                + " differs.");
      }
    }
  }

  /**
   * keepalived refuses a loopback interface for VRRP, and ARP from kube-vip never leaves one, so
   * the VIP would never reach the network.
   */
  private static void checkInterfaceNotLoopback(
      ClusterTopology topology, FindingCollector findings) {
    Optional<VirtualIpAccess> access = virtualIpAccess(topology);
    if (access.isEmpty()) {
      return;
    }
    for (Node node : access.get().virtualIpHolders(topology)) {
      Optional<String> name = access.get().interfaceFor(node);
      if (name.isPresent() && name.get().equals("lo")) {
        findings.report(
            node.interfaceName().isPresent()
                ? Paths.node(node, "interfaceName")
                : "apiEndpoint.interfaceName",
            holderNoun(node)
                + " '"
                + node.name()
                + "' would announce the virtual IP on the loopback interface 'lo', which never"
                + " carries it to other hosts.",
            "use the interface that carries the node's address, such as eth0.");
      }
    }
  }

  private static void checkInterfaceNames(ClusterTopology topology, FindingCollector findings) {
    virtualIpAccess(topology)
        .flatMap(VirtualIpAccess::interfaceName)
        .filter(name -> !Names.isInterfaceName(name))
        .ifPresent(name -> reportInterfaceName("apiEndpoint.interfaceName", name, findings));
    for (Node node : topology.nodes()) {
      node.interfaceName()
          .filter(name -> !Names.isInterfaceName(name))
          .ifPresent(
              name -> reportInterfaceName(Paths.node(node, "interfaceName"), name, findings));
    }
  }

  private static void reportInterfaceName(String path, String name, FindingCollector findings) {
    findings.report(
        path,
        "interface name '" + name + "' is not a Linux interface name.",
        "use the name 'ip link' shows: at most 15 letters, digits, '_', '.' and '-', such as"
            + " eth0 or ens192.");
  }
}
