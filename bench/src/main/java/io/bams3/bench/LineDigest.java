package io.bams3.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * What a command printed, kept as a line count and a SHA-256 of the bytes: two tools printing the
 * same SAM lines in the same order have equal digests. The output is streamed through the digest,
 * never held, so a whole reference's gigabytes of SAM cost no memory. Stderr is appended to a log.
 *
 * @param exitCode the command's exit code
 * @param nanos    wall time from start to exit
 */
public record LineDigest(int exitCode, long nanos, long lines, long bytes, String sha256) {

    public double millis() {
        return nanos / 1e6;
    }

    /** Same lines, same bytes. */
    public boolean sameOutput(LineDigest other) {
        return lines == other.lines && bytes == other.bytes && sha256.equals(other.sha256);
    }

    /** A command, its extra environment and working directory (null: this process's). */
    public record Command(List<String> argv, Map<String, String> env, Path cwd) {
        ProcessBuilder builder(Path log) {
            ProcessBuilder pb = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.environment().putAll(env);
            if (cwd != null) {
                pb.directory(cwd.toFile());
            }
            return pb;
        }
    }

    public static LineDigest run(Command command, Path log) {
        try {
            Files.writeString(
                    log,
                    "$ " + String.join(" ", command.argv()) + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long started = System.nanoTime();
            Process p = command.builder(log).start();
            long lines = 0;
            long bytes = 0;
            try (InputStream in = p.getInputStream()) {
                byte[] buf = new byte[1 << 18];
                int n;
                while ((n = in.read(buf)) > 0) {
                    sha.update(buf, 0, n);
                    bytes += n;
                    for (int i = 0; i < n; i++) {
                        if (buf[i] == '\n') lines++;
                    }
                }
            }
            int exit = p.waitFor();
            long nanos = System.nanoTime() - started;
            return new LineDigest(exit, nanos, lines, bytes, HexFormat.of().formatHex(sha.digest()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.argv().get(0), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(
                    "interrupted while running " + command.argv().get(0), e);
        }
    }

    /**
     * Runs both commands at once and reads their outputs in step; describes the first line where
     * they differ (null if none). Nothing is stored but the current line of each.
     */
    public static String firstDifference(Command a, String aName, Command b, String bName, Path log) {
        Process pa = null;
        Process pb = null;
        try {
            pa = a.builder(log).start();
            pb = b.builder(log).start();
            try (BufferedReader ra = new BufferedReader(
                            new InputStreamReader(pa.getInputStream(), StandardCharsets.ISO_8859_1));
                    BufferedReader rb = new BufferedReader(
                            new InputStreamReader(pb.getInputStream(), StandardCharsets.ISO_8859_1))) {
                long line = 0;
                while (true) {
                    String la = ra.readLine();
                    String lb = rb.readLine();
                    line++;
                    if (la == null && lb == null) {
                        return null;
                    }
                    if (la == null || !la.equals(lb)) {
                        return "line " + line + ": " + aName + " " + shorten(la) + " / " + bName + " " + shorten(lb);
                    }
                }
            }
        } catch (IOException e) {
            return "could not compare: " + e.getMessage();
        } finally {
            for (Process p : new Process[] {pa, pb}) {
                if (p != null) {
                    p.destroy();
                }
            }
        }
    }

    private static String shorten(String line) {
        if (line == null) {
            return "(end of output)";
        }
        String s = line.replace('\t', ' ');
        return "`" + (s.length() > 160 ? s.substring(0, 160) + "..." : s) + "`";
    }
}
