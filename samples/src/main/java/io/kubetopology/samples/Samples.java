package io.kubetopology.samples;

import io.kubetopology.api.ClusterTopology;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The sample topologies by name. */
public final class Samples {
  /** The sample the main job renders when given no name. */
  public static final String DEFAULT = "stacked-ha";

  private static final Map<String, Supplier<ClusterTopology>> SAMPLES = create();

  private Samples() {}

  private static Map<String, Supplier<ClusterTopology>> create() {
    Map<String, Supplier<ClusterTopology>> samples = new LinkedHashMap<>();
    samples.put(DEFAULT, StackedHaSample::topology);
    samples.put("os-services", OsServicesSample::topology);
    samples.put("dedicated-lb", DedicatedLoadBalancerSample::topology);
    samples.put("kube-vip", KubeVipSample::topology);
    samples.put("external-lb", ExternalLoadBalancerSample::topology);
    samples.put("worker-local-proxy", WorkerLocalProxySample::topology);
    samples.put("single-control-plane", SingleControlPlaneSample::topology);
    samples.put("external-etcd", ExternalEtcdSample::topology);
    return samples;
  }

  /** Returns the sample names, the default first. */
  public static Iterable<String> names() {
    return SAMPLES.keySet();
  }

  /** Returns the sample called {@code name}, if there is one. */
  public static Optional<ClusterTopology> byName(String name) {
    return Optional.ofNullable(SAMPLES.get(name)).map(Supplier::get);
  }
}
