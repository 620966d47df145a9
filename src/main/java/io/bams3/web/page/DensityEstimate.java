package io.bams3.web.page;

import io.bams3.format.BlockIndex;
import io.bams3.format.ChunkEntry;
import java.util.List;

/**
 * Spreads records over position bins from chunk entries and (optionally) their block indexes.
 * Positions are 0-based; a chunk's records lie between its first and last POS.
 */
final class DensityEstimate {
    private final int length;
    private final int binSize;
    private final double[] counts;

    DensityEstimate(int length, int maxBins) {
        this.length = Math.max(1, length);
        this.binSize = (int) Math.max(1, ((long) this.length + maxBins - 1) / maxBins);
        this.counts = new double[(int) (((long) this.length + binSize - 1) / binSize)];
    }

    int binSize() {
        return binSize;
    }

    double[] counts() {
        return counts.clone();
    }

    /** Adds a chunk's records evenly over its POS span {@code [firstPos, lastPos]}. */
    void addEvenly(ChunkEntry chunk) {
        spread(chunk.firstPos(), chunk.lastPos() + 1L, chunk.records());
    }

    /**
     * Adds a chunk's records over its block index units: unit {@code i} starts at POS
     * {@code firstPos[i]} and runs to the next unit's start (the last to the chunk's last POS); it
     * gets a share of the records in proportion to its compressed bytes.
     */
    void addByUnits(ChunkEntry chunk, BlockIndex index) {
        int n = index.size();
        if (n == 0) {
            addEvenly(chunk);
            return;
        }
        long[] offsets = index.offsets();
        int[] starts = index.firstPos();
        for (int i = 0; i < n; i++) {
            long bytes = (i + 1 < n ? offsets[i + 1] : chunk.bytes()) - offsets[i];
            double share = chunk.bytes() == 0
                    ? (double) chunk.records() / n
                    : chunk.records() * (double) bytes / chunk.bytes();
            long from = starts[i];
            long to = i + 1 < n ? Math.max(starts[i + 1], from + 1L) : Math.max(chunk.lastPos() + 1L, from + 1L);
            spread(from, to, share);
        }
    }

    void addAll(List<ChunkEntry> chunks) {
        chunks.forEach(this::addEvenly);
    }

    /** Adds {@code records} evenly over the 0-based half-open span {@code [from, to)}, clipped to the reference. */
    private void spread(long from, long to, double records) {
        from = Math.max(0, Math.min(from, length - 1L));
        to = Math.max(from + 1, Math.min(to, length));
        double perBase = records / (to - from);
        long pos = from;
        while (pos < to) {
            int bin = (int) (pos / binSize);
            long binEnd = Math.min(to, (long) (bin + 1) * binSize);
            counts[bin] += perBase * (binEnd - pos);
            pos = binEnd;
        }
    }
}
