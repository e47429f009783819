package dev.wharf.sns.engine.message;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Issues the self-signed X.509 certificate of a signing key pair.
 *
 * <p>Only this class names BouncyCastle, because the JDK has no public API that builds a certificate; keeping it apart
 * means the JVM loads BouncyCastle only when a key pair is generated, not when a server starts or loads its key.
 */
final class SelfSignedCertificate {

    /** A name of Wharf's own: subscribers that check for AWS's certificate must not be led to trust this one. */
    static final String SUBJECT = "CN=Wharf SNS message signing, O=Wharf";

    private SelfSignedCertificate() {}

    static X509Certificate issue(KeyPair pair, Instant notBefore, Instant notAfter) throws GeneralSecurityException {
        // The JDK's encoding puts the RDNs in X.500 order, most significant first, as JDK tools print them.
        X500Principal subject = new X500Principal(SUBJECT);
        // A positive serial number of 64 random bits, as RFC 5280 asks of a certificate's issuer.
        BigInteger serial = new BigInteger(64, new SecureRandom()).setBit(63);
        try {
            var builder = new JcaX509v3CertificateBuilder(
                            subject, serial, Date.from(notBefore), Date.from(notAfter), subject, pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            return new JcaX509CertificateConverter()
                    .getCertificate(
                            builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
        } catch (OperatorCreationException | CertIOException e) {
            throw new GeneralSecurityException("cannot issue a certificate: " + e.getMessage(), e);
        }
    }
}
