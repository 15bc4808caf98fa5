package io.kubetopology.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.HaproxyKeepalived;
import io.kubetopology.api.Node;
import io.kubetopology.api.Secret;
import io.kubetopology.render.RealTools.ScriptFile;
import io.kubetopology.render.RealTools.ToolResult;
import io.kubetopology.render.internal.NodePaths;
import io.kubetopology.validate.TopologyValidationException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Property tests over generated topologies: each one is rejected by a builder with an {@link
 * IllegalArgumentException}, or rejected by validation with error findings, or rendered into a
 * bundle whose haproxy.cfg passes {@code haproxy -c} and whose keepalived.conf passes {@code
 * keepalived -t} on every node, both without warnings. No other exception escapes, and no message,
 * finding or {@code toString()} contains a secret.
 *
 * <p>The seeds are fixed, so a failure names the seed that reproduces it with {@link
 * TopologyGenerator}. The real-tool run is kept to {@value #REAL_TOOL_TRIES} topologies because
 * each keepalived check takes tens of milliseconds.
 */
@ResourceLock(value = VrrpLab.NAMESPACES, mode = ResourceAccessMode.READ)
class GeneratedTopologyTest {
  private static final long REAL_TOOL_SEEDS = 0x6b7562650000L;
  private static final long RENDER_SEEDS = 0x6b7562660000L;
  private static final int REAL_TOOL_TRIES = 50;
  private static final int RENDER_TRIES = 2000;

  private final BundleRenderer renderer = BundleRenderer.standard();

  /** How a generated topology ended. */
  enum Outcome {
    BUILDER_REJECTED,
    VALIDATION_REJECTED,
    RENDERED
  }

  @Test
  void generatedTopology_passesRealToolsOrGetsErrors() {
    RealTools.assumeOrRequire(RealTools.haproxyAvailable(), "haproxy");
    RealTools.assumeOrRequire(RealTools.keepalivedAvailable(), "keepalived");
    List<String> problems = new ArrayList<>();
    Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);

    for (int i = 0; i < REAL_TOOL_TRIES; i++) {
      Outcome outcome = check(REAL_TOOL_SEEDS + i, true, problems);
      outcomes.merge(outcome, 1, Integer::sum);
    }

    assertThat(problems).as("problems by seed").isEmpty();
    assertThat(outcomes.getOrDefault(Outcome.RENDERED, 0)).as("%s", outcomes).isGreaterThan(10);
    assertThat(outcomes.getOrDefault(Outcome.VALIDATION_REJECTED, 0))
        .as("%s", outcomes)
        .isGreaterThan(5);
  }

  @Test
  void generatedTopology_rendersOrGetsErrorsOnly() {
    List<String> problems = new ArrayList<>();
    Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);

    for (int i = 0; i < RENDER_TRIES; i++) {
      Outcome outcome = check(RENDER_SEEDS + i, false, problems);
      outcomes.merge(outcome, 1, Integer::sum);
    }

    assertThat(problems).as("problems by seed").isEmpty();
    assertThat(outcomes).as("%s", outcomes).containsKeys(Outcome.values());
  }

  /** Generates and renders the topology of {@code seed}, adding what went wrong to problems. */
  private Outcome check(long seed, boolean realTools, List<String> problems) {
    TopologyGenerator generator = new TopologyGenerator(seed);
    ClusterTopology topology;
    try {
      topology = generator.generate();
    } catch (IllegalArgumentException e) {
      checkNoSecret(seed, generator.secretValues(), problems, messages(e));
      return Outcome.BUILDER_REJECTED;
    }
    try {
      Bundle bundle = renderer.render(topology);
      checkNoSecret(seed, secrets(generator, bundle), problems, bundleTexts(bundle));
      if (realTools) {
        checkWithRealTools(seed, bundle, problems);
      }
      return Outcome.RENDERED;
    } catch (TopologyValidationException e) {
      if (!e.report().hasErrors()) {
        problems.add(seed + ": rejected without an error finding: " + e.getMessage());
      }
      List<String> texts = new ArrayList<>(messages(e));
      texts.addAll(List.of(e.report().toJson(), topology.toString()));
      checkNoSecret(seed, generator.secretValues(), problems, texts);
      return Outcome.VALIDATION_REJECTED;
    } catch (RuntimeException e) {
      problems.add(seed + ": render threw " + e + " for " + topology);
      checkNoSecret(seed, generator.secretValues(), problems, messages(e));
      return Outcome.VALIDATION_REJECTED;
    }
  }

  private static void checkWithRealTools(long seed, Bundle bundle, List<String> problems) {
    if (!(bundle.topology().apiEndpoint() instanceof HaproxyKeepalived lb)) {
      return;
    }
    Set<String> haproxyConfigs = new LinkedHashSet<>();
    for (Node node : bundle.topology().controlPlanes()) {
      haproxyConfigs.add(text(bundle, node, NodePaths.HAPROXY_CONFIG));
      try {
        report(seed, node.name() + " keepalived -t", keepalivedCheck(bundle, lb, node), problems);
      } catch (RuntimeException e) {
        problems.add(seed + ": keepalived check of " + node.name() + " failed to run: " + e);
      }
    }
    for (String cfg : haproxyConfigs) {
      report(seed, "haproxy -c", RealTools.haproxyCheck(cfg), problems);
    }
  }

  private static ToolResult keepalivedCheck(Bundle bundle, HaproxyKeepalived lb, Node node) {
    BundleFile script =
        bundle.nodeFile(node.name(), NodePaths.CHECK_APISERVER_SCRIPT).orElseThrow();
    return RealTools.keepalivedCheck(
        text(bundle, node, NodePaths.KEEPALIVED_CONFIG),
        node.interfaceName().or(lb::interfaceName).orElseThrow(),
        node.address().toString(),
        Map.of(NodePaths.CHECK_APISERVER_SCRIPT, new ScriptFile(script.text(), script.mode())));
  }

  private static void report(long seed, String what, ToolResult result, List<String> problems) {
    if (!result.isClean()) {
      problems.add(seed + ": " + what + ": " + result);
    }
  }

  private static String text(Bundle bundle, Node node, String nodePath) {
    return bundle.nodeFile(node.name(), nodePath).orElseThrow().text();
  }

  private static List<String> secrets(TopologyGenerator generator, Bundle bundle) {
    List<String> secrets = new ArrayList<>(generator.secretValues());
    Stream.of(
            bundle.secrets().bootstrapToken(),
            bundle.secrets().certificateKey(),
            bundle.secrets().vrrpPassword())
        .flatMap(Optional::stream)
        .map(Secret::reveal)
        .forEach(secrets::add);
    return secrets;
  }

  /** Returns everything about a bundle that may end up in a log: every text but file content. */
  private static List<String> bundleTexts(Bundle bundle) {
    List<String> texts = new ArrayList<>();
    texts.add(bundle.toString());
    texts.add(bundle.topology().toString());
    texts.add(bundle.secrets().toString());
    texts.add(bundle.report().toText());
    texts.add(bundle.report().toJson());
    bundle.files().forEach(file -> texts.add(file.toString()));
    return texts;
  }

  private static List<String> messages(Throwable error) {
    List<String> messages = new ArrayList<>();
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      messages.add(String.valueOf(cause));
    }
    return messages;
  }

  private static void checkNoSecret(
      long seed, List<String> secrets, List<String> problems, List<String> texts) {
    for (String secret : secrets) {
      for (String text : texts) {
        if (text.contains(secret)) {
          String shown = text.replace(secret, "<secret>");
          problems.add(seed + ": a secret of " + secret.length() + " characters leaked: " + shown);
        }
      }
    }
  }
}
