package io.kubetopology.render.internal;

import io.kubetopology.api.ApiEndpointAccess;
import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.ControlPlaneEndpoint;
import io.kubetopology.api.ExternalLoadBalancer;
import io.kubetopology.api.HaproxyKeepalived;
import io.kubetopology.api.IpAddress;
import io.kubetopology.api.KubeVip;
import io.kubetopology.api.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The runbook text that depends on how clients reach the apiservers: the overview's sentences, the
 * steps around installing the files and around the joins, and the notes at the end.
 */
final class AccessRunbook {
  /**
   * The command that points kube-vip on the first control plane at admin.conf after {@code kubeadm
   * init}; it rewrites the hostPath of the manifest's kubeconfig volume.
   */
  static final String KUBE_VIP_ADMIN_CONF_SWITCH =
      "sed -i 's#path: "
          + NodePaths.SUPER_ADMIN_CONF
          + "#path: "
          + NodePaths.ADMIN_CONF
          + "#' "
          + NodePaths.KUBE_VIP_MANIFEST;

  private AccessRunbook() {}

  /** A numbered runbook step: its title and its Markdown body, which ends with a blank line. */
  record Step(String title, String body) {}

  /** Returns the overview sentences on how clients reach the apiservers. */
  static String overview(ClusterTopology topology) {
    StringBuilder out = new StringBuilder(endpointSentence(topology));
    topology
        .apiEndpoint()
        .workerLocalProxyPort()
        .ifPresent(
            port ->
                out.append(
                        "Each worker runs haproxy as a static pod on its loopback address, port ")
                    .append(port)
                    .append(", that forwards to every apiserver; after its join the worker's")
                    .append(" kubelet uses that proxy instead of the endpoint.\n"));
    return out.toString();
  }

  /** Returns the steps before the files are installed. */
  /**
   * Returns the images of the static pods the bundle places beside kubeadm's own, in the order the
   * nodes need them; {@code kubeadm config images pull} does not pull these.
   */
  static List<String> extraImages(ClusterTopology topology) {
    List<String> images = new ArrayList<>();
    ApiEndpointAccess access = topology.apiEndpoint();
    if (access instanceof HaproxyKeepalived lb
        && lb.placement() == HaproxyKeepalived.Placement.STATIC_PODS) {
      images.add(topology.images().haproxyImage());
      images.add(topology.images().keepalivedImage());
    }
    if (access instanceof KubeVip) {
      images.add(topology.images().kubeVipImage());
    }
    if (access.workerLocalProxyPort().isPresent()
        && !images.contains(topology.images().haproxyImage())) {
      images.add(topology.images().haproxyImage());
    }
    return images;
  }

  static List<Step> beforeInstall(ClusterTopology topology) {
    ApiEndpointAccess access = topology.apiEndpoint();
    if (access instanceof HaproxyKeepalived lb && isOsService(lb)) {
      return List.of(installPackages(topology, lb));
    }
    if (access instanceof ExternalLoadBalancer external) {
      return List.of(configureExternal(topology, external));
    }
    return List.of();
  }

  /** Returns the paragraphs that follow the install commands. */
  static String afterInstallNote(ClusterTopology topology) {
    StringBuilder out = new StringBuilder();
    ApiEndpointAccess access = topology.apiEndpoint();
    if (access instanceof HaproxyKeepalived lb && !isOsService(lb)) {
      out.append("The control planes then have the haproxy and keepalived static pods in")
          .append(" `/etc/kubernetes/manifests`. kubelet starts them as soon as it runs, so")
          .append(" keepalived assigns the virtual IP before any apiserver is up; haproxy")
          .append(" forwards to an apiserver once its `/readyz` check passes.\n\n");
    }
    if (access instanceof KubeVip) {
      appendKubeVipNote(out, topology);
    }
    if (access.workerLocalProxyPort().isPresent() && !workers(topology).isEmpty()) {
      out.append("The workers then have the haproxy static pod of their local proxy in")
          .append(" `/etc/kubernetes/manifests`; kubelet starts it during the join.\n\n");
    }
    return out.toString();
  }

  /** Returns the steps between installing the files and {@code kubeadm init}. */
  static List<Step> afterInstall(ClusterTopology topology) {
    if (!(topology.apiEndpoint() instanceof HaproxyKeepalived lb)) {
      return List.of();
    }
    if (isOsService(lb)) {
      return List.of(startServices(topology, lb));
    }
    if (lb.bindToVirtualIp()) {
      return List.of(applySysctl(topology, lb));
    }
    return List.of();
  }

