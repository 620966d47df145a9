package io.bams3.bench;

import tools.jackson.databind.JsonNode;

/**
 * Size of one dataset against its source BAM: the chunk objects as {@code bams3 stats --json}
 * reports them ({@code bytes}), the data/ files on disk, and every file of the dataset.
 */
public record StorageFigures(
        String input,
        String codec,
        String chunkTarget,
        long sourceBytes,
        long chunks,
        long statsBytes,
        long chunkFileBytes,
        long totalBytes) {

    public static StorageFigures of(
            String input, String chunkTarget, long sourceBytes, JsonNode stats, DatasetDirectory dir) {
        return new StorageFigures(
                input,
                stats.get("codec").asString(),
                chunkTarget,
                sourceBytes,
                stats.get("chunks").asLong(),
                stats.get("bytes").asLong(),
                dir.chunkBytes(),
                dir.totalBytes());
    }

    public double chunkRatio() {
        return (double) statsBytes / sourceBytes;
    }

    public double totalRatio() {
        return (double) totalBytes / sourceBytes;
    }
}
