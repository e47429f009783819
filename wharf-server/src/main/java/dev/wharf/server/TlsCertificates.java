package dev.wharf.server;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Supplies the HTTPS certificate: the configured one, or a self-signed one generated once and kept. */
final class TlsCertificates {

    private static final Logger LOG = LoggerFactory.getLogger(TlsCertificates.class);

    private TlsCertificates() {}

    /**
     * Builds the server's TLS context.
     *
     * @param generatedDir where a generated certificate is kept between starts
     */
    static SslContext serverContext(WharfConfig config, Path generatedDir) throws IOException {
        Path certificate = config.tlsCertificate();
        Path key = config.tlsPrivateKey();
        if (certificate == null || key == null) {
            certificate = generatedDir.resolve("wharf-self-signed.crt");
            key = generatedDir.resolve("wharf-self-signed.key");
            if (!Files.isRegularFile(certificate) || !Files.isRegularFile(key)) {
                generate(certificate, key);
            }
        }
        try {
            return SslContextBuilder.forServer(certificate.toFile(), key.toFile())
                    .build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IOException("cannot use TLS certificate " + certificate + ": " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("deprecation") // Netty's generator is deprecated for tests, yet it is what we need here.
    private static void generate(Path certificate, Path key) throws IOException {
        Files.createDirectories(certificate.getParent());
        try {
            SelfSignedCertificate generated = new SelfSignedCertificate("localhost");
            Files.copy(generated.certificate().toPath(), certificate, StandardCopyOption.REPLACE_EXISTING);
            Files.copy(generated.privateKey().toPath(), key, StandardCopyOption.REPLACE_EXISTING);
            generated.delete();
            LOG.info("generated a self-signed TLS certificate at {}", certificate);
        } catch (CertificateException e) {
            throw new IOException("cannot generate a self-signed certificate: " + e.getMessage(), e);
        }
    }
}
