package io.bams3.format;

import io.bams3.codec.FormatException;
import java.util.List;

/**
 * The invariants of docs/FORMAT.md §6–§9 that a reader checks on index data it has fetched
 * anyway: a chunk table against itself, its reference and the metadata totals, and a block index
 * against its chunk entry. Each check is O(entries) and throws {@link FormatException} at the
 * first broken invariant, so a damaged table of any length is rejected after one pass.
 */
public final class ChunkInvariants {
    private ChunkInvariants() {}

    /**
     * The chunk table of a reference of length {@code refLength}: per entry
     * {@code 0 ≤ firstPos ≤ lastPos < refLength}, {@code maxEnd > lastPos}, at least one unit,
     * record and byte per unit; across entries {@code firstPos[i+1] ≥ lastPos[i]} and {@code part}
     * numbering the chunks that start at the same POS (so every key is distinct).
     */
    public static void placedTable(List<ChunkEntry> entries, int refLength, String source) {
        ChunkEntry prev = null;
        for (int i = 0; i < entries.size(); i++) {
            ChunkEntry e = entries.get(i);
            sizes(e, i, source);
            if (e.firstPos() < 0 || e.firstPos() > e.lastPos() || e.lastPos() >= refLength) {
                throw bad(
                        source,
                        i,
                        "spans POS " + e.firstPos() + ".." + e.lastPos() + ", outside 0.." + (refLength - 1L)
                                + " or reversed");
            }
            if (e.maxEnd() <= e.lastPos()) {
                throw bad(source, i, "has maxEnd " + e.maxEnd() + " not beyond its lastPos " + e.lastPos());
            }
            if (prev != null && e.firstPos() < prev.lastPos()) {
                throw bad(
                        source,
                        i,
                        "starts at POS " + e.firstPos() + ", before the previous chunk ends at " + prev.lastPos()
                                + " (entries out of order)");
            }
            int part = prev != null && e.firstPos() == prev.firstPos() ? prev.part() + 1 : 0;
            if (e.part() != part) {
                throw bad(
                        source,
                        i,
                        "has part " + e.part() + ", expected " + part
                                + " (a duplicate entry, or parts out of sequence)");
            }
            prev = e;
        }
    }

    /** The table of the unplaced records: no positions to order, {@code maxEnd} −1, part 0, no block index. */
    public static void unplacedTable(List<ChunkEntry> entries, String source) {
        for (int i = 0; i < entries.size(); i++) {
            ChunkEntry e = entries.get(i);
            sizes(e, i, source);
            if (e.maxEnd() != -1 || e.part() != 0 || e.indexCrc32c() != 0) {
                throw bad(
                        source,
                        i,
                        "is unplaced but has maxEnd " + e.maxEnd() + ", part " + e.part()
                                + " or a block index checksum");
            }
        }
    }

    /** The table's record and byte sums equal the metadata's totals for it. */
    public static void totals(List<ChunkEntry> entries, long records, long bytes, String source) {
        long sumRecords = 0;
        long sumBytes = 0;
        try {
            for (ChunkEntry e : entries) {
                sumRecords = Math.addExact(sumRecords, e.records());
                sumBytes = Math.addExact(sumBytes, e.bytes());
            }
        } catch (ArithmeticException overflow) {
            throw new FormatException(source + ": chunk sizes or record counts overflow");
        }
        if (sumRecords != records || sumBytes != bytes) {
            throw new FormatException(source + ": chunks hold " + sumRecords + " records in " + sumBytes
                    + " bytes, metadata says " + records + " in " + bytes);
        }
    }

    /**
     * A block index against its chunk entry: one entry per unit, the last unit starting inside the
     * chunk, the first unit starting at the chunk's {@code firstPos}, no unit starting after its
     * {@code lastPos}, the largest {@code maxEnd} equal to the chunk's, and (version 2) the units'
     * record counts adding up to the chunk's.
     */
    public static void blockIndex(BlockIndex index, ChunkEntry chunk, String source) {
        int n = index.size();
        if (n != chunk.units()) {
            throw new FormatException(source + " has " + n + " entries, chunk table says " + chunk.units());
        }
        if (index.offsets()[n - 1] >= chunk.bytes()) {
            throw new FormatException(source + ": unit " + (n - 1) + " starts at byte " + index.offsets()[n - 1]
                    + ", beyond the chunk's " + chunk.bytes() + " bytes");
        }
        if (index.firstPos()[0] != chunk.firstPos() || index.firstPos()[n - 1] > chunk.lastPos()) {
            throw new FormatException(source + ": units start at POS " + index.firstPos()[0] + ".."
                    + index.firstPos()[n - 1] + ", chunk table says " + chunk.firstPos() + ".." + chunk.lastPos());
        }
        int max = Integer.MIN_VALUE;
        for (int end : index.maxEnd()) {
            max = Math.max(max, end);
        }
        if (max != chunk.maxEnd()) {
            throw new FormatException(
                    source + ": units end at most at " + max + ", chunk table says " + chunk.maxEnd());
        }
        if (index.hasUnitChecks()) {
            long records = 0;
            for (int r : index.records()) {
                records += r;
            }
            if (records != chunk.records()) {
                throw new FormatException(
                        source + ": units hold " + records + " records, chunk table says " + chunk.records());
            }
        }
    }

    private static void sizes(ChunkEntry e, int i, String source) {
        if (e.units() < 1 || e.records() < e.units() || e.bytes() < e.units()) {
            throw bad(
                    source,
                    i,
                    "has " + e.units() + " units, " + e.records() + " records and " + e.bytes()
                            + " bytes (every unit holds at least one record and one byte)");
        }
    }

    private static FormatException bad(String source, int i, String what) {
        return new FormatException(source + ": chunk entry " + i + " " + what);
    }
}
