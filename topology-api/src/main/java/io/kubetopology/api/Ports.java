package io.kubetopology.api;

/** Port checks shared by the model's builders. */
final class Ports {
  private Ports() {}

  static void checkPort(String what, int port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(
          what + " '" + port + "' is outside 1-65535: choose a TCP port in that range");
    }
  }
}
