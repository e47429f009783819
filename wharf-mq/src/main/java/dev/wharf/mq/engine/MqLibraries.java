package dev.wharf.mq.engine;

import dev.wharf.common.IsolatedLibraries;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where ActiveMQ and its libraries are loaded from, with the first broker: in a packaged server they are in the {@code
 * mq} directory beside this module's jar, off the class path, and a loader of their own loads the engine's {@code
 * broker} package with them ({@link dev.wharf.common.IsolatedLibraries}); elsewhere they are on the class path.
 */
public final class MqLibraries {
    private static final Logger LOG = LoggerFactory.getLogger(MqLibraries.class);
    static final String DIRECTORY = "mq";
    static final String RUNTIME = "dev.wharf.mq.engine.broker.ActiveMqRuntime";
    private static final String OWNED_PACKAGE = "dev.wharf.mq.engine.broker.";
    private static volatile @Nullable ClassLoader loader;

    private MqLibraries() {}

    public static BrokerRuntime runtime(int instancesMax) {
        return runtime(loader(), instancesMax);
    }

    static BrokerRuntime runtime(ClassLoader libraries, int instancesMax) {
        Thread thread = Thread.currentThread();
        ClassLoader context = thread.getContextClassLoader();
        thread.setContextClassLoader(libraries);

        try {
            Class<?> type = Class.forName(RUNTIME, true, libraries);
            return (BrokerRuntime) type.getConstructor(int.class).newInstance(instancesMax);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            } else {
                throw new IllegalStateException("the brokers' runtime did not start", cause);
            }
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException(
                    "the brokers' runtime dev.wharf.mq.engine.broker.ActiveMqRuntime cannot be loaded", e);
        } finally {
            thread.setContextClassLoader(context);
        }
    }

    static ClassLoader loader() {
        ClassLoader made = loader;
        if (made == null) {
            synchronized (MqLibraries.class) {
                made = loader;
                if (made == null) {
                    made = make(MqLibraries.class.getClassLoader(), directory());
                    loader = made;
                }
            }
        }

        return made;
    }

    static @Nullable Path directory() {
        return IsolatedLibraries.directoryBeside(MqLibraries.class, "mq");
    }

    static ClassLoader make(ClassLoader parent, @Nullable Path directory) {
        ClassLoader made =
                IsolatedLibraries.make(parent, directory, "wharf-mq-brokers", name -> name.startsWith(OWNED_PACKAGE));
        if (made != parent) {
            LOG.info("Amazon MQ's brokers load the libraries from {}", directory);
        }

        return made;
    }
}
