package io.kubetopology.render.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

class YamlTest {
  /** The Jackson configuration the render module wrote YAML with before it had its own writer. */
  private static final ObjectMapper JACKSON_WRITER =
      YAMLMapper.builder()
          .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
          .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
          .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
          .enable(YAMLWriteFeature.INDENT_ARRAYS_WITH_INDICATOR)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .build();

  private static final ObjectMapper JACKSON_READER = YAMLMapper.builder().build();

  /** Strings that a YAML 1.1 or 1.2 reader reads as something else, or cannot read, when plain. */
  private static final List<String> TRICKY_SCALARS =
      List.of(
          "",
          " ",
          "true",
          "True",
          "FALSE",
          "yes",
          "No",
          "on",
          "OFF",
          "y",
          "N",
          "~",
          "null",
          "Null",
          "NULL",
          "=",
          "<<",
          "0",
          "1",
          "-1",
          "+1",
          "007",
          "0o17",
          "0O17",
          "0x1F",
          "0X1f",
          "0b101",
          "-0b1",
          "1_000",
          "_",
          "1.5",
          "-.5",
          "+.5",
          "1.",
          "1e3",
          "1E-3",
          "6.02e+23",
          ".inf",
          "-.Inf",
          "+.INF",
          ".nan",
          ".NaN",
          "1:30",
          "-1:30:00",
          "190:20:30.15",
          "2001-12-14",
          "2001-12-14t21:59:43.10-05:00",
          "2001-12-14 21:59:43.10 -5",
          "- a",
          "-",
          "?",
          ":",
          "? a",
          ": a",
          "a: b",
          "a:",
          "a #b",
          "#a",
          "[a]",
          "a,b",
          "{a}",
          "'a'",
          "\"a\"",
          "%a",
          "@a",
          "`a",
          "!a",
          "&a",
          "*a",
          "|a",
          ">a",
          " a",
          "a ",
          "a\nb",
          "a\tb",
          "a\rb",
          "\u0000",
          "\u0007",
          "\u001b",
          "\u007f",
          "\u0085",
          "\u00a0",
          "\u2028",
          "\u2029",
          "\ufeff",
          "\ufffe",
          "\uffff",
          "caf\u00e9",
          "\u00fcber \u4e2d",
          "\ud83d\ude00",
          "---",
          "--- a",
          "...",
          "a: \"b\"",
          "key: value # comment",
          "#PYTHON2BASH:['10.0.0.100']");

  /** Strings the renderers write that every YAML reader reads back as strings when plain. */
  private static final List<String> PLAIN_SCALARS =
      List.of(
          "10.0.0.11",
          "10.0.0.100:8443",
          "10.244.0.0/16",
          "--log-detail",
          "unix:///var/run/containerd/containerd.sock",
          "system:bootstrappers:kubeadm:default-node-token",
          "docker.io/library/haproxy:2.8.5",
          "kubeadm.k8s.io/v1beta4",
          "v1.33.4",
          "24h0m0s",
          "abcdef.0123456789abcdef",
          "3f9c2b7a1e5d4c8b9a0f6e2d1c3b5a7988776655443322110ffeeddccbbaa998",
          "DirAvailable--etc-kubernetes-manifests",
          "::1",
          "fd00::64",
          "-x",
          "a:b",
          "a#b",
          "it's",
          "a b",
          "a\\b");

  @Test
  void write_layoutOfNestedTrees() {
    Map<String, Object> container = new LinkedHashMap<>();
    container.put("name", "haproxy");
    container.put("args", List.of("manager", "--verbose"));
    container.put("ports", List.of(Map.of("containerPort", 8443)));
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("kind", "Pod");
    tree.put("hostNetwork", true);
    tree.put("runAsUser", 0L);
    tree.put("containers", List.of(container));
    tree.put("matrix", List.of(List.of("a", "b"), List.of("c")));
    tree.put("empty", Map.of());
    tree.put("none", List.of());

    assertThat(Yaml.write(tree))
        .isEqualTo(
            """
            kind: Pod
            hostNetwork: true
            runAsUser: 0
            containers:
              - name: haproxy
                args:
                  - manager
                  - --verbose
                ports:
                  - containerPort: 8443
            matrix:
              - - a
                - b
              - - c
            empty: {}
            none: []
            """);
  }

  @Test
  void write_topLevelListAndScalar() {
    assertThat(Yaml.write(List.of(Map.of("a", 1), "b"))).isEqualTo("- a: 1\n- b\n");
    assertThat(Yaml.write("true")).isEqualTo("\"true\"\n");
    assertThat(Yaml.write(Map.of())).isEqualTo("{}\n");
  }

