package dev.wharf.sns.engine.message;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

/** One signing key for the whole test run, because generating one takes a good part of a second. */
final class TestSigning {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final SigningKeys KEYS = SigningKeys.ephemeral(CLOCK);

    private TestSigning() {}

    /** The certificate as a subscriber reads it: from the served PEM, with the JDK's own parser. */
    static X509Certificate servedCertificate() {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(
                            new ByteArrayInputStream(KEYS.certificatePem().getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** Whether a base64 signature is the served certificate's key's signature of a string, by an algorithm. */
    static boolean verifies(String stringToSign, String signature, String algorithm) {
        try {
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(servedCertificate().getPublicKey());
            verifier.update(stringToSign.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
