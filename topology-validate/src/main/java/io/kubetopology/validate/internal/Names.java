package io.kubetopology.validate.internal;

import io.kubetopology.api.IpAddress;
import java.util.Optional;
import java.util.regex.Pattern;

/** Formats that Kubernetes, kubeadm and Linux accept for names. */
final class Names {
  private static final Pattern DNS1123_LABEL =
      Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  private static final Pattern INTERFACE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,14}");
  private static final Pattern LABEL_NAME =
      Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)");
  private static final Pattern LABEL_VALUE =
      Pattern.compile("(([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?)");
  private static final Pattern IMAGE_REFERENCE =
      Pattern.compile("[a-z0-9]+([._/:@-][A-Za-z0-9]+|__[A-Za-z0-9]+)*");

  private Names() {}

  /** Returns true for an RFC 1123 label: lowercase alphanumerics and '-', at most 63. */
  static boolean isDns1123Label(String name) {
    return DNS1123_LABEL.matcher(name).matches();
  }

  /** Returns true for an RFC 1123 subdomain: dot-separated labels, at most 253 characters. */
  static boolean isDns1123Subdomain(String name) {
    if (name.isEmpty() || name.length() > 253) {
      return false;
    }
    for (String label : name.split("\\.", -1)) {
      if (!isDns1123Label(label)) {
        return false;
      }
    }
    return true;
  }

  /** Returns true for a Linux interface name: at most 15 characters, no spaces or slashes. */
  static boolean isInterfaceName(String name) {
    return INTERFACE.matcher(name).matches();
  }

  /** Returns true for a label key: an optional DNS subdomain prefix and a name. */
  static boolean isLabelKey(String key) {
    int slash = key.indexOf('/');
    String name = slash < 0 ? key : key.substring(slash + 1);
    if (slash >= 0 && !isDns1123Subdomain(key.substring(0, slash))) {
      return false;
    }
    return LABEL_NAME.matcher(name).matches();
  }

  /** Returns true for a label value: empty, or at most 63 alphanumerics, '-', '_' and '.'. */
  static boolean isLabelValue(String value) {
    return LABEL_VALUE.matcher(value).matches();
  }

  /** Returns true for a host: an IP literal or a DNS-1123 subdomain. */
  static boolean isHost(String host) {
    return isIpLiteral(host) || isDns1123Subdomain(host);
  }

  /** Returns true for an IP literal. */
  static boolean isIpLiteral(String text) {
    return ipLiteral(text).isPresent();
  }

  /** Returns the address an IP literal names, or empty for any other text. */
  static Optional<IpAddress> ipLiteral(String text) {
    try {
      return Optional.of(IpAddress.parse(text));
    } catch (IllegalArgumentException notAnAddress) {
      return Optional.empty();
    }
  }

  /**
   * Returns true for a container image reference made of registry, path, tag and digest characters
   * only; this keeps quotes, spaces and newlines out of rendered manifests.
   */
  static boolean isImageReference(String image) {
    return image.length() <= 255 && IMAGE_REFERENCE.matcher(image).matches();
  }
}
