package io.bams3.query;

import io.bams3.codec.BamRecordView;
import io.bams3.format.BlockIndex;
import io.bams3.format.ChunkEntry;
import io.bams3.store.ByteRange;
import java.util.Arrays;
import java.util.List;

/**
 * Bytes to fetch from one chunk object and the intervals its records are filtered by
 * ({@code filters} empty: every record; 0-based half-open). {@code whole} reads are checked against
 * the chunk's CRC32C and record count. Records whose 0-based POS is below {@code startAt} are left
 * out ({@link Integer#MIN_VALUE}: none is). {@code units} is the chunk's block index when it gives
 * each unit's record count and CRC32C (version 2), so that the units of the range can be checked
 * and passed on without decompressing them; null otherwise.
 */
public record ChunkRead(
        int refIndex,
        String key,
        ChunkEntry chunk,
        ByteRange range,
        List<Region> filters,
        int startAt,
        BlockIndex units) {

    public ChunkRead {
        if (units != null && !units.hasUnitChecks()) {
            units = null;
        }
    }

    public ChunkRead(int refIndex, String key, ChunkEntry chunk, ByteRange range, List<Region> filters) {
        this(refIndex, key, chunk, range, filters, Integer.MIN_VALUE, null);
    }

    public boolean whole() {
        return range.from() == 0 && range.to() == chunk.bytes();
    }

    /** This read, leaving out the records that start before {@code pos}. */
    public ChunkRead startingAt(int pos) {
        return new ChunkRead(refIndex, key, chunk, range, filters, pos, units);
    }

    /** This read with the chunk's block index, whose unit checks it may use. */
    public ChunkRead withUnits(BlockIndex index) {
        return new ChunkRead(refIndex, key, chunk, range, filters, startAt, index);
    }

    /** The index in {@link #units} of the unit the range starts with (a planned range starts at a unit). */
    public int firstUnit() {
        int i = Arrays.binarySearch(units.offsets(), range.from());
        if (i < 0) {
            throw new IllegalStateException("a planned range starts inside a unit");
        }
        return i;
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

    /**
     * True if {@link #accepts} holds for every record of unit {@code i} of {@link #units}, known from
     * the index alone: the unit's records start at or after its {@code firstPos} and at or before the
     * next unit's (the chunk's {@code lastPos} for the last unit), and a record that starts inside
     * [beg, end) overlaps it.
     */
    public boolean acceptsWholeUnit(int i) {
        int first = units.firstPos()[i];
        int lastAtMost = i + 1 < units.size() ? units.firstPos()[i + 1] : chunk.lastPos();
        if (first < startAt) {
            return false;
        }
        if (filters.isEmpty()) {
            return true;
        }
        for (Region f : filters) {
            if (f.isUnplaced() || (first >= f.beg() && lastAtMost < f.end())) {
                return true;
            }
        }
        return false;
    }
}
