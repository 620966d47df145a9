package io.bams3.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/** The machine and tool versions a run was made on. */
public record Environment(String date, int cpus, String cpuModel, String memory, String os, String java,
                          String samtools) {

    public static Environment probe(CommandRunner runner, String samtools) {
        return new Environment(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                Runtime.getRuntime().availableProcessors(),
                procLine(Path.of("/proc/cpuinfo"), "model name").orElse("unknown"),
                procLine(Path.of("/proc/meminfo"), "MemTotal").orElse("unknown"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                System.getProperty("java.runtime.name") + " " + System.getProperty("java.runtime.version") + " ("
                        + System.getProperty("java.vm.name") + ", " + System.getProperty("java.vendor") + ")",
                firstLine(runner.attempt(List.of(samtools, "--version")), "unknown"));
    }

    private static String firstLine(CommandResult r, String fallback) {
        String s = r.stdout().strip();
        return r.exitCode() == 0 && !s.isEmpty() ? s.lines().findFirst().orElse(fallback) : fallback;
    }

    private static Optional<String> procLine(Path file, String key) {
        try {
            return Files.readAllLines(file).stream().filter(l -> l.startsWith(key))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public String markdown() {
        return new MarkdownTable("item", "value")
                .row("run started", date)
                .row("CPUs (nproc)", cpus)
                .row("CPU", cpuModel)
                .row("memory", memory)
                .row("OS", os)
                .row("java", java)
                .row("samtools", samtools)
                .toString();
    }
}
