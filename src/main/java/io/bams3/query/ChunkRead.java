package io.bams3.query;

import io.bams3.format.ByteRange;
import io.bams3.format.ChunkEntry;

import java.util.List;

/**
 * Bytes to fetch from one chunk object and the intervals its records are filtered by
 * ({@code filters} empty: every record). {@code whole} reads are checked against the chunk's
 * CRC32C and record count.
 */
public record ChunkRead(int refIndex, String key, ChunkEntry chunk, ByteRange range, List<Region> filters) {
    public boolean whole() { return range.from() == 0 && range.to() == chunk.bytes(); }

    public boolean accepts(io.bams3.format.BamRecordView r) {
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
