package dev.wharf.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which certificates SNS accepts from HTTPS endpoints. By default the JDK's: a certificate issued by one of
 * its trusted authorities, for the endpoint's host name, as AWS requires. Local test servers are self-signed, so a
 * configuration can add their certificates to that trust, or, for testing only, accept any certificate.
 */
final class EndpointTrust {

    private static final Logger LOG = LoggerFactory.getLogger(EndpointTrust.class);

    private EndpointTrust() {}

    /**
     * The TLS context for SNS's HTTPS deliveries, or null for the JDK's default one (nothing is built then, so the
     * default costs nothing at start).
     *
     * @throws IllegalArgumentException when the certificates file cannot be read
     */
    static @Nullable SSLContext context(WharfConfig.Sns sns) {
        try {
            if (sns.httpsTrustAll()) {
                LOG.warn("*** SNS accepts ANY certificate from HTTPS endpoints (sns.https.trustAll): for local testing"
                        + " only ***");
                return context(new AnyCertificate());
            }
            Path file = sns.httpsTrustedCertificates();
            if (file == null) {
                return null;
            }
            X509ExtendedTrustManager jdk = trustManager(null);
            X509ExtendedTrustManager added = trustManager(keyStore(file));
            return context(new EitherOf(jdk, added));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS for SNS's HTTPS deliveries: " + e.getMessage(), e);
        }
    }

    private static SSLContext context(TrustManager trust) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trust}, null);
        return context;
    }

    private static KeyStore keyStore(Path file) throws GeneralSecurityException {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(file)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException | CertificateException e) {
            throw new IllegalArgumentException(
                    "sns.https.trustedCertificates: cannot read certificates from " + file + ": " + e.getMessage());
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("sns.https.trustedCertificates: " + file + " holds no certificate");
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        int n = 0;
        for (Certificate certificate : certificates) {
            store.setCertificateEntry("trusted-" + n++, certificate);
        }
        return store;
    }

    /** The JDK's trust manager over a key store, or over the JDK's own authorities for null. */
    private static X509ExtendedTrustManager trustManager(@Nullable KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager extended) {
                return extended;
            }
        }
        throw new GeneralSecurityException("the JDK offers no X.509 trust manager");
    }

    /** A trust manager of a TLS client: SNS connects to endpoints and never takes a client's certificate. */
    private abstract static class ClientSideTrust extends X509ExtendedTrustManager {

        @Override
        public final void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("SNS is a TLS client only");
        }

        @Override
        public final void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("SNS is a TLS client only");
        }

        @Override
        public final void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("SNS is a TLS client only");
        }
    }

    /** Trusts what either of two trust managers trusts, the host name checked by each as usual. */
    private static final class EitherOf extends ClientSideTrust {
        private final X509ExtendedTrustManager first;
        private final X509ExtendedTrustManager second;

        EitherOf(X509ExtendedTrustManager first, X509ExtendedTrustManager second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            try {
                first.checkServerTrusted(chain, authType, engine);
            } catch (CertificateException e) {
                second.checkServerTrusted(chain, authType, engine);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            try {
                first.checkServerTrusted(chain, authType, socket);
            } catch (CertificateException e) {
                second.checkServerTrusted(chain, authType, socket);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            try {
                first.checkServerTrusted(chain, authType);
            } catch (CertificateException e) {
                second.checkServerTrusted(chain, authType);
            }
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            List<X509Certificate> issuers = new ArrayList<>(List.of(first.getAcceptedIssuers()));
            issuers.addAll(List.of(second.getAcceptedIssuers()));
            return issuers.toArray(X509Certificate[]::new);
        }
    }

    /**
     * Accepts every certificate and, being an extended trust manager that checks nothing, every host name: JSSE
     * leaves the host name check to the trust manager.
     */
    private static final class AnyCertificate extends ClientSideTrust {

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
