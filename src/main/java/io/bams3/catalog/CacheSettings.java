package io.bams3.catalog;

import java.time.Duration;

/**
 * Bounds of the catalog's caches. {@code ttl}: how long an opened dataset (metadata, header,
 * chunk tables) and a block index are kept before being read again, so a rewritten dataset is
 * picked up after at most that long. {@code maxIndexBytes} weighs block indexes by their size.
 */
public record CacheSettings(Duration ttl, long maxDatasets, long maxIndexBytes) {
    public CacheSettings {
        if (ttl.isNegative() || maxDatasets < 0 || maxIndexBytes < 0) {
            throw new IllegalArgumentException("cache bounds must not be negative");
        }
    }

    public static CacheSettings defaults() {
        return new CacheSettings(Duration.ofMinutes(5), 10_000, 256L << 20);
    }
}
