package io.kubetopology.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed certificate for {@code localhost}, valid for one day, that the stand-in apiservers
 * of the live tests present. openssl writes it as PEM files for {@code openssl s_server} and as a
 * PKCS #12 keystore for the JDK's HTTPS server. Clients of the stand-ins trust any certificate, so
 * nothing relies on this one being trusted.
 */
record ThrowawayCertificate(Path keyPem, Path certificatePem, Path keystore) {
  /** The keystore password. It protects a key that lives for one test run in a temporary folder. */
  static final String KEYSTORE_PASSWORD = "throwaway";

  /**
   * Creates the key, the certificate and the keystore in {@code directory} with openssl.
   *
   * @throws IllegalStateException if openssl is missing or fails
   */
  static ThrowawayCertificate create(Path directory) {
    String openssl = RealTools.requireExecutable("openssl").toString();
    Path key = directory.resolve("standin-key.pem");
    Path certificate = directory.resolve("standin-cert.pem");
    Path keystore = directory.resolve("standin.p12");
    RealTools.runOrThrow(
        List.of(
            openssl,
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-keyout",
            key.toString(),
            "-out",
            certificate.toString(),
            "-subj",
            "/CN=localhost",
            "-days",
            "1"));
    RealTools.runOrThrow(
        List.of(
            openssl,
            "pkcs12",
            "-export",
            "-inkey",
            key.toString(),
            "-in",
            certificate.toString(),
            "-out",
            keystore.toString(),
            "-passout",
            "pass:" + KEYSTORE_PASSWORD,
            "-name",
            "standin"));
    return new ThrowawayCertificate(key, certificate, keystore);
  }

  /** Returns a server-side TLS context that presents this certificate. */
  SSLContext serverContext() {
    try (InputStream in = Files.newInputStream(keystore)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, KEYSTORE_PASSWORD.toCharArray());
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, KEYSTORE_PASSWORD.toCharArray());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (IOException e) {
      throw new UncheckedIOException("failed to read " + keystore, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("failed to load the throwaway keystore " + keystore, e);
    }
  }
}
