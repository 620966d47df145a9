package io.bams3.convert;

/**
 * Conversion progress: source bytes consumed of {@code totalBytes} ({@link BamInput#UNKNOWN_SIZE}
 * for a stream), records done so far.
 */
@FunctionalInterface
public interface ProgressListener {
    void progress(long bytesRead, long totalBytes, long records);

    ProgressListener NONE = (b, t, r) -> {};
}
