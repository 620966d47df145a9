package io.bams3.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** The machine and tool versions a run was made on. */
public record Environment(
        String date,
        int cpus,
        String cpuModel,
        String memory,
        String os,
        String java,
        String samtools,
        String jar,
        String source) {

    public static Environment probe(CommandRunner runner, String samtools, Path jar) {
        return new Environment(
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                Runtime.getRuntime().availableProcessors(),
                procLine(Path.of("/proc/cpuinfo"), "model name").orElse("unknown"),
                procLine(Path.of("/proc/meminfo"), "MemTotal").orElse("unknown"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                System.getProperty("java.runtime.name") + " " + System.getProperty("java.runtime.version") + " ("
                        + System.getProperty("java.vm.name") + ", " + System.getProperty("java.vendor") + ")",
                firstLine(runner.attempt(List.of(samtools, "--version")), "unknown"),
                jarIdentity(jar),
                sourceState(runner));
    }

    /** SHA-256 (first 16 hex digits) and modification time of the jar that was measured. */
    private static String jarIdentity(Path jar) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(jar));
            return jar + ", sha256 " + HexFormat.of().formatHex(digest, 0, 8) + ", built "
                    + Files.getLastModifiedTime(jar).toInstant().truncatedTo(ChronoUnit.SECONDS);
        } catch (IOException | NoSuchAlgorithmException e) {
            return jar.toString();
        }
    }

    /** The git commit of the working tree, and whether src/main or pom.xml had uncommitted changes. */
    private static String sourceState(CommandRunner runner) {
        CommandResult head = runner.attempt(List.of("git", "rev-parse", "--short", "HEAD"));
        if (head.exitCode() != 0) {
            return "unknown (not a git checkout)";
        }
        CommandResult dirty = runner.attempt(List.of("git", "status", "--porcelain", "--", "src/main", "pom.xml"));
        boolean clean = dirty.exitCode() == 0 && dirty.stdout().isBlank();
        return "git " + head.stdout().strip() + (clean ? "" : " + uncommitted changes in src/main or pom.xml");
    }

    private static String firstLine(CommandResult r, String fallback) {
        String s = r.stdout().strip();
        return r.exitCode() == 0 && !s.isEmpty() ? s.lines().findFirst().orElse(fallback) : fallback;
    }

    private static Optional<String> procLine(Path file, String key) {
        try {
            return Files.readAllLines(file).stream()
                    .filter(l -> l.startsWith(key))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst();
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
                .row("bams3 jar", jar)
                .row("source", source)
                .toString();
    }
}
