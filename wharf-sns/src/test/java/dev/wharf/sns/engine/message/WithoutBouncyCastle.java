package dev.wharf.sns.engine.message;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Loads this package's classes afresh and refuses every BouncyCastle class, so that a test sees which paths of the
 * code need BouncyCastle at all.
 */
final class WithoutBouncyCastle extends ClassLoader {

    private static final String PACKAGE = SigningKeys.class.getPackageName() + ".";

    WithoutBouncyCastle() {
        super(WithoutBouncyCastle.class.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            if (name.startsWith("org.bouncycastle.")) {
                throw new ClassNotFoundException(name);
            }
            if (!name.startsWith(PACKAGE)) {
                return super.loadClass(name, resolve);
            }
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                byte[] bytes = bytes(name);
                loaded = defineClass(name, bytes, 0, bytes.length);
            }
            return loaded;
        }
    }

    private byte[] bytes(String name) throws ClassNotFoundException {
        InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class");
        if (in == null) {
            throw new ClassNotFoundException(name);
        }
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
