package io.kubetopology.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.HaproxyKeepalived;
import io.kubetopology.api.Node;
import io.kubetopology.render.internal.NodePaths;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the rendered keepalived.conf and check_apiserver.sh of the three control planes of the
 * stacked HA topology in network namespaces on one bridge, and checks that the virtual IP is on
 * exactly one healthy node and moves when that node fails.
 *
 * <p>Every bound is derived from the topology's intervals. A health check failure moves the VIP
 * after {@code fall} failed runs of the script, at most {@code interval x fall} seconds, plus the
 * VRRP master-down interval of three adverts and a skew below one advert (RFC 3768). {@link
 * #MARGIN} covers starting processes and polling on a busy machine.
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(value = VrrpLab.NAMESPACES, mode = ResourceAccessMode.READ)
class VrrpFailoverLiveTest {
  /** Slack for process start-up and polling on top of what the intervals promise. */
  private static final Duration MARGIN = Duration.ofSeconds(3);

  private static final String FIRST = "cp-1";
  private static final String SECOND = "cp-2";
  private static final String THIRD = "cp-3";

  @ParameterizedTest(name = "unicast {0}")
  @ValueSource(booleans = {false, true})
  void vip_movesWhenHolderFailsAndReturns(boolean unicast) {
    requireLab();
    ClusterTopology topology = topology(unicast);
    HaproxyKeepalived lb = (HaproxyKeepalived) topology.apiEndpoint();
    Bundle bundle = BundleRenderer.standard().render(topology);

    try (VrrpLab lab = VrrpLab.create(topology.controlPlanes(), "eth0")) {
      startNodes(lab, bundle, lb, UnaryOperator.identity());
      assertSoleHolder(lab, lb, FIRST, electionBound(lb));

      lab.stopStandIn(FIRST);
      assertSoleHolder(lab, lb, SECOND, healthFailureBound(lb));

      lab.failMachine(SECOND);
      assertSoleHolder(lab, lb, THIRD, masterDownBound(lb));

      lab.reconnect(SECOND);
      startKeepalived(lab, bundle, SECOND, UnaryOperator.identity());
      lab.startStandIn(FIRST, lb.frontendPort());
      assertSoleHolder(lab, lb, FIRST, recoveryBound(lb));
      assertThat(lab.allHolders(lb.virtualIp())).as(lab::describe).containsExactly(FIRST);
      assertStaysSoleHolder(lab, lb, FIRST);
    }
  }

  /**
   * Shows that the failover assertion catches a rendering whose health check cannot move the VIP:
   * with weight -1 the failing holder drops from 103 to 102, which only ties the next node. A
   * backup that receives an advert with its own priority keeps waiting (RFC 3768), so cp-1 keeps
   * the VIP.
   */
  @Test
  void vip_staysWhenScriptWeightTooSmall() {
    requireLab();
    ClusterTopology topology = topology(false);
    HaproxyKeepalived lb = (HaproxyKeepalived) topology.apiEndpoint();
    Bundle bundle = BundleRenderer.standard().render(topology);
    UnaryOperator<String> weakWeight = conf -> replaceOnce(conf, "weight -3\n", "weight -1\n");

    try (VrrpLab lab = VrrpLab.create(topology.controlPlanes(), "eth0")) {
      startNodes(lab, bundle, lb, weakWeight);
      assertSoleHolder(lab, lb, FIRST, electionBound(lb));

      lab.stopStandIn(FIRST);

      assertThatThrownBy(() -> assertSoleHolder(lab, lb, SECOND, healthFailureBound(lb)))
          .isInstanceOf(AssertionError.class);
      assertThat(lab.keepalivedLog(FIRST))
          .as(lab::describe)
          .anyMatch(line -> line.contains("Changing effective priority from 103 to 102"));
      assertThat(lab.holders(lb.virtualIp())).as(lab::describe).containsExactly(FIRST);
    }
  }

  private static ClusterTopology topology(boolean unicast) {
    ClusterTopology topology = TestTopologies.stackedHa();
    HaproxyKeepalived lb = (HaproxyKeepalived) topology.apiEndpoint();
    return topology.withApiEndpoint(lb.withUnicast(unicast));
  }

  private static void startNodes(
      VrrpLab lab, Bundle bundle, HaproxyKeepalived lb, UnaryOperator<String> editConf) {
    for (Node node : bundle.topology().controlPlanes()) {
      lab.startStandIn(node.name(), lb.frontendPort());
    }
    for (Node node : bundle.topology().controlPlanes()) {
      startKeepalived(lab, bundle, node.name(), editConf);
    }
  }

  private static void startKeepalived(
      VrrpLab lab, Bundle bundle, String node, UnaryOperator<String> editConf) {
    BundleFile conf = bundle.nodeFile(node, NodePaths.KEEPALIVED_CONFIG).orElseThrow();
    BundleFile edited = BundleFile.secret(conf.path(), editConf.apply(conf.text()));
    BundleFile script = bundle.nodeFile(node, NodePaths.CHECK_APISERVER_SCRIPT).orElseThrow();
    lab.startKeepalived(node, edited, script);
  }

  private static void assertSoleHolder(
      VrrpLab lab, HaproxyKeepalived lb, String expected, Duration bound) {
    Await.Outcome<List<String>> outcome =
        Await.until(
            bound, () -> lab.holders(lb.virtualIp()), holders -> holders.equals(List.of(expected)));
    assertThat(outcome.met())
        .as(
            () ->
                outcome.describe("VIP on " + expected + " alone within " + bound) + lab.describe())
        .isTrue();
  }

  // Three adverts without a change, so a second holder that appears after the first has settled
  // would be seen.
  private static void assertStaysSoleHolder(VrrpLab lab, HaproxyKeepalived lb, String expected) {
    Duration period = Duration.ofSeconds(3L * lb.advertIntervalSeconds());
    Await.Outcome<List<String>> outcome =
        Await.holdsFor(
            period,
            () -> lab.holders(lb.virtualIp()),
            holders -> holders.equals(List.of(expected)));
    assertThat(outcome.met())
        .as(() -> outcome.describe("VIP on " + expected + " alone for " + period) + lab.describe())
        .isTrue();
  }

  /**
   * Returns the start-up bound: each node waits one master-down interval before it claims the VIP.
   */
  private static Duration electionBound(HaproxyKeepalived lb) {
    return masterDownBound(lb).plusSeconds(lb.checkIntervalSeconds());
  }

  /** Returns the bound for a failing health check: {@code fall} failed runs, then master-down. */
  private static Duration healthFailureBound(HaproxyKeepalived lb) {
    return masterDownBound(lb).plusSeconds((long) lb.checkIntervalSeconds() * lb.checkFall());
  }

  /** Returns the bound for a vanished holder: three adverts plus a skew below one advert. */
  private static Duration masterDownBound(HaproxyKeepalived lb) {
    return Duration.ofSeconds(4L * lb.advertIntervalSeconds()).plus(MARGIN);
  }

  /** Returns the bound for a node that recovers: {@code rise} good runs, then it preempts. */
  private static Duration recoveryBound(HaproxyKeepalived lb) {
    return masterDownBound(lb).plusSeconds((long) lb.checkIntervalSeconds() * lb.checkRise());
  }

  private static String replaceOnce(String text, String target, String replacement) {
    assertThat(text).containsOnlyOnce(target);
    return text.replace(target, replacement);
  }

  private static void requireLab() {
    RealTools.assumeOrRequire(
        VrrpLab.available(), "keepalived with openssl, curl and network namespace bridges");
  }
}
