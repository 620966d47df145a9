package io.bams3.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs external commands and times them with {@link System#nanoTime()} from start to exit.
 * Stdout goes to a scratch file (read back afterwards), stderr is appended to a log.
 */
public final class CommandRunner {
    private final Path log;
    private final Path scratch;

    public CommandRunner(Path workDir) throws IOException {
        Files.createDirectories(workDir);
        this.log = workDir.resolve("commands.log");
        this.scratch = workDir.resolve("command.stdout");
    }

    /** The java binary running this benchmark, so the CLI runs on the same JVM. */
    public static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** Runs the command; a non-zero exit is an error. */
    public CommandResult run(List<String> command) {
        CommandResult r = attempt(command);
        if (r.exitCode() != 0) {
            throw new IllegalStateException("command failed (exit " + r.exitCode() + "): " + String.join(" ", command)
                    + "; see " + log);
        }
        return r;
    }

    /** Runs the command and reports its exit code, whatever it is. */
    public CommandResult attempt(List<String> command) {
        try {
            Files.writeString(log, "$ " + String.join(" ", command) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command))
                    .redirectOutput(scratch.toFile())
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
            long started = System.nanoTime();
            Process p = pb.start();
            int exit = p.waitFor();
            long nanos = System.nanoTime() - started;
            return new CommandResult(exit, nanos, new String(Files.readAllBytes(scratch), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }
}
