package io.kubetopology.render.internal;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HostAlias;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.KubeVip;
import io.kubetopology.api.KubernetesVersion;
import io.kubetopology.api.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the kube-vip static pod of one control plane: ARP mode with leader election through the
 * {@value KubeVip#LEASE_NAME} Lease, so the leader replies to ARP requests for the virtual IP. Each
 * control plane gets its own manifest, because the interface and, on the first control plane, the
 * kubeconfig differ.
 *
 * <p>kube-vip reaches the apiserver as {@code kubernetes:PORT}, with {@code PORT} from its {@code
 * port} variable, and a host alias maps {@code kubernetes} to 127.0.0.1. That is the local
 * apiserver, which responds before the VIP exists; its certificate names {@code kubernetes} by
 * default. The variable names follow kube-vip v0.9.x, which reads {@code vip_subnet} and no longer
 * {@code vip_cidr}.
 */
public final class KubeVipPodRenderer {
  /** The kubeconfig path kube-vip reads inside the pod, whichever host file is mounted there. */
  static final String KUBECONFIG_IN_POD = NodePaths.ADMIN_CONF;

  /** The first Kubernetes minor whose {@code kubeadm init} writes super-admin.conf. */
  static final int SUPER_ADMIN_MINOR = 29;

  private KubeVipPodRenderer() {}

  /**
   * Builds the kube-vip static pod for control plane {@code node}.
   *
   * @throws IllegalArgumentException if {@code node} is not a control plane of {@code topology} or
   *     neither the node nor {@code kubeVip} names an interface
   */
  public static Pod render(ClusterTopology topology, KubeVip kubeVip, Node node) {
    requireControlPlane(topology, node);
    Container container =
        new ContainerBuilder()
            .withName("kube-vip")
            .withImage(topology.images().kubeVipImage())
            .withImagePullPolicy("IfNotPresent")
            .withArgs("manager")
            .withEnv(environment(topology, kubeVip, node))
            .withSecurityContext(securityContext())
            .withVolumeMounts(StaticPodRenderer.readOnlyMount("kubeconfig", KUBECONFIG_IN_POD))
            .build();
    Pod pod =
        StaticPodRenderer.staticPod(
            "kube-vip",
            StaticPodRenderer.CONTROL_PLANE_TIER,
            container,
            List.of(
                StaticPodRenderer.hostPathFile("kubeconfig", kubeconfigOnHost(topology, node))));
    return new PodBuilder(pod)
        .editSpec()
        .withHostAliases(new HostAlias(List.of("kubernetes"), "127.0.0.1"))
        .endSpec()
        .build();
  }

  /**
   * Returns true if {@code node} mounts super-admin.conf: the node that runs {@code kubeadm init}
   * from Kubernetes 1.29 on. kubeadm grants admin.conf its rights only at the end of init, and
   * kube-vip needs the Lease during init to announce the VIP that init waits for.
   */
  public static boolean mountsSuperAdminConf(ClusterTopology topology, Node node) {
    return KubeadmConfigRenderer.isInitNode(topology, node)
        && usesSuperAdminConf(topology.kubernetesVersion());
  }

  /** Returns true if {@code kubeadm init} of {@code version} writes super-admin.conf. */
  static boolean usesSuperAdminConf(KubernetesVersion version) {
    return version.major() > 1 || version.minor() >= SUPER_ADMIN_MINOR;
  }

  private static String kubeconfigOnHost(ClusterTopology topology, Node node) {
    return mountsSuperAdminConf(topology, node) ? NodePaths.SUPER_ADMIN_CONF : NodePaths.ADMIN_CONF;
  }

  private static List<EnvVar> environment(ClusterTopology topology, KubeVip kubeVip, Node node) {
    List<EnvVar> env = new ArrayList<>();
    env.add(variable("vip_arp", "true"));
    env.add(variable("port", Integer.toString(topology.apiServerPort())));
    env.add(variable("vip_nodename", node.name()));
    env.add(variable("vip_interface", interfaceName(kubeVip, node)));
    // A host prefix, as keepalived uses: the VIP adds no subnet route to the node.
    env.add(variable("vip_subnet", Integer.toString(kubeVip.virtualIp().bitLength())));
    env.add(variable("cp_enable", "true"));
    env.add(variable("cp_namespace", StaticPodRenderer.NAMESPACE));
    env.add(variable("vip_leaderelection", "true"));
    env.add(variable("vip_leasename", KubeVip.LEASE_NAME));
    env.add(variable("vip_leaseduration", Integer.toString(kubeVip.leaseDurationSeconds())));
    env.add(variable("vip_renewdeadline", Integer.toString(kubeVip.renewDeadlineSeconds())));
    env.add(variable("vip_retryperiod", Integer.toString(kubeVip.retryPeriodSeconds())));
    env.add(variable("address", kubeVip.virtualIp().toString()));
    return List.copyOf(env);
  }

  private static EnvVar variable(String name, String value) {
    return new EnvVar(name, value, null);
  }

  /**
   * Returns a security context with NET_ADMIN, to add and remove the VIP, and NET_RAW, to send
   * gratuitous ARP, and no other capability.
   */
  private static SecurityContext securityContext() {
    return new SecurityContextBuilder()
        .withNewCapabilities()
        .withAdd("NET_ADMIN", "NET_RAW")
        .withDrop("ALL")
        .endCapabilities()
        .build();
  }

  private static String interfaceName(KubeVip kubeVip, Node node) {
    return kubeVip
        .interfaceFor(node)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "node '"
                        + node.name()
                        + "' has no network interface for kube-vip: set the node's"
                        + " interfaceName, such as eth0, or the interfaceName of"
                        + " ApiEndpointAccess.kubeVip() for every node"));
  }

  private static void requireControlPlane(ClusterTopology topology, Node node) {
    if (!topology.controlPlanes().contains(node)) {
      throw new IllegalArgumentException(
          "node '"
              + node.name()
              + "' is not a control plane of cluster '"
              + topology.name()
              + "': kube-vip runs on control planes only, so render it for one of "
              + topology.controlPlanes().stream().map(Node::name).toList());
    }
  }
}