  @Test
  void write_sameTextAsJacksonForRenderedShapes() {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("apiVersion", "kubeadm.k8s.io/v1beta4");
    tree.put("bindPort", 6443);
    tree.put("unsafeSkipCAVerification", true);
    tree.put("quoted", List.of("6443", "true", "#PYTHON2BASH:['10.0.0.100']", ""));
    tree.put("plain", PLAIN_SCALARS);
    Map<String, Object> arg = new LinkedHashMap<>();
    arg.put("name", "node-ip");
    arg.put("value", "10.0.0.11");
    tree.put("extraArgs", List.of(arg));
    tree.put("labels", Map.of("tier", "control-plane"));

    assertThat(Yaml.write(tree)).isEqualTo(JACKSON_WRITER.writeValueAsString(tree));
  }

  @Test
  void write_quotesTrickyScalars() {
    for (String scalar : TRICKY_SCALARS) {
      assertThat(YamlScalars.isPlainSafe(scalar)).as("plain %s", show(scalar)).isFalse();
    }
  }

  @Test
  void write_keepsRenderedScalarsPlain() {
    for (String scalar : PLAIN_SCALARS) {
      assertThat(YamlScalars.isPlainSafe(scalar)).as("plain %s", show(scalar)).isTrue();
    }
  }

  @Test
  void write_trickyScalarsReadBackUnchanged() {
    for (String scalar : TRICKY_SCALARS) {
      assertRoundTrip(scalar);
    }
    for (String scalar : PLAIN_SCALARS) {
      assertRoundTrip(scalar);
    }
  }

  @Test
  void write_escapesInDoubleQuotes() {
    assertThat(Yaml.write(List.of("a\"b\\c\n\t\u0007\u2028\ud800")))
        .isEqualTo("- \"a\\\"b\\\\c\\n\\t\\x07\\u2028\\ud800\"\n");
  }

  @Test
  void write_anyStringReadsBackUnchanged() {
    for (long seed = 0; seed < 2000; seed++) {
      String value = randomString(new Random(seed), 12);
      if (hasNoUnpairedSurrogate(value)) {
        assertRoundTrip(value);
      }
    }
  }

  /** Strings of the characters YAML gives a meaning to, so the generator hits its syntax often. */
  @Test
  void write_yamlLikeStringReadsBackUnchanged() {
    String alphabet = "-?:,[]{}#&*!|>'\"%@` \t\n.+_0123456789eExXoObBaytnfINul~=<";
    for (long seed = 0; seed < 1000; seed++) {
      Random random = new Random(seed);
      StringBuilder value = new StringBuilder();
      for (int length = random.nextInt(9); length > 0; length--) {
        value.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      assertRoundTrip(value.toString());
    }
  }

  /** Returns up to {@code maxLength} characters drawn from all of UTF-16, surrogates included. */
  static String randomString(Random random, int maxLength) {
    StringBuilder value = new StringBuilder();
    for (int length = random.nextInt(maxLength + 1); length > 0; length--) {
      value.append(
          (char) (random.nextInt(4) == 0 ? random.nextInt(0x80) : random.nextInt(0x10000)));
    }
    return value.toString();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a: b", "1", "true", "", "#x", "- x"})
  void write_quotesTrickyKeys(String key) {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put(key, "v");

    assertThat(new Load(LoadSettings.builder().build()).loadFromString(Yaml.write(tree)))
        .isEqualTo(tree);
  }

  @Test
  void write_nonStringKey_rejected() {
    Map<Object, Object> tree = new LinkedHashMap<>();
    tree.put(1, "v");

    assertThatThrownBy(() -> Yaml.write(tree))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "invalid YAML map key '1': it is a java.lang.Integer, so build trees with string keys"
                + " only");
  }

  @Test
  void write_unsupportedValue_rejected() {
    assertThatThrownBy(() -> Yaml.write(List.of(1.5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "cannot write a java.lang.Double as YAML: build trees of maps, lists, strings,"
                + " integers and booleans only");
  }

  /**
   * Writes {@code value} as a map value, a map key and a list item, and reads each back with
   * snakeyaml-engine (YAML 1.2) and Jackson.
   */
  private static void assertRoundTrip(String value) {
    Map<String, Object> asValue = new LinkedHashMap<>();
    asValue.put("key", value);
    Map<String, Object> asKey = new LinkedHashMap<>();
    asKey.put(value, "value");
    List<Object> asItem = new ArrayList<>(List.of(value, "next"));

    for (Object tree : List.of(asValue, asKey, asItem)) {
      String yaml = Yaml.write(tree);
      Object snakeyaml = new Load(LoadSettings.builder().build()).loadFromString(yaml);
      Object jackson = JACKSON_READER.readValue(yaml, Object.class);

      assertThat(snakeyaml).as("snakeyaml-engine reading %s", show(yaml)).isEqualTo(tree);
      assertThat(jackson).as("Jackson reading %s", show(yaml)).isEqualTo(tree);
    }
  }

  static boolean hasNoUnpairedSurrogate(String text) {
    return text.codePoints().noneMatch(c -> c >= 0xd800 && c <= 0xdfff);
  }

  private static String show(String text) {
    StringBuilder out = new StringBuilder();
    YamlScalars.appendDoubleQuoted(out, text);
    return out.toString();
  }
}
