package io.bams3.query;

import io.bams3.format.BlockIndex;
import io.bams3.store.ByteRange;
import java.util.ArrayList;
import java.util.List;

/**
 * The byte ranges of a chunk that a region needs, from the chunk's {@link BlockIndex}: the units
 * with {@code firstPos < end} and {@code maxEnd > beg}, adjacent units joined into one range.
 */
final class BlockRanges {
    private BlockRanges() {}

    /**
     * Byte ranges [from, to) of the units that may hold records overlapping [beg, end), in a chunk
     * of {@code chunkBytes} bytes, in file order. Empty if none.
     */
    static List<ByteRange> of(BlockIndex index, int beg, int end, long chunkBytes) {
        long[] offsets = index.offsets();
        int[] firstPos = index.firstPos();
        int[] maxEnd = index.maxEnd();
        int n = offsets.length;
        // units after `last` start at or after end
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (firstPos[mid] < end) lo = mid + 1;
            else hi = mid;
        }
        int last = lo - 1;
        List<ByteRange> out = new ArrayList<>();
        long from = -1;
        long to = -1;
        for (int i = 0; i <= last; i++) {
            if (maxEnd[i] <= beg) {
                continue;
            }
            long unitEnd = i + 1 < n ? offsets[i + 1] : chunkBytes;
            if (offsets[i] == to) {
                to = unitEnd;
            } else {
                if (from >= 0) {
                    out.add(new ByteRange(from, to));
                }
                from = offsets[i];
                to = unitEnd;
            }
        }
        if (from >= 0) {
            out.add(new ByteRange(from, to));
        }
        return out;
    }
}
