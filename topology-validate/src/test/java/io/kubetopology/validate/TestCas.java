package io.kubetopology.validate;

import io.kubetopology.api.CertificateAuthority;
import io.kubetopology.api.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the throwaway CA fixtures of topology-api's tests, described in their {@code
 * throwaway-ca/README.md}.
 */
final class TestCas {
  private static final Path DIRECTORY = Path.of(System.getProperty("kubetopology.testCaDir"));

  private TestCas() {}

  /** Returns the RSA CA, whose certificate's subject is CN=kubernetes. */
  static CertificateAuthority rsaCa() {
    return CertificateAuthority.of(read("rsa-ca.crt"), Secret.of(read("rsa-ca.key")));
  }

  /** Returns a certificate and key pair whose certificate is not a CA. */
  static CertificateAuthority leafCertificate() {
    return CertificateAuthority.of(read("leaf.crt"), Secret.of(read("leaf.key")));
  }

  private static String read(String fileName) {
    try {
      return Files.readString(DIRECTORY.resolve(fileName));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
