package dev.wharf.server;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Supplies the HTTPS certificate: the configured one, or a self-signed one generated at first start and kept in the
 * data directory, valid for localhost, the loopback addresses and the configured hostname.
 */
final class TlsCertificates {

    private static final Logger LOG = LoggerFactory.getLogger(TlsCertificates.class);
    private static final Duration VALIDITY = Duration.ofDays(3650);
    private static final int RSA_BITS = 2048;

    private TlsCertificates() {}

    /**
     * Builds the server's TLS context.
     *
     * @param generatedDir where a generated certificate is kept between starts
     */
    static SslContext serverContext(WharfConfig config, Path generatedDir) throws IOException {
        Path[] files = certificateAndKey(config, generatedDir);
        Path certificate = files[0];
        Path key = files[1];
        try {
            // ALPN offers h2 first, then http/1.1; a client that offers neither, or no ALPN, is served HTTP/1.1.
            return SslContextBuilder.forServer(certificate.toFile(), key.toFile())
                    .applicationProtocolConfig(new ApplicationProtocolConfig(
                            ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                            ApplicationProtocolNames.HTTP_2,
                            ApplicationProtocolNames.HTTP_1_1))
                    .build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IOException("cannot use TLS certificate " + certificate + ": " + e.getMessage(), e);
        }
    }

    /**
     * The same certificate as a JDK {@link SSLContext}, for the servers that Wharf embeds and that take no Netty context
     * (Amazon MQ's brokers and their consoles).
     */
    static SSLContext jdkContext(WharfConfig config, Path generatedDir) throws IOException {
        Path[] files = certificateAndKey(config, generatedDir);
        try {
            SslContext netty = SslContextBuilder.forServer(files[0].toFile(), files[1].toFile())
                    .sslProvider(SslProvider.JDK)
                    .build();
            return ((JdkSslContext) netty).context();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IOException("cannot use TLS certificate " + files[0] + ": " + e.getMessage(), e);
        }
    }

    /** The configured certificate and key, or the generated pair, made at first use. */
    private static Path[] certificateAndKey(WharfConfig config, Path generatedDir) throws IOException {
        Path certificate = config.tlsCertificate();
        Path key = config.tlsPrivateKey();
        if (certificate == null || key == null) {
            certificate = generatedDir.resolve("wharf-self-signed.crt");
            key = generatedDir.resolve("wharf-self-signed.key");
            if (!Files.isRegularFile(certificate) || !Files.isRegularFile(key)) {
                generate(certificate, key, config.hostname());
            }
        }
        return new Path[] {certificate, key};
    }

    private static void generate(Path certificate, Path key, @Nullable String hostname) throws IOException {
        Files.createDirectories(certificate.getParent());
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(RSA_BITS, new SecureRandom());
            KeyPair pair = generator.generateKeyPair();
            List<GeneralName> names = new ArrayList<>(List.of(
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                    new GeneralName(GeneralName.iPAddress, "::1")));
            if (hostname != null) {
                names.add(new GeneralName(GeneralName.dNSName, hostname));
            }
            X500Name subject = new X500Name("CN=" + (hostname == null ? "localhost" : hostname));
            Instant now = Clock.systemUTC().instant();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                            subject,
                            new BigInteger(64, new SecureRandom()),
                            Date.from(now.minus(Duration.ofDays(1))),
                            Date.from(now.plus(VALIDITY)),
                            subject,
                            pair.getPublic())
                    .addExtension(
                            Extension.subjectAlternativeName,
                            false,
                            new GeneralNames(names.toArray(GeneralName[]::new)));
            X509Certificate signed = new JcaX509CertificateConverter()
                    .getCertificate(
                            builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
            writePem(certificate, signed);
            writePem(key, pair.getPrivate());
            LOG.info("generated a self-signed TLS certificate at {}", certificate);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot generate a self-signed certificate: " + e.getMessage(), e);
        }
    }

    private static void writePem(Path file, Object object) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
                JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(object);
        }
    }
}
