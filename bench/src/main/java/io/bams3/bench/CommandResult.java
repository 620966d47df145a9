package io.bams3.bench;

/**
 * How an external command ended: exit code, wall time (nanoseconds), CPU time (user + system,
 * seconds) and peak resident set (KiB) of the command, the CPU seconds the rest of the machine used
 * meanwhile (see {@link CpuMeter}), and what it printed on stdout. CPU time and peak RSS come from
 * GNU time and are -1 where it is not installed; the other CPU is then NaN.
 */
public record CommandResult(
        int exitCode, long nanos, double cpuSeconds, long peakRssKb, double otherCpuSeconds, String stdout) {
    public double seconds() {
        return nanos / 1e9;
    }
}
