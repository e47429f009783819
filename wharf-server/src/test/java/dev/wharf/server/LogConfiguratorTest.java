package dev.wharf.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;

/** The server's logging setup, made from code: stderr, the pattern, and the levels. */
class LogConfiguratorTest {

    @Test
    void logsGoToStderrAtInfoWithNettyAndRocksDbAtWarn() {
        LoggerContext context = new LoggerContext();
        LogConfigurator configurator = new LogConfigurator();
        configurator.setContext(context);
        System.setProperty("wharf.log", "server");
        try {
            assertThat(configurator.configure(context))
                    .isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        } finally {
            System.clearProperty("wharf.log");
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(LogConfigurator.level(System.getenv("WHARF_LOG_LEVEL")));
        assertThat(context.getLogger("io.netty").getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("org.rocksdb").getLevel()).isEqualTo(Level.WARN);
        assertThat(root.getAppender("STDERR")).isInstanceOfSatisfying(ConsoleAppender.class, appender -> {
            assertThat(appender.getTarget()).isEqualTo("System.err");
            assertThat(appender.isStarted()).isTrue();
        });
        context.stop();
    }

    @Test
    void theLevelIsTakenInAnyCaseAndIsInfoWhenUnsetOrUnknown() {
        assertThat(LogConfigurator.level(null)).isEqualTo(Level.INFO);
        assertThat(LogConfigurator.level("")).isEqualTo(Level.INFO);
        assertThat(LogConfigurator.level("debug")).isEqualTo(Level.DEBUG);
        assertThat(LogConfigurator.level("WARN")).isEqualTo(Level.WARN);
        assertThat(LogConfigurator.level("loud")).isEqualTo(Level.INFO);
    }

    @Test
    void aTestSetupOnTheClassPathWins() {
        LoggerContext context = new LoggerContext();
        LogConfigurator configurator = new LogConfigurator();
        configurator.setContext(context);
        System.setProperty("logback.configurationFile", "elsewhere.xml");
        try {
            assertThat(configurator.configure(context)).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
        } finally {
            System.clearProperty("logback.configurationFile");
        }
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR"))
                .isNull();
    }
}
