package io.bams3.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU seconds the whole machine spent busy (user, nice, system, irq, softirq), from /proc/stat.
 * Subtracting what the measured commands used leaves the CPU taken by everything else, i.e. how
 * much other work competed with a timed run. NaN where /proc/stat is missing.
 */
public final class CpuMeter {
    private static final Path STAT = Path.of("/proc/stat");
    /** USER_HZ: /proc/stat counts in 1/100 s on Linux. */
    private static final double TICKS_PER_SECOND = 100.0;

    private CpuMeter() {}

    public static double busySeconds() {
        try {
            String[] f = Files.readAllLines(STAT).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7}) {
                busy += Long.parseLong(f[i]);
            }
            return busy / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
