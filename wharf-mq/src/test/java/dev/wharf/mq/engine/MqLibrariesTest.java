package dev.wharf.mq.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the brokers' runtime loads from: beside the jar in a packaged server, else from the class path. */
class MqLibrariesTest {

    @Test
    void outsideAPackagedServerTheRuntimeLoadsFromTheClassPath() {
        assertThat(MqLibraries.directory()).isNull();
        assertThat(MqLibraries.loader()).isSameAs(MqLibraries.class.getClassLoader());
        try (BrokerRuntime runtime = MqLibraries.runtime(2)) {
            assertThat(runtime.getClass().getName()).isEqualTo(MqLibraries.RUNTIME);
        }
    }

    @Test
    void theDefaultRuntimeBoundsTheInstancesByTwoPerBroker() {
        try (BrokerRuntime runtime = MqEngine.defaultRuntime(3).get()) {
            assertThat(runtime.getClass().getName()).isEqualTo(MqLibraries.RUNTIME);
        }
    }

    @Test
    void aRuntimeThatRefusesItsArgumentsThrowsItsOwnException() {
        assertThatThrownBy(() -> MqLibraries.runtime(MqLibraries.class.getClassLoader(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("instancesMax must be positive: 0");
    }

    @Test
    void aLoaderWithoutTheRuntimeIsAnIllegalState() {
        ClassLoader empty = new ClassLoader(null) {};
        assertThatThrownBy(() -> MqLibraries.runtime(empty, 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the brokers' runtime dev.wharf.mq.engine.broker.ActiveMqRuntime cannot be loaded");
    }

    @Test
    void aLibraryDirectoryGetsALoaderOfItsOwnForTheBrokerPackage(@TempDir Path libraries) throws Exception {
        ClassLoader parent = MqLibraries.class.getClassLoader();
        assertThat(MqLibraries.make(parent, null)).isSameAs(parent);
        Files.createDirectories(libraries);
        ClassLoader own = MqLibraries.make(parent, libraries);
        assertThat(own).isNotSameAs(parent);
        assertThat(Class.forName(MqLibraries.RUNTIME, false, own).getClassLoader())
                .isSameAs(own);
        assertThat(Class.forName(BrokerRuntime.class.getName(), false, own)).isSameAs(BrokerRuntime.class);
        try (BrokerRuntime runtime = MqLibraries.runtime(own, 1)) {
            assertThat(runtime.getClass().getClassLoader()).isSameAs(own);
        }
    }
}
