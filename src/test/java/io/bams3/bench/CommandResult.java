package io.bams3.bench;

/** How an external command ended, how long it took (wall clock) and what it printed on stdout. */
public record CommandResult(int exitCode, long nanos, String stdout) {
    public double seconds() { return nanos / 1e9; }
}
