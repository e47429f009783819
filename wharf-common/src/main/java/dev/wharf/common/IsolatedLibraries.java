package dev.wharf.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Heavy libraries that a service loads on first use from a directory beside its jar, not from the class path: a jar on
 * the class path is opened by every resource lookup (ServiceLoader's, at start), which costs an idle server RSS and
 * start time. Firehose's format conversion (Parquet, ORC, Hadoop) and Amazon MQ's brokers (ActiveMQ) are loaded so.
 *
 * <p>The loader made here loads the service's own classes that use those libraries (those {@code owned} names) itself,
 * from the bytes its parent holds for them, so that their references resolve to the libraries; every other class comes
 * from the parent first, then from the directory's jars. Where no such directory exists (the build's tests, an IDE),
 * the libraries are on the class path and the parent is used as it is.
 */
public final class IsolatedLibraries {

    private IsolatedLibraries() {}

    /**
     * The directory {@code name} beside the jar that holds {@code owner}, or null when {@code owner} is not loaded from
     * a jar beside such a directory.
     */
    public static @Nullable Path directoryBeside(Class<?> owner, String name) {
        CodeSource source = owner.getProtectionDomain().getCodeSource();
        if (source == null) {
            return null;
        }
        try {
            Path location = Path.of(source.getLocation().toURI());
            Path parent = location.getParent();
            if (!Files.isRegularFile(location) || parent == null) {
                return null;
            }
            Path directory = parent.resolve(name);
            return Files.isDirectory(directory) ? directory : null;
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * A loader over the jars of {@code directory} that loads the classes {@code owned} names itself, or {@code parent}
     * when {@code directory} is null.
     *
     * @param name the loader's name, as thread dumps and class-loading errors show it
     */
    public static ClassLoader make(ClassLoader parent, @Nullable Path directory, String name, Predicate<String> owned) {
        if (directory == null) {
            return parent;
        }
        List<URL> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path jar :
                    files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
                jars.add(jar.toUri().toURL());
            }
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Isolated(name, jars.toArray(URL[]::new), parent, owned);
    }

    /**
     * Loads the owned classes itself, from the bytes its parent holds for them, and everything else from its parent
     * first, then from the libraries' jars.
     */
    private static final class Isolated extends URLClassLoader {
        static {
            registerAsParallelCapable();
        }

        private final Predicate<String> owned;

        Isolated(String name, URL[] jars, ClassLoader parent, Predicate<String> owned) {
            super(name, jars, parent);
            this.owned = owned;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!owned.test(name)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    String resource = name.replace('.', '/') + ".class";
                    try (InputStream in = getParent().getResourceAsStream(resource)) {
                        if (in == null) {
                            throw new ClassNotFoundException(name);
                        }
                        byte[] bytes = in.readAllBytes();
                        loaded = defineClass(name, bytes, 0, bytes.length);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }
    }
}
