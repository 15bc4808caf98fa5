package io.kubetopology.validate.internal;

import io.kubetopology.api.ApiEndpointAccess;
import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.ExternalLoadBalancer;
import io.kubetopology.api.HaproxyKeepalived;
import io.kubetopology.api.KubeVip;
import io.kubetopology.api.Node;
import io.kubetopology.api.Role;
import io.kubetopology.validate.FindingCollector;
import io.kubetopology.validate.Rule;
import io.kubetopology.validate.Severity;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rules on what fits the chosen kind of API endpoint access: dedicated load-balancer hosts,
 * kube-vip leader election, an external load balancer and the workers' local proxy.
 */
final class AccessRules {
  static final Rule LOAD_BALANCER_ROLE_UNUSED =
      new SimpleRule(
          "LOAD_BALANCER_ROLE_UNUSED",
          "Nodes with the load-balancer role serve an access that runs on load-balancer hosts",
          Severity.ERROR,
          AccessRules::checkLoadBalancerRoleUsed);

  static final Rule LOAD_BALANCER_HOSTS_MISSING =
      new SimpleRule(
          "LOAD_BALANCER_HOSTS_MISSING",
          "haproxy and keepalived on load-balancer hosts have at least one such host",
          Severity.ERROR,
          AccessRules::checkLoadBalancerHostsPresent);

  static final Rule LOAD_BALANCER_HOSTS_TOO_FEW =
      new SimpleRule(
          "LOAD_BALANCER_HOSTS_TOO_FEW",
          "Two or more load-balancer hosts share the virtual IP, so one can fail",
          Severity.WARNING,
          AccessRules::checkLoadBalancerHostCount);

  static final Rule LOAD_BALANCER_HOST_NOT_DEDICATED =
      new SimpleRule(
          "LOAD_BALANCER_HOST_NOT_DEDICATED",
          "Load-balancer hosts have no other role",
          Severity.ERROR,
          AccessRules::checkLoadBalancerHostsDedicated);

  static final Rule KUBE_VIP_LEASE_TIMING =
      new SimpleRule(
          "KUBE_VIP_LEASE_TIMING",
          "kube-vip's lease duration exceeds its renew deadline, which exceeds 1.2 x its retry"
              + " period",
          Severity.ERROR,
          AccessRules::checkKubeVipLeaseTiming);

  static final Rule EXTERNAL_LB_TLS_TERMINATION =
      new SimpleRule(
          "EXTERNAL_LB_TLS_TERMINATION",
          "An external load balancer passes TLS through to the apiservers",
          Severity.ERROR,
          AccessRules::checkExternalTlsMode);

  static final Rule WORKER_PROXY_PORT_IN_USE =
      new SimpleRule(
          "WORKER_PROXY_PORT_IN_USE",
          "The workers' local proxy port is free on every worker",
          Severity.ERROR,
          AccessRules::checkWorkerProxyPort);

  /**
   * The ports kubelet and kube-proxy bind on every node by default: kubelet's health check
   * (127.0.0.1:10248) and API (10250), kube-proxy's metrics (127.0.0.1:10249) and health check
   * (10256).
   */
  static final Map<Integer, String> NODE_PORTS =
      Map.of(
          10248, "kubelet's health check",
          10249, "kube-proxy's metrics",
          10250, "kubelet's API",
          10256, "kube-proxy's health check");

  /** client-go's leader election jitter factor: renewDeadline must exceed 1.2 x retryPeriod. */
  private static final int JITTER_TENTHS = 12;

  private AccessRules() {}

  static List<Rule> all() {
    return List.of(
        LOAD_BALANCER_ROLE_UNUSED,
        LOAD_BALANCER_HOSTS_MISSING,
        LOAD_BALANCER_HOSTS_TOO_FEW,
        LOAD_BALANCER_HOST_NOT_DEDICATED,
        KUBE_VIP_LEASE_TIMING,
        EXTERNAL_LB_TLS_TERMINATION,
        WORKER_PROXY_PORT_IN_USE);
  }

  private static boolean usesLoadBalancerHosts(ClusterTopology topology) {
    return topology.apiEndpoint() instanceof HaproxyKeepalived lb
        && lb.placement() == HaproxyKeepalived.Placement.LOAD_BALANCER_HOSTS;
  }

  private static List<Node> loadBalancerHosts(ClusterTopology topology) {
    return topology.nodes().stream().filter(node -> node.hasRole(Role.LOAD_BALANCER)).toList();
  }

  private static void checkLoadBalancerRoleUsed(
      ClusterTopology topology, FindingCollector findings) {
    if (usesLoadBalancerHosts(topology)) {
      return;
    }
    for (Node node : loadBalancerHosts(topology)) {
      findings.report(
          Paths.node(node, "roles"),
          "node '"
              + node.name()
              + "' has role LOAD_BALANCER, but API endpoint access "
              + describe(topology.apiEndpoint())
              + " runs nothing on load-balancer hosts.",
          "use ApiEndpointAccess.haproxyKeepalived().placement(Placement.LOAD_BALANCER_HOSTS),"
              + " or remove the role.");
    }
  }

