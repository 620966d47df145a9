package io.bams3.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The {@code bams3} command line as its own JVM, with its own heap limit: the same Java as the
 * tests, a given classpath, and a minimal environment (no AWS_, BAMS3_ or SPRING_ variables
 * inherited) plus what the caller sets. For the server ({@link ServerProcess}) and for runs
 * whose failure (an OutOfMemoryError) must not take the test JVM with it.
 */
public final class ChildJvm {
    private ChildJvm() {}

    /** What a finished run produced: exit code and stdout and stderr together. */
    public record Result(int exit, String output) {}

    /** The tests' classpath (test classes included). */
    public static String testClasspath() {
        return System.getProperty("java.class.path");
    }

    /** The application's classpath: the tests' without the test classes. */
    public static String appClasspath() {
        return Arrays.stream(testClasspath().split(File.pathSeparator))
                .filter(e -> !e.endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** {@code java -Xmx<heap> -cp <classpath> Main ARGS}, output to {@code log}, not started yet. */
    public static ProcessBuilder bams3(
            String classpath, String heap, List<String> args, Map<String, String> env, Path log) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx" + heap, "-cp", classpath, "io.bams3.cli.Main"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment()
                .keySet()
                .removeIf(k -> k.startsWith("AWS_") || k.startsWith("BAMS3_") || k.startsWith("SPRING_"));
        pb.environment().putAll(env);
        return pb;
    }

    /** Runs {@code bams3 ARGS} to completion (killed after {@code timeout}) on the application's classpath. */
    public static Result run(String heap, Duration timeout, String... args) throws IOException, InterruptedException {
        Path log = Files.createTempFile("bams3-cli", ".log");
        try {
            Process p =
                    bams3(appClasspath(), heap, List.of(args), Map.of(), log).start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
                throw new IllegalStateException("bams3 " + String.join(" ", args) + " still running after " + timeout
                        + ":\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
