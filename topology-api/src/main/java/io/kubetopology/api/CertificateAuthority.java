package io.kubetopology.api;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cluster CA: the certificate and private key that kubeadm keeps as {@code
 * /etc/kubernetes/pki/ca.crt} and {@code ca.key}. Given to the bundle, it lets joining nodes pin
 * the CA's public key ({@code caCertHashes}) instead of trusting any server reachable at the
 * endpoint.
 *
 * <p>{@link #toString()} shows the subject and the public key pin, never the private key.
 *
 * <pre>{@code
 * CertificateAuthority ca = CertificateAuthority.of(
 *     Files.readString(Path.of("ca.crt")), Secret.of(Files.readString(Path.of("ca.key"))));
 * ca.publicKeyPin(); // sha256:...
 * }</pre>
 */
public final class CertificateAuthority {
  // The labels kubeadm and OpenSSL write: PKCS #8 ("PRIVATE KEY"), PKCS #1 ("RSA PRIVATE KEY") and
  // SEC 1 ("EC PRIVATE KEY"). Encrypted keys ("ENCRYPTED PRIVATE KEY") are left out because
  // kubeadm cannot read them.
  private static final Pattern PRIVATE_KEY_PEM =
      Pattern.compile(
          "\\s*-----BEGIN ((?:RSA |EC )?PRIVATE KEY)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----\\s*");

  private static final byte[] CHALLENGE =
      "kubetopology checks that the CA key belongs to the CA certificate"
          .getBytes(StandardCharsets.US_ASCII);

  private final String certificatePem;
  private final Secret privateKeyPem;
  private final X509Certificate certificate;

  private CertificateAuthority(
      String certificatePem, Secret privateKeyPem, X509Certificate certificate) {
    this.certificatePem = certificatePem;
    this.privateKeyPem = privateKeyPem;
    this.certificate = certificate;
  }

  /**
   * Creates the CA from its PEM texts: one X.509 certificate, and its RSA or ECDSA private key in
   * PKCS #8 ({@code BEGIN PRIVATE KEY}), PKCS #1 ({@code BEGIN RSA PRIVATE KEY}) or SEC 1 ({@code
   * BEGIN EC PRIVATE KEY}) form.
   *
   * @throws IllegalArgumentException if the certificate is not one PEM X.509 certificate, the key
   *     is not an unencrypted PEM private key, or the key does not belong to the certificate. The
   *     message never shows the key.
   */
  public static CertificateAuthority of(String certificatePem, Secret privateKeyPem) {
    X509Certificate certificate = parseCertificate(certificatePem);
    PrivateKey key = parsePrivateKey(privateKeyPem, certificate);
    requireMatchingKey(key, certificate);
    return new CertificateAuthority(certificatePem, privateKeyPem, certificate);
  }

  /** Returns the certificate as given, in PEM form; written to {@code ca.crt}. */
  public String certificatePem() {
    return certificatePem;
  }

  /** Returns the private key as given, in PEM form; written to {@code ca.key}. */
  public Secret privateKeyPem() {
    return privateKeyPem;
  }

  /** Returns the parsed certificate. */
  public X509Certificate certificate() {
    return certificate;
  }

  /**
   * Returns the pin that {@code kubeadm join} checks, an entry of {@code caCertHashes}: {@code
   * sha256:} and the hex SHA-256 of the certificate's DER-encoded SubjectPublicKeyInfo.
   */
  public String publicKeyPin() {
    byte[] spki = certificate.getPublicKey().getEncoded();
    return "sha256:" + HexFormat.of().formatHex(sha256(spki));
  }

  /** Returns true if the certificate's basic constraints mark it as a CA. */
  public boolean isCa() {
    return certificate.getBasicConstraints() >= 0;
  }

  private static X509Certificate parseCertificate(String pem) {
    Collection<? extends java.security.cert.Certificate> certificates;
    try {
      certificates =
          CertificateFactory.getInstance("X.509")
              .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8)));
    } catch (CertificateException e) {
      throw new IllegalArgumentException(
          "invalid cluster CA certificate: "
              + e.getMessage()
              + "; give the PEM text of ca.crt, which starts with -----BEGIN CERTIFICATE-----",
          e);
    }
    if (certificates.size() != 1 || !pem.strip().startsWith("-----BEGIN CERTIFICATE-----")) {
      throw new IllegalArgumentException(
          "invalid cluster CA certificate: expected exactly one PEM certificate but found "
              + certificates.size()
              + "; give the PEM text of ca.crt alone");
    }
    return (X509Certificate) certificates.iterator().next();
  }

  private static PrivateKey parsePrivateKey(Secret pem, X509Certificate certificate) {
    Matcher matcher = PRIVATE_KEY_PEM.matcher(pem.reveal());
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "invalid cluster CA private key: expected one unencrypted PEM block such as -----BEGIN"
              + " PRIVATE KEY-----; give the PEM text of ca.key");
    }
    byte[] der = Base64.getMimeDecoder().decode(matcher.group(2));
    PublicKey publicKey = certificate.getPublicKey();
    try {
      byte[] pkcs8 =
          matcher.group(1).equals("PRIVATE KEY")
              ? der
              : Der.wrapInPkcs8(der, publicKey.getEncoded());
      return KeyFactory.getInstance(publicKey.getAlgorithm())
          .generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      // The cause is left out because parser messages may quote bytes of the key.
      throw new IllegalArgumentException(
          "invalid cluster CA private key: it is not readable as a key of the certificate's"
              + " algorithm '"
              + publicKey.getAlgorithm()
              + "'; give the ca.key that was created with this ca.crt");
    } finally {
      Arrays.fill(der, (byte) 0);
    }
  }

  /** Signs a fixed text with the key and verifies it with the certificate's public key. */
  private static void requireMatchingKey(PrivateKey key, X509Certificate certificate) {
    String algorithm =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          default ->
              throw new IllegalArgumentException(
                  "unsupported cluster CA key algorithm '"
                      + key.getAlgorithm()
                      + "': kubeadm uses RSA or ECDSA keys; give an RSA or ECDSA CA");
        };
    boolean matches;
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(CHALLENGE);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(CHALLENGE);
      matches = verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      matches = false;
    }
    if (!matches) {
      throw new IllegalArgumentException(
          "the cluster CA private key does not belong to the certificate '"
              + certificate.getSubjectX500Principal().getName()
              + "'; give the ca.key that was created with this ca.crt");
    }
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CertificateAuthority that
        && certificatePem.equals(that.certificatePem)
        && privateKeyPem.equals(that.privateKeyPem);
  }

  @Override
  public int hashCode() {
    return certificatePem.hashCode();
  }

  @Override
  public String toString() {
    return "CertificateAuthority["
        + certificate.getSubjectX500Principal().getName()
        + ", "
        + publicKeyPin()
        + ", key redacted]";
  }
}
