package io.kubetopology.validate.internal;

import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.EtcdTopology;
import io.kubetopology.api.HaproxyKeepalived;
import io.kubetopology.api.ImageSettings;
import io.kubetopology.api.Node;
import io.kubetopology.validate.FindingCollector;
import io.kubetopology.validate.Rule;
import io.kubetopology.validate.Severity;
import java.util.List;
import java.util.Map;

/**
 * The rule that keeps characters with a meaning in configuration syntax out of every string the
 * renderer writes into a file. haproxy.cfg, keepalived.conf, check_apiserver.sh and the runbook
 * take such strings as they are, without escaping, so a value that passes this rule cannot add a
 * line, a block or a command to them.
 */
final class ConfigValueRules {
  static final Rule VALUE_UNSAFE_FOR_CONFIG =
      new SimpleRule(
          "VALUE_UNSAFE_FOR_CONFIG",
          "Strings written into rendered files contain no quote, comment, brace, shell,"
              + " whitespace or control character",
          Severity.ERROR,
          ConfigValueRules::checkValues);

  /**
   * ASCII characters that a rendered file reads as syntax. Quotes and the backslash quote and
   * escape. '#' and '!' start comments in haproxy.cfg and keepalived.conf, and braces open and
   * close keepalived blocks. ';', '$', '`', '&', '|', '<' and '>' are shell syntax in the runbook's
   * commands and check_apiserver.sh. ',' and '=' separate kubelet's node-labels entries.
   */
  private static final String UNSAFE_ASCII = "\"'\\#!{};$`&|<>,=";

  /**
   * More ASCII characters that node names and the endpoint host may not contain, because the
   * runbook puts them into shell commands as paths and URLs: glob characters, parentheses, the
   * tilde and the path separator.
   */
  private static final String UNSAFE_IN_SHELL_WORDS = "*?[]()~/";

  private static final String HINT =
      "remove the character: strings written into the rendered files may not contain quotes, '\\',"
          + " '#', '!', '{', '}', ';', '$', '`', '&', '|', '<', '>', ',', '=', whitespace or"
          + " control characters.";

  private static final String SHELL_WORD_HINT =
      "remove the character: node names and the endpoint host may not contain quotes, '\\', '#',"
          + " '!', '{', '}', ';', '$', '`', '&', '|', '<', '>', ',', '=', '*', '?', '[', ']', '(',"
          + " ')', '~', '/', whitespace or control characters.";

  private ConfigValueRules() {}

  static List<Rule> all() {
    return List.of(VALUE_UNSAFE_FOR_CONFIG);
  }

  private static void checkValues(ClusterTopology topology, FindingCollector findings) {
    check("name", "cluster name", topology.name(), findings);
    for (Node node : topology.nodes()) {
      checkNode(node, findings);
    }
    if (topology.apiEndpoint() instanceof HaproxyKeepalived lb) {
      lb.interfaceName()
          .ifPresent(name -> check("apiEndpoint.interfaceName", "interface name", name, findings));
    }
    topology
        .controlPlaneEndpoint()
        .ifPresent(
            endpoint ->
                checkShellWord(
                    "controlPlaneEndpoint",
                    "control plane endpoint host",
                    endpoint.host(),
                    findings));
    List<String> sans = topology.extraCertSans();
    for (int i = 0; i < sans.size(); i++) {
      check("extraCertSans[" + i + "]", "certificate name", sans.get(i), findings);
    }
    check("networking.dnsDomain", "DNS domain", topology.networking().dnsDomain(), findings);
    checkImages(topology.images(), findings);
    checkEtcd(topology.etcd(), findings);
  }

  private static void checkNode(Node node, FindingCollector findings) {
    checkShellWord(Paths.node(node, "name"), "node name", node.name(), findings);
    node.interfaceName()
        .ifPresent(
            name -> check(Paths.node(node, "interfaceName"), "interface name", name, findings));
    check(Paths.node(node, "criSocket"), "CRI socket", node.criSocket(), findings);
    for (Map.Entry<String, String> label : node.labels().entrySet()) {
      check(Paths.node(node, "labels"), "label key", label.getKey(), findings);
      check(Paths.node(node, "labels"), "label value", label.getValue(), findings);
    }
  }

  private static void checkImages(ImageSettings images, FindingCollector findings) {
    check("images.imageRepository", "image repository", images.imageRepository(), findings);
    check("images.haproxyImage", "image reference", images.haproxyImage(), findings);
    check("images.keepalivedImage", "image reference", images.keepalivedImage(), findings);
  }

  private static void checkEtcd(EtcdTopology etcd, FindingCollector findings) {
    List<String> endpoints = etcd.endpoints();
    for (int i = 0; i < endpoints.size(); i++) {
      check("etcd.endpoints[" + i + "]", "etcd endpoint", endpoints.get(i), findings);
    }
    etcd.caFile().ifPresent(file -> check("etcd.caFile", "etcd CA file", file, findings));
    etcd.certFile()
        .ifPresent(file -> check("etcd.certFile", "etcd certificate file", file, findings));
    etcd.keyFile().ifPresent(file -> check("etcd.keyFile", "etcd key file", file, findings));
  }

  private static void check(
      String path, String description, String value, FindingCollector findings) {
    value
        .codePoints()
        .filter(ConfigValueRules::isUnsafe)
        .findFirst()
        .ifPresent(character -> report(path, description, value, character, HINT, findings));
  }

  private static void checkShellWord(
      String path, String description, String value, FindingCollector findings) {
    value
        .codePoints()
        .filter(character -> isUnsafe(character) || UNSAFE_IN_SHELL_WORDS.indexOf(character) >= 0)
        .findFirst()
        .ifPresent(
            character -> report(path, description, value, character, SHELL_WORD_HINT, findings));
  }

  private static void report(
      String path,
      String description,
      String value,
      int character,
      String hint,
      FindingCollector findings) {
    findings.report(
        path,
        description
            + " '"
            + Text.escape(value)
            + "' contains "
            + characterName(character)
            + ", which can change the meaning of the files it is written into.",
        hint);
  }

  /** Returns true for a character that {@link #HINT} lists for every field. */
  static boolean isUnsafe(int codePoint) {
    return UNSAFE_ASCII.indexOf(codePoint) >= 0
        || Character.isWhitespace(codePoint)
        || Character.isSpaceChar(codePoint)
        || Text.isUnprintable(codePoint);
  }

  private static String characterName(int codePoint) {
    String number = "U+" + Text.codePointNumber(codePoint);
    return switch (codePoint) {
      case '\n' -> "a line feed (" + number + ")";
      case '\r' -> "a carriage return (" + number + ")";
      case '\t' -> "a tab (" + number + ")";
      case ' ' -> "a space (" + number + ")";
      case '"' -> "a double quote";
      case '\'' -> "a single quote";
      case '\\' -> "a backslash";
      case '`' -> "a backquote";
      default -> otherCharacterName(codePoint, number);
    };
  }

  private static String otherCharacterName(int codePoint, String number) {
    if (UNSAFE_ASCII.indexOf(codePoint) >= 0 || UNSAFE_IN_SHELL_WORDS.indexOf(codePoint) >= 0) {
      return "'" + Character.toString(codePoint) + "'";
    }
    if (Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)) {
      return "the whitespace character " + number;
    }
    if (Character.getType(codePoint) == Character.FORMAT) {
      return "the invisible format character " + number;
    }
    if (Character.getType(codePoint) == Character.SURROGATE) {
      return "the unpaired surrogate " + number;
    }
    return "the control character " + number;
  }
}
