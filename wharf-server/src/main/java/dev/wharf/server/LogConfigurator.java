package dev.wharf.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Locale;

/**
 * Configures Logback from code, through its {@link Configurator} service, rather than from an XML file: reading
 * {@code logback.xml} loads Logback's Joran framework and the JDK's XML parser, some 280 classes that cost start-up
 * time and idle memory for a configuration this small. Logs go to stderr, so that stdout carries only what the
 * launcher prints (the ready line); the level is {@code WHARF_LOG_LEVEL} (INFO by default), Netty's and RocksDB's
 * WARN. A {@code logback.configurationFile} property or a {@code logback-test.xml} on the class path (the test
 * suites') wins, as Logback's own order has it, unless the property {@code wharf.log} is {@code server}: a test that
 * starts a real server process and reads its log asks for the server's own setup so.
 */
public final class LogConfigurator extends ContextAwareBase implements Configurator {

    /** The layout; the message is capped, as client text reaching it is bounded anyway (LogText). */
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{20} - %.-16000msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        boolean own = "server".equals(System.getProperty("wharf.log"));
        if (!own
                && (System.getProperty("logback.configurationFile") != null
                        || LogConfigurator.class.getClassLoader().getResource("logback-test.xml") != null)) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(level(System.getenv("WHARF_LOG_LEVEL")));
        root.addAppender(stderr);
        context.getLogger("io.netty").setLevel(Level.WARN);
        context.getLogger("org.rocksdb").setLevel(Level.WARN);
        // ActiveMQ and the libraries under it log every broker's start and stop at INFO, a dozen lines each.
        for (String library :
                new String[] {"org.apache.activemq", "org.springframework", "org.eclipse.jetty", "org.apache.xbean"}) {
            context.getLogger(library).setLevel(Level.WARN);
        }
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** A level by name, any case, as logback.xml's {@code ${WHARF_LOG_LEVEL:-INFO}} took it; INFO for none. */
    static Level level(@org.jspecify.annotations.Nullable String name) {
        return name == null || name.isBlank() ? Level.INFO : Level.toLevel(name.toUpperCase(Locale.ROOT), Level.INFO);
    }
}
