package io.bams3.convert;

/** Conversion progress: source bytes consumed of {@code totalBytes}, records done so far. */
@FunctionalInterface
public interface ProgressListener {
    void progress(long bytesRead, long totalBytes, long records);

    ProgressListener NONE = (b, t, r) -> {};
}
