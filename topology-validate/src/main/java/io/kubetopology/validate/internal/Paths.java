package io.kubetopology.validate.internal;

import io.kubetopology.api.Node;

/** Model paths as findings show them. */
final class Paths {
  private Paths() {}

  /**
   * Returns {@code nodes[NAME].FIELD}. A control character in the name is escaped, so that the path
   * stays on one line even for a name that {@code VALUE_UNSAFE_FOR_CONFIG} rejects.
   */
  static String node(Node node, String field) {
    return "nodes[" + Text.escape(node.name()) + "]." + field;
  }

  /** Returns {@code networking.podSubnets[INDEX]}. */
  static String podSubnet(int index) {
    return "networking.podSubnets[" + index + "]";
  }

  /** Returns {@code networking.serviceSubnets[INDEX]}. */
  static String serviceSubnet(int index) {
    return "networking.serviceSubnets[" + index + "]";
  }
}
