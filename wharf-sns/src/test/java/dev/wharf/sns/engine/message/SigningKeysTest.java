package dev.wharf.sns.engine.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeysTest {

    @Test
    void nothingIsGeneratedOrWrittenBeforeTheKeyIsFirstNeeded(@TempDir Path data) {
        SigningKeys keys = SigningKeys.persistent(data, TestSigning.CLOCK);

        assertThat(data.resolve(SigningKeys.DIRECTORY)).doesNotExist();

        keys.certificatePem();
        assertThat(data.resolve("sns-signing/key.pem")).isRegularFile();
        assertThat(data.resolve("sns-signing/cert.pem")).isRegularFile();
    }

    @Test
    void persistentKeyIsLoadedAgainAtTheNextStart(@TempDir Path data) throws IOException {
        SigningKeys first = SigningKeys.persistent(data, TestSigning.CLOCK);
        String certificate = first.certificatePem();
        byte[] key = first.privateKey().getEncoded();

        SigningKeys second = SigningKeys.persistent(data, TestSigning.CLOCK.withZone(ZoneOffset.ofHours(2)));

        assertThat(second.certificatePem()).isEqualTo(certificate);
        assertThat(second.privateKey().getEncoded()).isEqualTo(key);
        assertThat(second.certificateFileName()).isEqualTo(first.certificateFileName());
        assertThat(Files.readString(data.resolve("sns-signing/cert.pem"))).isEqualTo(certificate);
        assertThat(Files.readString(data.resolve("sns-signing/key.pem")))
                .startsWith("-----BEGIN PRIVATE KEY-----\n")
                .endsWith("-----END PRIVATE KEY-----\n");
    }

    @Test
    void keyIsReadableByItsOwnerOnly(@TempDir Path data) throws IOException {
        assumeTrue(data.getFileSystem().supportedFileAttributeViews().contains("posix"));
        SigningKeys.persistent(data, TestSigning.CLOCK).certificatePem();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("sns-signing/key.pem"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("sns-signing"))))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("sns-signing/cert.pem"))))
                .isEqualTo("rw-r--r--");
        try (var files = Files.list(data.resolve("sns-signing"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("key.pem", "cert.pem");
        }
    }

    @Test
    void certificateIsSelfSignedRsa2048AndValidFromTheClock() throws Exception {
        X509Certificate certificate = TestSigning.servedCertificate();

        certificate.verify(certificate.getPublicKey());
        assertThat(certificate.getPublicKey().getAlgorithm()).isEqualTo("RSA");
        assertThat(((RSAPublicKey) certificate.getPublicKey()).getModulus().bitLength())
                .isEqualTo(2048);
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=Wharf SNS message signing,O=Wharf");
        assertThat(certificate.getNotBefore().toInstant()).isEqualTo(TestSigning.NOW.minus(Duration.ofDays(1)));
        assertThat(certificate.getNotAfter().toInstant()).isEqualTo(TestSigning.NOW.plus(Duration.ofDays(3650)));
        assertThat(certificate.getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
        assertThat(TestSigning.KEYS.certificate()).isEqualTo(certificate);
    }

    @Test
    void certificateFileNameIsShapedAsAwsNamesItsCertificates() {
        assertThat(TestSigning.KEYS.certificateFileName()).matches("SimpleNotificationService-[0-9a-f]{32}\\.pem");
        assertThat(TestSigning.KEYS.certificatePem())
                .startsWith("-----BEGIN CERTIFICATE-----\n")
                .endsWith("-----END CERTIFICATE-----\n");
    }

    @Test
    void expiredCertificateIsReplacedAtTheNextStart(@TempDir Path data) {
        SigningKeys first = SigningKeys.persistent(data, TestSigning.CLOCK);
        String certificate = first.certificatePem();
        Clock later = Clock.offset(TestSigning.CLOCK, Duration.ofDays(3651));

        SigningKeys second = SigningKeys.persistent(data, later);

        assertThat(second.certificatePem()).isNotEqualTo(certificate);
        assertThat(second.certificate().getNotAfter().toInstant()).isAfter(later.instant());
        assertThat(SigningKeys.persistent(data, later).certificatePem()).isEqualTo(second.certificatePem());
    }

    @Test
    void certificateNotYetValidByTheClockIsReplaced(@TempDir Path data) {
        String certificate = SigningKeys.persistent(data, TestSigning.CLOCK).certificatePem();

        SigningKeys earlier = SigningKeys.persistent(data, Clock.offset(TestSigning.CLOCK, Duration.ofDays(-2)));

        assertThat(earlier.certificatePem()).isNotEqualTo(certificate);
    }

    @Test
    void unreadableKeyIsReplaced(@TempDir Path data) throws IOException {
        String certificate = SigningKeys.persistent(data, TestSigning.CLOCK).certificatePem();
        Files.writeString(data.resolve("sns-signing/key.pem"), "not a key");

        SigningKeys second = SigningKeys.persistent(data, TestSigning.CLOCK);

        assertThat(second.certificatePem()).isNotEqualTo(certificate);
        assertThat(Files.readString(data.resolve("sns-signing/key.pem"))).startsWith("-----BEGIN PRIVATE KEY-----");
    }

    @Test
    void keyBesideAnotherKeysCertificateIsReplaced(@TempDir Path data, @TempDir Path other) throws Exception {
        String original = SigningKeys.persistent(data, TestSigning.CLOCK).certificatePem();
        String otherCertificate =
                SigningKeys.persistent(other, TestSigning.CLOCK).certificatePem();
        Files.copy(
                other.resolve("sns-signing/cert.pem"),
                data.resolve("sns-signing/cert.pem"),
                StandardCopyOption.REPLACE_EXISTING);

        SigningKeys mixed = SigningKeys.persistent(data, TestSigning.CLOCK);

        assertThat(mixed.certificatePem()).isNotEqualTo(original).isNotEqualTo(otherCertificate);
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(mixed.certificate().getPublicKey());
        verifier.update(new byte[] {1});
        assertThat(verifier.verify(Base64.getDecoder().decode(sign(mixed, new byte[] {1}))))
                .isTrue();
    }

    @Test
    void missingCertificateMeansANewKey(@TempDir Path data) throws IOException {
        SigningKeys first = SigningKeys.persistent(data, TestSigning.CLOCK);
        byte[] key = first.privateKey().getEncoded();
        Files.delete(data.resolve("sns-signing/cert.pem"));

        SigningKeys second = SigningKeys.persistent(data, TestSigning.CLOCK);

        assertThat(second.privateKey().getEncoded()).isNotEqualTo(key);
        assertThat(data.resolve("sns-signing/cert.pem")).isRegularFile();
    }

    private static String sign(SigningKeys keys, byte[] data) throws Exception {
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(keys.privateKey());
        signer.update(data);
        return Base64.getEncoder().encodeToString(signer.sign());
    }

    @Test
    void ephemeralKeyIsTheSameForTheLifeOfItsHolder() {
        assertThat(TestSigning.KEYS.certificatePem()).isEqualTo(TestSigning.KEYS.certificatePem());
        assertThat(TestSigning.KEYS.privateKey()).isSameAs(TestSigning.KEYS.privateKey());
    }

    @Test
    void loadingAKeptKeyNeedsNoBouncyCastle(@TempDir Path data) throws Exception {
        String certificate = SigningKeys.persistent(data, TestSigning.CLOCK).certificatePem();
        Class<?> isolated = new WithoutBouncyCastle().loadClass(SigningKeys.class.getName());

        Object keys = isolated.getMethod("persistent", Path.class, Clock.class).invoke(null, data, TestSigning.CLOCK);

        assertThat(isolated.getMethod("certificatePem").invoke(keys)).isEqualTo(certificate);
    }

    @Test
    void onlyGeneratingAKeyNeedsBouncyCastle() throws Exception {
        Class<?> isolated = new WithoutBouncyCastle().loadClass(SigningKeys.class.getName());
        Object keys = isolated.getMethod("ephemeral", Clock.class).invoke(null, TestSigning.CLOCK);

        assertThatThrownBy(() -> isolated.getMethod("certificatePem").invoke(keys))
                .isInstanceOf(InvocationTargetException.class)
                .cause()
                .isInstanceOf(NoClassDefFoundError.class)
                .hasMessageContaining("org/bouncycastle/");
    }
}
