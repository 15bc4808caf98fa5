package io.kubetopology.api;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The secrets a bundle carries: the bootstrap token joining nodes present, the key that encrypts
 * the shared certificates in the {@code kubeadm-certs} Secret, and the VRRP password. Each is
 * given, or generated with {@link SecureRandom} by {@link #completedWith(SecureRandom)}. The
 * cluster CA is optional and never generated: without it {@code kubeadm init} creates a CA, and
 * joining nodes cannot pin its public key.
 *
 * <p>{@link #toString()} shows which secrets are present, never their values.
 */
@Value.Immutable
public interface ClusterSecrets extends WithClusterSecrets {
  /** kubeadm's bootstrap token, {@code [a-z0-9]{6}.[a-z0-9]{16}}. */
  Optional<Secret> bootstrapToken();

  /** kubeadm's certificate key, 64 hex characters (a 32-byte AES key). */
  Optional<Secret> certificateKey();

  /** keepalived's {@code auth_pass}; VRRPv2 uses at most 8 characters. */
  Optional<Secret> vrrpPassword();

  /**
   * The cluster CA that {@code kubeadm init} uses instead of creating one; its public key pin
   * becomes {@code caCertHashes} of every JoinConfiguration.
   */
  Optional<CertificateAuthority> clusterCa();

  /** Returns secrets with none given, all to be generated. */
  static ClusterSecrets none() {
    return builder().build();
  }

  /** Starts a builder. */
  static Builder builder() {
    return new Builder();
  }

  /** Returns these secrets with every missing one generated from {@code random}. */
  default ClusterSecrets completedWith(SecureRandom random) {
    return builder()
        .bootstrapToken(bootstrapToken().orElseGet(() -> generateBootstrapToken(random)))
        .certificateKey(certificateKey().orElseGet(() -> generateCertificateKey(random)))
        .vrrpPassword(vrrpPassword().orElseGet(() -> generateVrrpPassword(random)))
        .clusterCa(clusterCa())
        .build();
  }

  private static Secret generateBootstrapToken(SecureRandom random) {
    return Secret.of(randomChars(random, 6) + "." + randomChars(random, 16));
  }

  private static Secret generateCertificateKey(SecureRandom random) {
    byte[] key = new byte[32];
    random.nextBytes(key);
    return Secret.of(HexFormat.of().formatHex(key));
  }

  private static Secret generateVrrpPassword(SecureRandom random) {
    return Secret.of(randomChars(random, 8));
  }

  private static String randomChars(SecureRandom random, int count) {
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder out = new StringBuilder(count);
    for (int i = 0; i < count; i++) {
      out.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return out.toString();
  }

  /** Builds a {@link ClusterSecrets}; the string setters wrap their value in a {@link Secret}. */
  final class Builder extends ImmutableClusterSecrets.Builder {
    Builder() {}

    /** Sets the bootstrap token, such as {@code abcdef.0123456789abcdef}. */
    public Builder bootstrapToken(String token) {
      return bootstrapToken(Secret.of(token));
    }

    /** Sets the certificate key, 64 hex characters. */
    public Builder certificateKey(String key) {
      return certificateKey(Secret.of(key));
    }

    /** Sets the VRRP password. */
    public Builder vrrpPassword(String password) {
      return vrrpPassword(Secret.of(password));
    }

    /**
     * Sets the cluster CA from the PEM texts of {@code ca.crt} and {@code ca.key}.
     *
     * @throws IllegalArgumentException as {@link CertificateAuthority#of} does
     */
    public Builder clusterCa(String certificatePem, String privateKeyPem) {
      return clusterCa(CertificateAuthority.of(certificatePem, Secret.of(privateKeyPem)));
    }
  }
}
