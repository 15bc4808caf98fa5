package io.kubetopology.validate.internal;

import io.kubetopology.api.CertificateAuthority;
import io.kubetopology.api.ClusterSecrets;
import io.kubetopology.api.ClusterTopology;
import io.kubetopology.api.Role;
import io.kubetopology.api.Secret;
import io.kubetopology.validate.FindingCollector;
import io.kubetopology.validate.Rule;
import io.kubetopology.validate.Severity;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Rules on given secrets. Their messages state lengths and formats only, never a value, because
 * reports end up in logs and build output.
 */
final class SecretRules {
  static final Rule VRRP_PASSWORD_TOO_LONG =
      new SimpleRule(
          "VRRP_PASSWORD_TOO_LONG",
          "The VRRP password has at most 8 characters",
          Severity.ERROR,
          SecretRules::checkVrrpPassword);

  static final Rule VRRP_PASSWORD_CHARACTERS =
      new SimpleRule(
          "VRRP_PASSWORD_CHARACTERS",
          "The VRRP password uses only characters keepalived.conf carries unchanged",
          Severity.ERROR,
          SecretRules::checkVrrpPasswordCharacters);

  static final Rule BOOTSTRAP_TOKEN_INVALID =
      new SimpleRule(
          "BOOTSTRAP_TOKEN_INVALID",
          "The bootstrap token has kubeadm's format",
          Severity.ERROR,
          SecretRules::checkBootstrapToken);

  static final Rule CERTIFICATE_KEY_INVALID =
      new SimpleRule(
          "CERTIFICATE_KEY_INVALID",
          "The certificate key is 64 hex characters",
          Severity.ERROR,
          SecretRules::checkCertificateKey);

  static final Rule JOIN_CA_NOT_PINNED =
      new SimpleRule(
          "JOIN_CA_NOT_PINNED",
          "Joining nodes pin the cluster CA's public key",
          Severity.WARNING,
          SecretRules::checkCaPinned);

  static final Rule CLUSTER_CA_NOT_CA =
      new SimpleRule(
          "CLUSTER_CA_NOT_CA",
          "The given cluster CA certificate is a CA certificate",
          Severity.ERROR,
          SecretRules::checkClusterCaIsCa);

  /**
   * The characters the keepalived.conf renderer writes into {@code auth_pass}. keepalived 2.2.7
   * reads '#' and '!' as the start of a comment, rejects braces and unbalanced quotes, and
   * substitutes {@code $NAME}, so only these arrive intact.
   */
  private static final Pattern VRRP_PASSWORD = Pattern.compile("[A-Za-z0-9._+=@%,:/-]+");

  private SecretRules() {}

  static List<Rule> all() {
    return List.of(
        VRRP_PASSWORD_TOO_LONG,
        VRRP_PASSWORD_CHARACTERS,
        BOOTSTRAP_TOKEN_INVALID,
        CERTIFICATE_KEY_INVALID,
        JOIN_CA_NOT_PINNED,
        CLUSTER_CA_NOT_CA);
  }

  private static void checkVrrpPassword(ClusterTopology topology, FindingCollector findings) {
    Optional<Secret> password = topology.secrets().vrrpPassword();
    if (password.isPresent() && password.get().length() > 8) {
      findings.report(
          "secrets.vrrpPassword",
          "the VRRP password has "
              + password.get().length()
              + " characters; keepalived uses"
              + " only the first 8 and reports an error.",
          "use a password of at most 8 characters, or leave it out to have one generated.");
    }
  }

  private static void checkVrrpPasswordCharacters(
      ClusterTopology topology, FindingCollector findings) {
    Optional<Secret> password = topology.secrets().vrrpPassword();
    if (password.isPresent() && !VRRP_PASSWORD.matcher(password.get().reveal()).matches()) {
      findings.report(
          "secrets.vrrpPassword",
          "the VRRP password contains a character that keepalived.conf cannot carry unchanged.",
          "use only letters, digits and . _ + = @ % , : / -, or leave it out to have one"
              + " generated.");
    }
  }

  private static void checkBootstrapToken(ClusterTopology topology, FindingCollector findings) {
    ClusterSecrets secrets = topology.secrets();
    if (secrets.bootstrapToken().isPresent()
        && !secrets.bootstrapToken().get().reveal().matches("[a-z0-9]{6}\\.[a-z0-9]{16}")) {
      findings.report(
          "secrets.bootstrapToken",
          "the bootstrap token does not match [a-z0-9]{6}.[a-z0-9]{16}.",
          "create one with 'kubeadm token generate', or leave it out to have one generated.");
    }
  }

  private static void checkCertificateKey(ClusterTopology topology, FindingCollector findings) {
    Optional<Secret> key = topology.secrets().certificateKey();
    if (key.isPresent() && !key.get().reveal().matches("[0-9a-fA-F]{64}")) {
      findings.report(
          "secrets.certificateKey",
          "the certificate key is not 64 hex characters (a 32-byte AES key).",
          "create one with 'kubeadm certs certificate-key', or leave it out to have one"
              + " generated.");
    }
  }

  /** Warns when some node joins, because only joins check the CA, and there is no CA to pin. */
  private static void checkCaPinned(ClusterTopology topology, FindingCollector findings) {
    long joining =
        topology.nodes().stream()
            .filter(node -> node.isControlPlane() || node.hasRole(Role.WORKER))
            .count();
    if (topology.secrets().clusterCa().isEmpty() && joining > 1) {
      findings.report(
          "secrets.clusterCa",
          "the topology has no cluster CA, so joining nodes skip the CA check"
              + " (unsafeSkipCAVerification: true) and trust any server reachable at the"
              + " endpoint.",
          "create a CA, for example with 'kubeadm init phase certs ca', and give its ca.crt and"
              + " ca.key with ClusterSecrets.builder().clusterCa(certificatePem, privateKeyPem),"
              + " or as secrets.clusterCaCertificate and secrets.clusterCaKey in a topology"
              + " document; the joins then pin its public key in caCertHashes.");
    }
  }

  private static void checkClusterCaIsCa(ClusterTopology topology, FindingCollector findings) {
    Optional<CertificateAuthority> ca = topology.secrets().clusterCa();
    if (ca.isPresent() && !ca.get().isCa()) {
      findings.report(
          "secrets.clusterCa",
          "the cluster CA certificate '"
              + ca.get().certificate().getSubjectX500Principal().getName()
              + "' is not a CA certificate (its basic constraints lack CA:TRUE), so kubeadm"
              + " does not accept it as the cluster CA.",
          "give a CA certificate, such as the ca.crt that 'kubeadm init phase certs ca'"
              + " creates.");
    }
  }
}
