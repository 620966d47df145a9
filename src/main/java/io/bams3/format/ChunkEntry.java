package io.bams3.format;

/**
 * One chunk object as listed in its reference's chunk table. Coordinates are 0-based:
 * {@code firstPos}/{@code lastPos} are the POS of its first and last record, {@code maxEnd} the
 * largest exclusive alignment end of any of its records. For unplaced chunks the positions are
 * the records' own POS (normally -1) and {@code maxEnd} is -1.
 *
 * @param part        0, or k for the k-th further chunk that starts at the same POS (a pile-up
 *                    larger than the size limit); keeps object keys unique
 * @param units       entries in the chunk's block index (compressed units that start a record)
 * @param bytes       size of the chunk object
 * @param records     records in the chunk
 * @param crc32c      CRC32C of the chunk object
 * @param indexCrc32c CRC32C of the chunk's block index object (0 for unplaced chunks)
 */
public record ChunkEntry(
        int firstPos,
        int lastPos,
        int maxEnd,
        int part,
        int units,
        long bytes,
        long records,
        int crc32c,
        int indexCrc32c) {

    /** True if a record of this chunk may overlap the 0-based half-open interval [beg, end). */
    public boolean mayOverlap(int beg, int end) {
        return firstPos < end && maxEnd > beg;
    }

    /** True if the 0-based half-open interval [beg, end) holds the POS of every record of this chunk. */
    public boolean coveredBy(int beg, int end) {
        return beg <= firstPos && end > lastPos;
    }
}