  /** Returns the steps between {@code kubeadm init} and the control-plane joins. */
  static List<Step> afterInit(ClusterTopology topology) {
    Node first = topology.controlPlanes().get(0);
    if (topology.apiEndpoint() instanceof KubeVip
        && KubeVipPodRenderer.mountsSuperAdminConf(topology, first)) {
      return List.of(switchKubeVipToAdminConf(topology, first));
    }
    return List.of();
  }

  /** Returns the steps after the workers have joined. */
  static List<Step> afterWorkerJoins(ClusterTopology topology) {
    OptionalInt port = topology.apiEndpoint().workerLocalProxyPort();
    if (port.isEmpty() || workers(topology).isEmpty()) {
      return List.of();
    }
    return List.of(switchKubeletToProxy(topology, port.getAsInt()));
  }

  /** Returns the list items of the closing notes, each a Markdown line ending in a newline. */
  static List<String> afterwardsNotes(ClusterTopology topology) {
    List<String> notes = new ArrayList<>();
    ApiEndpointAccess access = topology.apiEndpoint();
    if (access instanceof HaproxyKeepalived lb && !isOsService(lb)) {
      notes.add(
          "- `kubeadm reset` on a control plane deletes everything in"
              + " `/etc/kubernetes/manifests`, the haproxy and keepalived pods included; install"
              + " them again before that node rejoins.\n");
    }
    if (access instanceof HaproxyKeepalived lb && isOsService(lb)) {
      notes.add(
          "- haproxy and keepalived run as systemd services outside Kubernetes, so `kubeadm"
              + " reset` and `kubeadm upgrade` leave them alone; update them with the OS"
              + " packages.\n");
    }
    if (access instanceof KubeVip) {
      notes.add(
          "- `kubeadm reset` on a control plane deletes everything in"
              + " `/etc/kubernetes/manifests`, the kube-vip pod included; install it again before"
              + " that node rejoins.\n");
    }
    if (access instanceof ExternalLoadBalancer) {
      notes.add("- When control planes come or go, update the load balancer's backends.\n");
    }
    if (access.workerLocalProxyPort().isPresent() && !workers(topology).isEmpty()) {
      notes.add(
          "- `kubeadm reset` on a worker deletes its haproxy manifest too; install it again"
              + " before the worker rejoins, and switch its kubelet.conf to the proxy again"
              + " afterwards.\n");
    }
    return notes;
  }

  private static String endpointSentence(ClusterTopology topology) {
    ApiEndpointAccess access = topology.apiEndpoint();
    String endpoint = topology.effectiveControlPlaneEndpoint().map(Object::toString).orElse("");
    if (access instanceof HaproxyKeepalived lb) {
      return haproxyKeepalivedSentence(topology, lb, endpoint);
    }
    if (access instanceof KubeVip kubeVip) {
      return "Clients reach the apiservers at `"
          + endpoint
          + "`: kube-vip on the control planes elects a leader through the Lease"
          + " kube-system/"
          + KubeVip.LEASE_NAME
          + ", and the leader replies to ARP requests for the virtual IP "
          + kubeVip.virtualIp()
          + ", so clients reach the apiserver on that node directly.\n";
    }
    if (access instanceof ExternalLoadBalancer) {
      return "Clients reach the apiservers at `"
          + endpoint
          + "`, an external load balancer that this bundle does not configure; the next step"
          + " lists what it must do.\n";
    }
    if (!endpoint.isEmpty()) {
      return "Clients reach the apiserver at `" + endpoint + "`.\n";
    }
    return "Clients reach the apiserver of "
        + topology.controlPlanes().get(0).name()
        + " directly; the cluster has no load balancer.\n";
  }

  private static String haproxyKeepalivedSentence(
      ClusterTopology topology, HaproxyKeepalived lb, String endpoint) {
    String holders =
        lb.runsOnControlPlanes()
            ? " on one control plane"
            : " on one of the load-balancer hosts " + names(lb.virtualIpHolders(topology));
    String services =
        isOsService(lb) ? " Both run as systemd services from Debian's packages." : "";
    return "Clients reach the apiservers at `"
        + endpoint
        + "`: keepalived holds the virtual IP "
        + lb.virtualIp()
        + holders
        + " and haproxy there forwards to every apiserver on port "
        + topology.apiServerPort()
        + "."
        + services
        + "\n";
  }

