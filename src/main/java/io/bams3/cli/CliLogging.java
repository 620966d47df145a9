package io.bams3.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logging of the commands other than {@code serve} (which uses Spring Boot's): libraries speak only
 * on warnings, to standard error, one line each. Set up in code when the first logger is asked for
 * (most commands never ask): parsing an XML configuration cost a command that reads from S3 more
 * than the rest of its start-up. Applies only where {@link Main} says it runs a command and no
 * {@code logback.configurationFile} is given; otherwise logback configures itself as usual.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class CliLogging extends ContextAwareBase implements Configurator {
    /** The system property {@link Main} sets to {@value #COMMAND} for every command but serve. */
    static final String PROPERTY = "bams3.logging";

    static final String COMMAND = "command";
    static final String PATTERN = "bams3: %level %logger{20}: %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (!COMMAND.equals(System.getProperty(PROPERTY)) || System.getProperty("logback.configurationFile") != null) {
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
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
