package io.bams3.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's load averages over 1, 5 and 15 minutes (/proc/loadavg), as text; "unknown" without it. */
final class LoadAverage {
    private LoadAverage() {}

    static String now() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
            return f[0] + ", " + f[1] + ", " + f[2] + " (1, 5, 15 min)";
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            return "unknown";
        }
    }
}