  private static boolean isOsService(HaproxyKeepalived lb) {
    return lb.placement() != HaproxyKeepalived.Placement.STATIC_PODS;
  }

  private static Step installPackages(ClusterTopology topology, HaproxyKeepalived lb) {
    String body =
        "On "
            + names(lb.virtualIpHolders(topology))
            + ", install Debian's packages, and curl, which `check_apiserver.sh` runs. Install"
            + " them before the files: the haproxy package ships its own"
            + " `/etc/haproxy/haproxy.cfg`, which the next step replaces.\n\n"
            + "```sh\n"
            + "apt-get update\n"
            + "apt-get install -y haproxy keepalived curl\n"
            + "```\n\n";
    return new Step("Install haproxy and keepalived", body);
  }

  private static Step startServices(ClusterTopology topology, HaproxyKeepalived lb) {
    StringBuilder body = new StringBuilder();
    body.append("On ")
        .append(names(lb.virtualIpHolders(topology)))
        .append(", check the files and start both services before `kubeadm init`, which reaches")
        .append(" the apiserver through the endpoint:\n\n```sh\n");
    if (lb.bindToVirtualIp()) {
      body.append("sysctl -p ").append(NodePaths.NONLOCAL_BIND_SYSCTL).append('\n');
    }
    body.append("haproxy -c -f ").append(NodePaths.HAPROXY_CONFIG).append('\n');
    body.append("keepalived -t -f ").append(NodePaths.KEEPALIVED_CONFIG).append('\n');
    body.append("systemctl enable --now haproxy keepalived\n");
    body.append("systemctl restart haproxy keepalived\n```\n\n");
    body.append("`enable --now` starts both at every boot, and the restart makes a service that")
        .append(" the package already started read the new files.");
    if (lb.bindToVirtualIp()) {
      body.append(" `sysctl -p` lets haproxy bind the virtual IP now; systemd applies the")
          .append(" drop-in at every boot.");
    }
    body.append("\n\n");
    return new Step("Start haproxy and keepalived", body.toString());
  }

  private static Step applySysctl(ClusterTopology topology, HaproxyKeepalived lb) {
    String body =
        "On "
            + names(lb.virtualIpHolders(topology))
            + ", apply the sysctl drop-in before `kubeadm init` makes kubelet start haproxy,"
            + " which binds the virtual IP also where keepalived does not hold it:\n\n"
            + "```sh\n"
            + "sysctl -p "
            + NodePaths.NONLOCAL_BIND_SYSCTL
            + "\n```\n\n"
            + "systemd applies the drop-in at every boot.\n\n";
    return new Step("Let haproxy bind the virtual IP", body);
  }

  private static Step configureExternal(ClusterTopology topology, ExternalLoadBalancer external) {
    StringBuilder body = new StringBuilder();
    body.append("The bundle contains no file for the load balancer at `")
        .append(ControlPlaneEndpoint.of(external.host(), external.port()))
        .append("`. Configure it so that:\n\n");
    if (!isAddress(external.host())) {
      body.append("- `")
          .append(external.host())
          .append("` resolves to it on every node, since kubeadm and kubelet connect by name;\n");
    }
    body.append("- it forwards TCP connections unchanged to the apiservers (TCP passthrough, no")
        .append(" TLS termination), because kubelets and kubeadm's kubeconfigs authenticate with")
        .append(" client certificates that only the apiservers can check;\n")
        .append(
            "- it checks each apiserver with HTTPS `GET /readyz` and expects status 200, without")
        .append(" verifying the certificate, which the cluster CA of `kubeadm init` signs;\n")
        .append("- a control plane that connects to it may be balanced back to itself (hairpin);")
        .append(" cloud load balancers that keep the client address drop such connections, so")
        .append(" turn that off, because `kubeadm init` and every kubelet on a control plane")
        .append(" connect through it;\n")
        .append("- it keeps idle connections open for an hour, since watches, `kubectl exec` and")
        .append(" `kubectl logs -f` stay idle for minutes;\n")
        .append("- its backends are the apiservers:\n\n```\n");
    for (Node node : topology.controlPlanes()) {
      body.append(node.name())
          .append(' ')
          .append(node.address().address().toUriHost())
          .append(':')
          .append(topology.apiServerPort())
          .append('\n');
    }
    body.append("```\n\n")
        .append("It must forward to ")
        .append(topology.controlPlanes().get(0).name())
        .append(" before `kubeadm init`, which waits for the apiserver through the endpoint.\n\n");
    return new Step("Configure the external load balancer", body.toString());
  }

