package io.kubetopology.render;

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

  /** The public key pin of rsa-ca.crt, computed with openssl as the fixtures' README shows. */
  static final String RSA_CA_PIN =
      "sha256:59012b14bfe59b9c2ebe0291f85c91ea03a8056010a10782720d5a493a5929dc";

  private TestCas() {}

  /** Returns the RSA CA, whose certificate's subject is CN=kubernetes. */
  static CertificateAuthority rsaCa() {
    return CertificateAuthority.of(read("rsa-ca.crt"), Secret.of(read("rsa-ca.key")));
  }

  static String read(String fileName) {
    try {
      return Files.readString(DIRECTORY.resolve(fileName));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
