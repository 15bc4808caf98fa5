package io.kubetopology.validate.internal;

import io.kubetopology.api.Node;

/** Model paths as findings show them. */
final class Paths {
  private Paths() {}

  static String node(Node node, String field) {
    return "nodes[" + node.name() + "]." + field;
  }
}
