package io.bams3.web.page;

import io.bams3.format.BlockIndex;
import io.bams3.format.ChunkEntry;
import java.util.List;

/**
 * Spreads records over position bins from chunk entries and (optionally) their block indexes.
 * Positions are 0-based; a chunk's records lie between its first and last POS.
 */
final class DensityEstimate {
    private final long start;
    private final long end;
    private final int binSize;
    private final double[] counts;

    /** Bins over the 0-based half-open window {@code [start, end)}, at most {@code maxBins} of them. */
    DensityEstimate(long start, long end, int maxBins) {
        this.start = start;
        this.end = Math.max(start + 1, end);
        long span = this.end - start;
        this.binSize = (int) Math.max(1, (span + maxBins - 1) / maxBins);
        this.counts = new double[(int) ((span + binSize - 1) / binSize)];
    }

    /**
     * The window a reference's density is shown over: the whole reference, or, when its records
     * start within less than half of it, their span with a margin (a small BAM of one gene).
     */
    static long[] window(int length, List<ChunkEntry> chunks) {
        if (chunks.isEmpty()) {
            return new long[] {0, Math.max(1, length)};
        }
        long first = chunks.get(0).firstPos();
        long last = first + 1;
        for (ChunkEntry c : chunks) {
            first = Math.min(first, c.firstPos());
            last = Math.max(last, c.lastPos() + 1L);
        }
        if ((last - first) * 2 >= length) {
            return new long[] {0, Math.max(1, length)};
        }
        long margin = Math.max(100, (last - first) / 20);
        return new long[] {Math.max(0, first - margin), Math.min(Math.max(length, last), last + margin)};
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

    /** Adds {@code records} evenly over the 0-based half-open span {@code [from, to)}, clipped to the window. */
    private void spread(long from, long to, double records) {
        from = Math.max(start, Math.min(from, end - 1));
        to = Math.max(from + 1, Math.min(to, end));
        double perBase = records / (to - from);
        long pos = from;
        while (pos < to) {
            int bin = (int) ((pos - start) / binSize);
            long binEnd = Math.min(to, start + (long) (bin + 1) * binSize);
            counts[bin] += perBase * (binEnd - pos);
            pos = binEnd;
        }
    }
}
