package dev.wharf.common;

import java.io.IOException;
import java.net.http.HttpClient;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A JDK {@link HttpClient} for calls out of the server (SNS's HTTP/S endpoints, Firehose's functions and HTTP
 * endpoints), made on the first call, so that its selector thread and connection pool cost nothing in a server that
 * never calls out. Its tasks run on virtual threads named after its owner; it speaks HTTP/1.1, follows no redirect
 * and uses no proxy, and the owner adds the rest (timeouts, TLS). Once closed it hands out no client.
 */
public final class LazyHttpClient implements AutoCloseable {

    private final String threadPrefix;
    private final String owner;
    private final Consumer<HttpClient.Builder> settings;
    private final Object lock = new Object();
    /** Guarded by {@link #lock} for writes; read without it once set. */
    private volatile @Nullable HttpClient client;

    private volatile @Nullable ExecutorService executor;
    private volatile boolean closed;

    /**
     * @param threadPrefix the name of its tasks' virtual threads, to which a number is appended
     * @param owner what owns it, named in the error after {@link #close()}, such as {@code "the Lambda invoker"}
     * @param settings the owner's settings on the builder, beyond the defaults above
     */
    public LazyHttpClient(String threadPrefix, String owner, Consumer<HttpClient.Builder> settings) {
        this.threadPrefix = threadPrefix;
        this.owner = owner;
        this.settings = settings;
    }

    /**
     * The client, made by the first call.
     *
     * @throws IOException once this is closed
     */
    public HttpClient get() throws IOException {
        HttpClient current = client;
        if (current != null && !closed) {
            return current;
        }
        synchronized (lock) {
            if (closed) {
                throw new IOException(owner + " is closed");
            }
            current = client;
            if (current == null) {
                ExecutorService tasks = Executors.newThreadPerTaskExecutor(
                        Thread.ofVirtual().name(threadPrefix, 0).factory());
                HttpClient.Builder builder = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .proxy(HttpClient.Builder.NO_PROXY)
                        .executor(tasks);
                settings.accept(builder);
                current = builder.build();
                executor = tasks;
                client = current;
            }
            return current;
        }
    }

    /**
     * The executor the client's tasks run on, made with the client, for the owner's own work around a call (reading
     * an answer's body with a bound).
     *
     * @throws IOException once this is closed
     */
    public ExecutorService executor() throws IOException {
        get();
        ExecutorService tasks = executor;
        if (tasks == null || closed) {
            throw new IOException(owner + " is closed");
        }
        return tasks;
    }

    /** Stops the client, if one was made, and its tasks; calls in flight fail. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            HttpClient current = client;
            if (current != null) {
                current.shutdownNow();
            }
            ExecutorService tasks = executor;
            if (tasks != null) {
                tasks.shutdownNow();
            }
        }
    }
}
