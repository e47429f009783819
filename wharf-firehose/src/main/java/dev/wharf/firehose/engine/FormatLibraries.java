package dev.wharf.firehose.engine;

import dev.wharf.common.IsolatedLibraries;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the Parquet and ORC writers and their libraries (Parquet, ORC, Hadoop's client) are loaded from, made on the
 * first converting delivery. In a packaged server those libraries are in the {@code formats} directory beside this
 * module's jar, not on the class path: a jar on the class path is opened by every resource lookup (ServiceLoader's,
 * at start), and Hadoop's shaded client alone holds tens of thousands of entries, about 5 MB of an idle server's RSS.
 * There a class loader of their own loads them, and loads {@link ParquetFileWriter} and {@link OrcFileWriter} itself
 * from this jar's bytes so that their references resolve to those libraries; everything else, the engine's types and
 * the logging included, comes from the class path. Where no such directory exists (the build's tests, an IDE), the
 * libraries are on the class path and the writers are loaded as any class. Thread-safe.
 */
final class FormatLibraries {

    private static final Logger LOG = LoggerFactory.getLogger(FormatLibraries.class);
    /** The directory, beside this module's jar, that holds the conversion libraries in a packaged server. */
    static final String DIRECTORY = "formats";
    /** The writers, loaded by the libraries' own loader so that their references resolve to the libraries. */
    private static final List<String> OWNED =
            List.of("dev.wharf.firehose.engine.ParquetFileWriter", "dev.wharf.firehose.engine.OrcFileWriter");

    private static volatile @Nullable ClassLoader loader;

    private FormatLibraries() {}

    /**
     * Opens a writer through the class loader of the conversion libraries.
     *
     * @param writerClass {@code ParquetFileWriter} or {@code OrcFileWriter}, whose public static {@code open(serDe,
     *     table, file)} makes the writer
     */
    static ColumnarWriter open(String writerClass, Object serDe, HiveType table, Path file) throws IOException {
        return open(loader(), writerClass, serDe, table, file);
    }

    /** Opens a writer through {@code libraries}. */
    static ColumnarWriter open(ClassLoader libraries, String writerClass, Object serDe, HiveType table, Path file)
            throws IOException {
        Thread thread = Thread.currentThread();
        ClassLoader context = thread.getContextClassLoader();
        thread.setContextClassLoader(libraries);
        try {
            Class<?> type = Class.forName(writerClass, true, libraries);
            Object made = type.getMethod("open", serDe.getClass(), HiveType.class, Path.class)
                    .invoke(null, serDe, table, file);
            return libraries == FormatLibraries.class.getClassLoader()
                    ? (ColumnarWriter) made
                    : new InContext((ColumnarWriter) made, libraries);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("the " + writerClass + " did not open", cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the format conversion's " + writerClass + " cannot be loaded", e);
        } finally {
            thread.setContextClassLoader(context);
        }
    }

    /** The class loader of the conversion libraries, made on first use. */
    static ClassLoader loader() {
        ClassLoader made = loader;
        if (made == null) {
            synchronized (FormatLibraries.class) {
                made = loader;
                if (made == null) {
                    made = make(FormatLibraries.class.getClassLoader(), directory());
                    loader = made;
                }
            }
        }
        return made;
    }

    /** The {@code formats} directory beside this module's jar, or null when it is not run from a jar beside one. */
    static @Nullable Path directory() {
        return IsolatedLibraries.directoryBeside(FormatLibraries.class, DIRECTORY);
    }

    /** A loader over the jars of {@code directory} that owns the writers, or {@code parent} when there is none. */
    static ClassLoader make(ClassLoader parent, @Nullable Path directory) {
        ClassLoader made = IsolatedLibraries.make(parent, directory, "wharf-firehose-formats", FormatLibraries::owned);
        if (made != parent) {
            LOG.info("Firehose's format conversion loads its libraries from {}", directory);
        }
        return made;
    }

    private static boolean owned(String name) {
        for (String owner : OWNED) {
            if (name.equals(owner) || name.startsWith(owner + "$")) {
                return true;
            }
        }
        return false;
    }

    /**
     * A writer whose calls run with the libraries' loader as the thread's context loader, as Hadoop's and Parquet's
     * code looks classes and resources up there.
     */
    private record InContext(ColumnarWriter writer, ClassLoader libraries) implements ColumnarWriter {
        @Override
        public void write(@Nullable Object[] row) throws IOException {
            Thread thread = Thread.currentThread();
            ClassLoader context = thread.getContextClassLoader();
            thread.setContextClassLoader(libraries);
            try {
                writer.write(row);
            } finally {
                thread.setContextClassLoader(context);
            }
        }

        @Override
        public void close() throws IOException {
            Thread thread = Thread.currentThread();
            ClassLoader context = thread.getContextClassLoader();
            thread.setContextClassLoader(libraries);
            try {
                writer.close();
            } finally {
                thread.setContextClassLoader(context);
            }
        }
    }
}
