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
 * Runs external commands and times them with {@link System#nanoTime()} from start to exit. Where
 * GNU time is installed the command runs under it, which adds its CPU time and peak RSS. Stdout
 * goes to a scratch file (read back afterwards), stderr is appended to a log.
 */
public final class CommandRunner {
    private static final Path GNU_TIME = Path.of("/usr/bin/time");

    private final Path log;
    private final Path scratch;
    private final Path usage;

    public CommandRunner(Path workDir) throws IOException {
        Files.createDirectories(workDir);
        this.log = workDir.resolve("commands.log");
        this.scratch = workDir.resolve("command.stdout");
        this.usage = workDir.resolve("command.usage");
    }

    /** The java binary running this benchmark, so the CLI runs on the same JVM. */
    public static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** Runs the command; a non-zero exit is an error. */
    public CommandResult run(List<String> command) {
        CommandResult r = attempt(command);
        if (r.exitCode() != 0) {
            throw new IllegalStateException(
                    "command failed (exit " + r.exitCode() + "): " + String.join(" ", command) + "; see " + log);
        }
        return r;
    }

    /** Runs the command and reports its exit code, whatever it is. */
    public CommandResult attempt(List<String> command) {
        try {
            Files.writeString(
                    log,
                    "$ " + String.join(" ", command) + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            Files.deleteIfExists(usage);
            boolean timed = Files.isExecutable(GNU_TIME);
            List<String> full = new ArrayList<>();
            if (timed) {
                full.addAll(List.of(GNU_TIME.toString(), "-f", "%U %S %M", "-o", usage.toString()));
            }
            full.addAll(command);
            ProcessBuilder pb = new ProcessBuilder(full)
                    .redirectOutput(scratch.toFile())
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
            double busyBefore = CpuMeter.busySeconds();
            long started = System.nanoTime();
            Process p = pb.start();
            int exit = p.waitFor();
            long nanos = System.nanoTime() - started;
            double machine = CpuMeter.busySeconds() - busyBefore;
            String out = new String(Files.readAllBytes(scratch), StandardCharsets.UTF_8);
            double cpu = -1;
            long rss = -1;
            if (timed && Files.exists(usage)) {
                // GNU time may put "Command exited with non-zero status N" first; the figures are last
                String[] f = Files.readAllLines(usage).stream()
                        .reduce((a, b) -> b)
                        .orElse("")
                        .strip()
                        .split(" ");
                if (f.length == 3) {
                    cpu = Double.parseDouble(f[0]) + Double.parseDouble(f[1]);
                    rss = Long.parseLong(f[2]);
                }
            }
            // clock-tick rounding can make a tiny difference negative
            double other = cpu < 0 ? Double.NaN : Math.max(0, machine - cpu);
            return new CommandResult(exit, nanos, cpu, rss, other, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }
}
