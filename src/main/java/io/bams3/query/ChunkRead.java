package io.bams3.query;

import io.bams3.codec.BamRecordView;
import io.bams3.format.ChunkEntry;
import io.bams3.store.ByteRange;
import java.util.List;

/**
 * Bytes to fetch from one chunk object and the intervals its records are filtered by
 * ({@code filters} empty: every record). {@code whole} reads are checked against the chunk's
 * CRC32C and record count. Records whose 0-based POS is below {@code startAt} are left out
 * ({@link Integer#MIN_VALUE}: none is).
 */
public record ChunkRead(
        int refIndex, String key, ChunkEntry chunk, ByteRange range, List<Region> filters, int startAt) {

    public ChunkRead(int refIndex, String key, ChunkEntry chunk, ByteRange range, List<Region> filters) {
        this(refIndex, key, chunk, range, filters, Integer.MIN_VALUE);
    }

    public boolean whole() {
        return range.from() == 0 && range.to() == chunk.bytes();
    }

    /** This read, leaving out the records that start before {@code pos}. */
    public ChunkRead startingAt(int pos) {
        return new ChunkRead(refIndex, key, chunk, range, filters, pos);
    }

    /** True if every record of the chunk passes {@link #startAt} (whatever the filters say). */
    public boolean startsInside() {
        return chunk.firstPos() >= startAt;
    }

    public boolean accepts(BamRecordView r) {
        if (r.pos() < startAt) {
            return false;
        }
        if (filters.isEmpty()) {
            return true;
        }
        for (Region f : filters) {
            if (f.isUnplaced() || r.overlaps(f.beg(), f.end())) {
                return true;
            }
        }
        return false;
    }
}
