package io.bams3.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.ConsoleAppender;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CliLoggingTest {
    private final String saved = System.getProperty(CliLogging.PROPERTY);

    @AfterEach
    void restore() {
        if (saved == null) {
            System.clearProperty(CliLogging.PROPERTY);
        } else {
            System.setProperty(CliLogging.PROPERTY, saved);
        }
    }

    @Test
    void logbackFindsItAndACommandLogsWarningsOnlyAsOneLineOnStandardError() {
        assertThat(ServiceLoader.load(Configurator.class).stream()).anyMatch(p -> p.type() == CliLogging.class);
        System.setProperty(CliLogging.PROPERTY, CliLogging.COMMAND);
        LoggerContext context = new LoggerContext();
        assertThat(new CliLogging().configure(context))
                .isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.WARN);
        assertThat(root.getAppender("STDERR")).isInstanceOfSatisfying(ConsoleAppender.class, a -> {
            assertThat(a.getTarget()).isEqualTo("System.err");
            assertThat(((PatternLayoutEncoder) a.getEncoder()).getPattern())
                    .isEqualTo("bams3: %level %logger{20}: %msg%n");
            assertThat(a.isStarted()).isTrue();
        });
    }

    @Test
    void theServerAndTestsKeepTheirOwnConfiguration() {
        System.clearProperty(CliLogging.PROPERTY);
        LoggerContext context = new LoggerContext();
        assertThat(new CliLogging().configure(context)).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME)
                        .iteratorForAppenders()
                        .hasNext())
                .isFalse();
    }
}
