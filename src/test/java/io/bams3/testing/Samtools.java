package io.bams3.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The samtools binary, when installed (.ci/run installs it); tests skip their samtools part otherwise. */
public final class Samtools {
    private static final boolean AVAILABLE = probe();

    private Samtools() {}

    public static boolean available() {
        return AVAILABLE;
    }

    private static boolean probe() {
        try {
            Process p = new ProcessBuilder("samtools", "--version")
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Runs samtools with the arguments; returns stdout lines; fails on a non-zero exit. */
    public static List<String> run(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("samtools");
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("samtools failed: " + cmd);
            }
            return out.isEmpty() ? List.of() : List.of(out.split("\n", -1)).subList(0, out.split("\n", -1).length - 1);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
