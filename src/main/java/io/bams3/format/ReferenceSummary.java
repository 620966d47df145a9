package io.bams3.format;

import io.bams3.codec.FormatException;

/**
 * What a dataset holds on one reference (its refID is its index in the header): the length in
 * bases, the records placed on it without and with flag 0x4 (columns 3 and 4 of
 * {@code samtools idxstats}), and its chunk table: entry count, total size of its chunk objects,
 * and the CRC32C of the table object (all 0 when the reference has no records and no table).
 */
public record ReferenceSummary(int length, long mapped, long unmapped, int chunks, long bytes, int indexCrc32c) {

    /** A reference without records. */
    public static ReferenceSummary empty(int length) {
        return new ReferenceSummary(length, 0, 0, 0, 0, 0);
    }

    public long records() {
        return mapped + unmapped;
    }

    /**
     * Checks the counts against each other (docs/FORMAT.md section 12): nothing negative; a table
     * exactly when there are records, and at least one record and one byte per chunk.
     */
    public ReferenceSummary check(String what) {
        if (length < 0) {
            throw new FormatException(what + " has negative length " + length);
        }
        if (mapped < 0 || unmapped < 0 || mapped > Long.MAX_VALUE - unmapped) {
            throw new FormatException(what + " has negative or overflowing record counts");
        }
        MetadataInvariants.table(chunks, records(), bytes, indexCrc32c, what);
        return this;
    }
}