  private static boolean isAddress(String host) {
    try {
      IpAddress.parse(host);
      return true;
    } catch (IllegalArgumentException notAnAddress) {
      return false;
    }
  }

  private static void appendKubeVipNote(StringBuilder out, ClusterTopology topology) {
    out.append("The control planes then have the kube-vip static pod in")
        .append(" `/etc/kubernetes/manifests`. kubelet starts it as soon as it runs, and it")
        .append(" announces the virtual IP once it holds the Lease, which needs a running")
        .append(" apiserver. On a joining control plane it starts once `kubeadm join` has written")
        .append(" `admin.conf`, since kubelet waits for the mounted file.\n\n");
    Node first = topology.controlPlanes().get(0);
    if (KubeVipPodRenderer.mountsSuperAdminConf(topology, first)) {
      out.append("On ")
          .append(first.name())
          .append(" kube-vip mounts `")
          .append(NodePaths.SUPER_ADMIN_CONF)
          .append("`: from Kubernetes 1.29, `kubeadm init` grants `admin.conf` its rights only at")
          .append(" its end, but kube-vip needs them during init to take the Lease and announce")
          .append(" the virtual IP that init waits for. A later step switches it to `admin.conf`.")
          .append("\n\n");
    }
  }

  private static Step switchKubeVipToAdminConf(ClusterTopology topology, Node first) {
    String check =
        "curl --insecure --fail https://"
            + topology.effectiveControlPlaneEndpoint().orElseThrow()
            + "/readyz";
    String body =
        "Once `kubeadm init` has finished, `admin.conf` has its rights. Point kube-vip on "
            + first.name()
            + " at it, so that no running pod keeps the super-admin credentials, which bypass"
            + " RBAC:\n\n"
            + "```sh\n"
            + KUBE_VIP_ADMIN_CONF_SWITCH
            + "\n"
            + check
            + "\n```\n\n"
            + "kubelet restarts kube-vip with the new mount, and the virtual IP is gone for a few"
            + " seconds until kube-vip holds the Lease again. Repeat the `curl` until it succeeds"
            + " before joining anything.\n\n";
    return new Step("Switch kube-vip on " + first.name() + " to admin.conf", body);
  }

  private static Step switchKubeletToProxy(ClusterTopology topology, int port) {
    StringBuilder body = new StringBuilder();
    body.append("kubeadm writes `")
        .append(NodePaths.KUBELET_CONF)
        .append("` during the join with the server from the cluster-info ConfigMap, which is the")
        .append(" control plane endpoint, and JoinConfiguration has no field that changes it. Once")
        .append(" a worker has joined, check its local proxy and switch kubelet to it:\n\n```sh\n");
    for (Node worker : workers(topology)) {
      String server =
          "https://" + HaproxyConfigRenderer.loopbackHost(worker.address().address()) + ":" + port;
      body.append("# on ").append(worker.name()).append('\n');
      body.append("curl --insecure --fail ").append(server).append("/readyz\n");
      body.append("sed -i 's#^\\( *server:\\).*#\\1 ")
          .append(server)
          .append("#' ")
          .append(NodePaths.KUBELET_CONF)
          .append('\n');
      body.append("systemctl restart kubelet\n");
    }
    body.append("```\n\n")
        .append("kube-proxy keeps using the endpoint from the kube-proxy ConfigMap.\n\n");
    return new Step("Point the workers' kubelet at the local proxy", body.toString());
  }

  /** Returns the nodes that run the workers' local proxy, in topology order. */
  static List<Node> workers(ClusterTopology topology) {
    return topology.nodes().stream().filter(AccessFilePlanner::runsWorkerProxy).toList();
  }

  /** Joins node names as a sentence does: {@code a}, {@code a and b}, {@code a, b and c}. */
  static String names(List<Node> nodes) {
    List<String> names = nodes.stream().map(Node::name).toList();
    if (names.size() <= 1) {
      return String.join("", names);
    }
    return String.join(", ", names.subList(0, names.size() - 1))
        + " and "
        + names.get(names.size() - 1);
  }
}
