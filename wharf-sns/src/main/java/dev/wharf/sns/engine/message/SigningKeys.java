package dev.wharf.sns.engine.message;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HexFormat;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the key that signs SNS documents: an RSA 2048 key pair and its self-signed certificate, which Wharf serves at
 * the documents' {@code SigningCertURL}.
 *
 * <p>Nothing is generated or read until the key is first needed, because generating an RSA key costs a tenth of a
 * second and more, and the server must start faster than that. A persistent key lives in {@code sns-signing/} under
 * the data directory ({@code key.pem}, PKCS #8, readable by its owner only; {@code cert.pem}), so documents signed
 * before a restart still verify after it; it is generated again when its certificate has expired by the clock, or
 * when the files are missing, unreadable or do not match. It is thread-safe.
 */
public final class SigningKeys {

    /** The directory under the data directory that holds a persistent key. */
    public static final String DIRECTORY = "sns-signing";

    static final String KEY_FILE = "key.pem";
    static final String CERTIFICATE_FILE = "cert.pem";
    static final Duration VALIDITY = Duration.ofDays(3650);
    /** Tolerates subscribers whose clocks run behind the server's. */
    static final Duration BACKDATING = Duration.ofDays(1);

    private static final Logger LOG = LoggerFactory.getLogger(SigningKeys.class);
    private static final int RSA_BITS = 2048;
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");

    private final @Nullable Path directory;
    private final Clock clock;
    private final Object lock = new Object();
    private volatile @Nullable Material material;

    private SigningKeys(@Nullable Path directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    /** A key kept in {@value #DIRECTORY} under the data directory, generated there when it is first needed. */
    public static SigningKeys persistent(Path dataDirectory, Clock clock) {
        return new SigningKeys(dataDirectory.resolve(DIRECTORY), clock);
    }

    /** A key that lives in memory only, generated when it is first needed; for tests and memory-only servers. */
    public static SigningKeys ephemeral(Clock clock) {
        return new SigningKeys(null, clock);
    }

    /** The certificate in PEM, as {@code SigningCertURL} serves it. */
    public String certificatePem() {
        return material().certificatePem();
    }

    public X509Certificate certificate() {
        return material().certificate();
    }

    /**
     * The file name that {@code SigningCertURL} ends with, shaped as AWS's are: {@code SimpleNotificationService-}, 32
     * hex digits (here of the certificate's SHA-256), {@code .pem}. A new certificate gets a new name.
     */
    public String certificateFileName() {
        return material().certificateFileName();
    }

    PrivateKey privateKey() {
        return material().privateKey();
    }

    private Material material() {
        Material current = material;
        if (current == null) {
            synchronized (lock) {
                current = material;
                if (current == null) {
                    current = directory == null ? generate() : loadOrGenerate(directory);
                    material = current;
                }
            }
        }
        return current;
    }

    private Material loadOrGenerate(Path dir) {
        Path keyFile = dir.resolve(KEY_FILE);
        Path certificateFile = dir.resolve(CERTIFICATE_FILE);
        if (Files.isRegularFile(keyFile) && Files.isRegularFile(certificateFile)) {
            try {
                Material loaded = load(keyFile, certificateFile);
                if (validAt(loaded.certificate(), clock.instant())) {
                    return loaded;
                }
                LOG.info("the SNS signing certificate in {} is not valid now; generating a new key", dir);
            } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
                LOG.warn("cannot read the SNS signing key in {} ({}); generating a new key", dir, e.toString());
            }
        }
        Material generated = generate();
        try {
            store(dir, generated);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the SNS signing key in " + dir, e);
        }
        LOG.info("generated an SNS signing key in {}", dir);
        return generated;
    }

    private Material generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(RSA_BITS);
            KeyPair pair = generator.generateKeyPair();
            Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            X509Certificate certificate = SelfSignedCertificate.issue(pair, now.minus(BACKDATING), now.plus(VALIDITY));
            return Material.of(pair.getPrivate(), certificate);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an SNS signing key: " + e.getMessage(), e);
        }
    }

    private static Material load(Path keyFile, Path certificateFile) throws IOException, GeneralSecurityException {
        byte[] keyDer = Pem.decode("PRIVATE KEY", Files.readString(keyFile, StandardCharsets.US_ASCII));
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(keyDer));
        byte[] certificateDer = Pem.decode("CERTIFICATE", Files.readString(certificateFile, StandardCharsets.US_ASCII));
        X509Certificate certificate = (X509Certificate)
                CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(certificateDer));
        // A crash between the two files' replacement can leave a key beside another key's certificate.
        if (!(key instanceof RSAPrivateCrtKey rsa)
                || !(certificate.getPublicKey() instanceof RSAPublicKey published)
                || !rsa.getModulus().equals(published.getModulus())) {
            throw new GeneralSecurityException("the key does not match the certificate");
        }
        return Material.of(key, certificate);
    }

    private static boolean validAt(X509Certificate certificate, Instant now) {
        Date at = Date.from(now);
        return !at.before(certificate.getNotBefore()) && !at.after(certificate.getNotAfter());
    }

    private static void store(Path dir, Material material) throws IOException {
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (posix) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
        } else {
            Files.createDirectories(dir);
        }
        String keyPem = Pem.encode("PRIVATE KEY", material.privateKey().getEncoded());
        replace(dir, KEY_FILE, keyPem, posix ? OWNER_ONLY : null);
        replace(dir, CERTIFICATE_FILE, material.certificatePem(), posix ? READABLE : null);
    }

    /** Writes a file beside its final name and moves it there, so that a reader never sees half of it. */
    private static void replace(Path dir, String name, String content, @Nullable Set<PosixFilePermission> mode)
            throws IOException {
        // A temporary file is created readable by its owner only, so the key is never readable by others.
        Path temporary = Files.createTempFile(dir, name, ".tmp");
        try {
            Files.writeString(temporary, content, StandardCharsets.US_ASCII);
            if (mode != null) {
                Files.setPosixFilePermissions(temporary, mode);
            }
            Files.move(
                    temporary, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** The key, its certificate, and the forms of the certificate that are served. */
    private record Material(
            PrivateKey privateKey, X509Certificate certificate, String certificatePem, String certificateFileName) {

        static Material of(PrivateKey key, X509Certificate certificate) throws GeneralSecurityException {
            byte[] der = certificate.getEncoded();
            String digest = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(der));
            return new Material(
                    key,
                    certificate,
                    Pem.encode("CERTIFICATE", der),
                    "SimpleNotificationService-" + digest.substring(0, 32) + ".pem");
        }
    }
}
