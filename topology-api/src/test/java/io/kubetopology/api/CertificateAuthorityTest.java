package io.kubetopology.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class CertificateAuthorityTest {
  private static final String RSA_CERT = TestCas.read("rsa-ca.crt");
  private static final String RSA_KEY = TestCas.read("rsa-ca.key");

  private static CertificateAuthority rsaCa() {
    return CertificateAuthority.of(RSA_CERT, Secret.of(RSA_KEY));
  }

  @Test
  void publicKeyPin_matchesOpensslForRsa() {
    assertThat(rsaCa().publicKeyPin()).isEqualTo(TestCas.RSA_CA_PIN);
  }

  @Test
  void publicKeyPin_matchesOpensslForEcdsa() {
    CertificateAuthority ca =
        CertificateAuthority.of(TestCas.read("ec-ca.crt"), Secret.of(TestCas.read("ec-ca.key")));

    assertThat(ca.publicKeyPin()).isEqualTo(TestCas.EC_CA_PIN);
  }

  @Test
  void of_acceptsPkcs1RsaKey() {
    CertificateAuthority ca =
        CertificateAuthority.of(RSA_CERT, Secret.of(TestCas.read("rsa-ca.pkcs1.key")));

    assertThat(ca.publicKeyPin()).isEqualTo(TestCas.RSA_CA_PIN);
  }

  @Test
  void of_keepsPemTexts() {
    CertificateAuthority ca = rsaCa();

    assertThat(ca.certificatePem()).isEqualTo(RSA_CERT);
    assertThat(ca.privateKeyPem().reveal()).isEqualTo(RSA_KEY);
    assertThat(ca.isCa()).isTrue();
  }

  @Test
  void isCa_falseForLeafCertificate() {
    CertificateAuthority leaf =
        CertificateAuthority.of(TestCas.read("leaf.crt"), Secret.of(TestCas.read("leaf.key")));

    assertThat(leaf.isCa()).isFalse();
  }

  @Test
  void of_rejectsKeyOfAnotherCertificate() {
    Secret otherKey = Secret.of(TestCas.read("leaf.key"));

    assertThatThrownBy(() -> CertificateAuthority.of(RSA_CERT, otherKey))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "the cluster CA private key does not belong to the certificate 'CN=kubernetes'; give"
                + " the ca.key that was created with this ca.crt");
  }

  @Test
  void of_rejectsKeyOfOtherAlgorithm() {
    Secret ecKey = Secret.of(TestCas.read("ec-ca.key"));

    assertThatThrownBy(() -> CertificateAuthority.of(RSA_CERT, ecKey))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "invalid cluster CA private key: it is not readable as a key of the certificate's"
                + " algorithm 'RSA'; give the ca.key that was created with this ca.crt");
  }

  @Test
  void of_rejectsTextThatIsNoKey() {
    Secret notAKey = Secret.of("my-password");

    assertThatThrownBy(() -> CertificateAuthority.of(RSA_CERT, notAKey))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "invalid cluster CA private key: expected one unencrypted PEM block such as"
                + " -----BEGIN PRIVATE KEY-----; give the PEM text of ca.key")
        .message()
        .doesNotContain("my-password");
  }

  @Test
  void of_rejectsTwoCertificates() {
    Secret key = Secret.of(RSA_KEY);

    assertThatThrownBy(() -> CertificateAuthority.of(RSA_CERT + RSA_CERT, key))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "invalid cluster CA certificate: expected exactly one PEM certificate but found 2;"
                + " give the PEM text of ca.crt alone");
  }

  @Test
  void of_rejectsKeyInPlaceOfCertificate() {
    Secret key = Secret.of(RSA_KEY);

    assertThatThrownBy(() -> CertificateAuthority.of(RSA_KEY, key))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid cluster CA certificate: ")
        .hasMessageEndingWith(
            "; give the PEM text of ca.crt, which starts with -----BEGIN CERTIFICATE-----");
  }

  @Test
  void toString_showsSubjectAndPinOnly() {
    String text = rsaCa().toString();

    assertThat(text)
        .isEqualTo("CertificateAuthority[CN=kubernetes, " + TestCas.RSA_CA_PIN + ", key redacted]");
  }

  @Test
  void equals_comparesPemTexts() {
    assertThat(rsaCa()).isEqualTo(rsaCa());
    assertThat(rsaCa())
        .isNotEqualTo(
            CertificateAuthority.of(RSA_CERT, Secret.of(TestCas.read("rsa-ca.pkcs1.key"))));
  }

  @Test
  void clusterSecrets_keepCaThroughCompletion() {
    ClusterSecrets secrets = ClusterSecrets.builder().clusterCa(RSA_CERT, RSA_KEY).build();

    ClusterSecrets completed = secrets.completedWith(new SecureRandom());

    assertThat(completed.clusterCa()).contains(rsaCa());
    assertThat(completed.toString()).doesNotContain("PRIVATE KEY");
  }

  @Test
  void clusterSecrets_haveNoCaByDefault() {
    assertThat(ClusterSecrets.none().completedWith(new SecureRandom()).clusterCa()).isEmpty();
  }
}
