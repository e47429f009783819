package dev.wharf.testing;

import dev.wharf.protocol.sigv4.StaticCredentialStore;
import dev.wharf.server.WharfConfig;
import dev.wharf.server.WharfServer;
import dev.wharf.storage.DurabilityMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Runs the server of a {@link WharfTest} class; one server per class, on a free port, with a fresh data directory. */
public final class WharfExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(WharfExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        WharfTest settings = context.getRequiredTestClass().getAnnotation(WharfTest.class);
        DurabilityMode mode = DurabilityMode.fromConfigName(settings == null ? "memory" : settings.storage());
        Path dataDir = mode == DurabilityMode.MEMORY ? null : Files.createTempDirectory("wharf-test");
        String credentials = settings == null ? "" : settings.credentials();
        WharfConfig config = new WharfConfig(
                "127.0.0.1",
                0,
                settings != null && settings.tls() ? 0 : -1,
                null,
                null,
                dataDir == null ? Path.of("unused") : dataDir,
                mode,
                null,
                WharfConfig.DEFAULT_REGION,
                new ArrayList<>(StaticCredentialStore.parse(credentials).credentials()),
                false,
                WharfConfig.Limits.defaults(),
                List.of());
        WharfServer server = WharfServer.start(config);
        context.getStore(NAMESPACE).put(WharfHandle.class, new WharfHandle(server, dataDir));
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        WharfHandle handle = context.getStore(NAMESPACE).remove(WharfHandle.class, WharfHandle.class);
        if (handle == null) {
            return;
        }
        handle.server().close();
        deleteRecursively(handle.dataDir());
    }

    static void deleteRecursively(@Nullable Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == WharfHandle.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        WharfHandle handle = context.getStore(NAMESPACE).get(WharfHandle.class, WharfHandle.class);
        if (handle == null) {
            throw new IllegalStateException("no Wharf server is running for " + context.getRequiredTestClass());
        }
        return handle;
    }
}
