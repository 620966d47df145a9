package io.bams3.convert;

import io.bams3.format.Codec;

/**
 * Conversion settings. Chunks close at the first record position change after
 * {@code chunkTargetBytes} compressed bytes, and unconditionally at {@link #hardLimit()} (a
 * pile-up of records at one position).
 */
public record ConvertOptions(Codec codec, long chunkTargetBytes, int threads, boolean force) {
    public static final long DEFAULT_CHUNK_BYTES = 16L << 20;

    public ConvertOptions {
        if (chunkTargetBytes < 1) {
            throw new IllegalArgumentException("--chunk-bytes must be positive");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1");
        }
    }

    public static ConvertOptions defaults() {
        return new ConvertOptions(
                Codec.BGZF, DEFAULT_CHUNK_BYTES, Runtime.getRuntime().availableProcessors(), false);
    }

    public long hardLimit() {
        return chunkTargetBytes * 4;
    }
}