  private static String describe(ApiEndpointAccess access) {
    if (access instanceof HaproxyKeepalived lb) {
      return access.kind() + " with placement " + lb.placement();
    }
    return access.kind().toString();
  }

  private static void checkLoadBalancerHostsPresent(
      ClusterTopology topology, FindingCollector findings) {
    if (usesLoadBalancerHosts(topology) && loadBalancerHosts(topology).isEmpty()) {
      findings.report(
          "apiEndpoint.placement",
          "placement LOAD_BALANCER_HOSTS needs nodes with role LOAD_BALANCER, but the topology"
              + " has none, so no node would hold the virtual IP.",
          "add two or more nodes with Role.LOAD_BALANCER, or choose placement STATIC_PODS or"
              + " OS_SERVICES.");
    }
  }

  private static void checkLoadBalancerHostCount(
      ClusterTopology topology, FindingCollector findings) {
    List<Node> hosts = loadBalancerHosts(topology);
    if (usesLoadBalancerHosts(topology) && hosts.size() == 1) {
      findings.report(
          "nodes",
          "load-balancer host '"
              + hosts.get(0).name()
              + "' is the only one, so the endpoint fails when that host fails.",
          "add a second node with Role.LOAD_BALANCER in the same subnet.");
    }
  }

  private static void checkLoadBalancerHostsDedicated(
      ClusterTopology topology, FindingCollector findings) {
    if (!usesLoadBalancerHosts(topology)) {
      return;
    }
    for (Node node : loadBalancerHosts(topology)) {
      Set<Role> others = EnumSet.copyOf(node.roles());
      others.remove(Role.LOAD_BALANCER);
      if (!others.isEmpty()) {
        findings.report(
            Paths.node(node, "roles"),
            "load-balancer host '"
                + node.name()
                + "' also has roles "
                + others
                + ", but a load-balancer host runs only haproxy and keepalived, whose frontend"
                + " may take the apiserver port there.",
            "give haproxy and keepalived their own nodes, or choose placement OS_SERVICES to run"
                + " them on the control planes.");
      }
    }
  }

  private static void checkKubeVipLeaseTiming(ClusterTopology topology, FindingCollector findings) {
    if (!(topology.apiEndpoint() instanceof KubeVip kubeVip)) {
      return;
    }
    int lease = kubeVip.leaseDurationSeconds();
    int renew = kubeVip.renewDeadlineSeconds();
    int retry = kubeVip.retryPeriodSeconds();
    if (lease <= renew) {
      findings.report(
          "apiEndpoint.leaseDurationSeconds",
          "kube-vip lease duration '"
              + lease
              + "' s is not longer than the renew deadline '"
              + renew
              + "' s, so client-go's leader election refuses to start and kube-vip never"
              + " announces the virtual IP.",
          "make leaseDurationSeconds longer than renewDeadlineSeconds, such as 5 and 3.");
    }
    if (renew * 10 <= retry * JITTER_TENTHS) {
      findings.report(
          "apiEndpoint.renewDeadlineSeconds",
          "kube-vip renew deadline '"
              + renew
              + "' s is not longer than 1.2 x the retry period '"
              + retry
              + "' s, so client-go's leader election refuses to start and kube-vip never"
              + " announces the virtual IP.",
          "make renewDeadlineSeconds longer than 1.2 x retryPeriodSeconds, such as 3 and 1.");
    }
  }

  private static void checkExternalTlsMode(ClusterTopology topology, FindingCollector findings) {
    if (topology.apiEndpoint() instanceof ExternalLoadBalancer external
        && external.tlsMode() == ExternalLoadBalancer.TlsMode.TERMINATION) {
      findings.report(
          "apiEndpoint.tlsMode",
          "external load balancer '"
              + external.host()
              + "' terminates TLS, so the client certificates that kubelets and kubeadm's"
              + " kubeconfigs authenticate with never reach the apiservers.",
          "configure the load balancer for TCP passthrough and set"
              + " tlsMode(TlsMode.PASSTHROUGH).");
    }
  }

  private static void checkWorkerProxyPort(ClusterTopology topology, FindingCollector findings) {
    topology
        .apiEndpoint()
        .workerLocalProxyPort()
        .ifPresent(port -> checkWorkerProxyPort(port, findings));
  }

  private static void checkWorkerProxyPort(int port, FindingCollector findings) {
    String owner = NODE_PORTS.get(port);
    if (owner != null) {
      findings.report(
          "apiEndpoint.workerLocalProxyPort",
          "worker local proxy port '"
              + port
              + "' is the port of "
              + owner
              + " on every worker, so haproxy cannot bind it.",
          "use another port, such as 6443, which workers leave free.");
    }
  }
}
