package io.bams3.bench;

/**
 * How an external command ended: exit code, wall time (nanoseconds), CPU time (user + system,
 * seconds) and peak resident set (KiB) of the command, and what it printed on stdout. CPU time and
 * peak RSS come from GNU time and are -1 where it is not installed.
 */
public record CommandResult(int exitCode, long nanos, double cpuSeconds, long peakRssKb, String stdout) {
    public double seconds() { return nanos / 1e9; }
}
