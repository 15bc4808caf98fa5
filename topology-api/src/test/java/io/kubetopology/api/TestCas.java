package io.kubetopology.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the throwaway CA fixtures described in {@code throwaway-ca/README.md}. */
final class TestCas {
  private static final Path DIRECTORY = Path.of(System.getProperty("kubetopology.testCaDir"));

  /** The pin of rsa-ca.crt, computed with openssl as the fixtures' README shows. */
  static final String RSA_CA_PIN =
      "sha256:59012b14bfe59b9c2ebe0291f85c91ea03a8056010a10782720d5a493a5929dc";

  /** The pin of ec-ca.crt, computed the same way. */
  static final String EC_CA_PIN =
      "sha256:e300450bb22a87ba7a3ad1d0e8ed67453482a681e1b06eb9d3d8ebb39049f2c1";

  private TestCas() {}

  static String read(String fileName) {
    try {
      return Files.readString(DIRECTORY.resolve(fileName));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
