package io.bams3.catalog;

import java.time.Duration;

/**
 * Bounds of the catalog's caches and of what it opens. {@code ttl}: how long an opened dataset
 * (metadata, header, chunk tables) and a block index are kept before being read again, so a
 * rewritten dataset is picked up after at most that long. Opened datasets are bounded in count
 * and in the heap their metadata and header hold ({@code maxDatasetBytes}); block indexes by
 * their size ({@code maxIndexBytes}). A dataset whose metadata object or header text is larger
 * than {@code maxHeaderBytes} is refused instead of opened.
 */
public record CacheSettings(
        Duration ttl, long maxDatasets, long maxDatasetBytes, long maxIndexBytes, long maxHeaderBytes) {
    public CacheSettings {
        if (ttl.isNegative() || maxDatasets < 0 || maxDatasetBytes < 0 || maxIndexBytes < 0 || maxHeaderBytes < 0) {
            throw new IllegalArgumentException("cache bounds must not be negative");
        }
    }

    public static CacheSettings defaults() {
        return new CacheSettings(Duration.ofMinutes(5), 10_000, 256L << 20, 256L << 20, 64L << 20);
    }
}
