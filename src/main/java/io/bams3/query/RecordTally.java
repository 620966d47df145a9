package io.bams3.query;

import io.bams3.codec.BamRecordView;
import io.bams3.codec.FormatException;
import io.bams3.format.ChunkEntry;
import io.bams3.format.DatasetMetadata;

/**
 * The records of one chunk read seen so far, and those accepted, after the checks every record
 * gets: its reference, and for a placed record its place in the chunk entry (POS not decreasing,
 * within [firstPos, lastPos], ending at or before maxEnd). An entry that disagrees with its records
 * would make the planner skip or cut chunks, so the disagreement is an error. A whole read is
 * checked at its end against the chunk's CRC32C and record count.
 */
final class RecordTally {
    private final ChunkRead read;
    private final String source;
    private long seen;
    private long emitted;
    private int previousPos = Integer.MIN_VALUE;

    RecordTally(ChunkRead read, String source) {
        this.read = read;
        this.source = source;
    }

    long emitted() {
        return emitted;
    }

    /** Checks the next record of the read and says whether the read wants it. */
    boolean accepts(BamRecordView r) {
        seen++;
        if (r.refId() != read.refIndex()) {
            throw new FormatException(
                    source + " holds a record of reference " + r.refId() + ", expected " + read.refIndex());
        }
        if (read.refIndex() != Region.UNPLACED) {
            ChunkEntry chunk = read.chunk();
            if (r.pos() < previousPos
                    || r.pos() < chunk.firstPos()
                    || r.pos() > chunk.lastPos()
                    || r.end() > chunk.maxEnd()) {
                throw new FormatException(source + " holds a record at POS " + r.pos() + " ending at " + r.end()
                        + ", out of order or outside its chunk entry (" + chunk.firstPos() + ".." + chunk.lastPos()
                        + ", max end " + chunk.maxEnd() + ")");
            }
            previousPos = r.pos();
        }
        if (read.accepts(r)) {
            emitted++;
            return true;
        }
        return false;
    }

    long seen() {
        return seen;
    }

    /**
     * Counts a unit of {@code records} records that the read wants whole and that is passed on
     * without being decoded: checked by the CRC32C of its stored bytes, its records start at
     * {@code firstPos} (from its block index), which must not lie before the records seen so far.
     */
    void acceptsUnit(int records, int firstPos) {
        if (firstPos < previousPos) {
            throw new FormatException(source + " holds a unit starting at POS " + firstPos + " after a record at POS "
                    + previousPos + " (out of order)");
        }
        previousPos = firstPos;
        seen += records;
        emitted += records;
    }

    /**
     * At the end of a whole read: the CRC32C of its stored bytes ({@code crc}) and the number of
     * records seen must be the chunk table's. Does nothing for a partial read.
     */
    void checkWhole(Crc32cStream crc) {
        if (!read.whole()) {
            return;
        }
        if (crc.value() != read.chunk().crc32c()) {
            throw new FormatException(source + " fails its CRC32C check (expected "
                    + DatasetMetadata.hex(read.chunk().crc32c()) + ", got " + DatasetMetadata.hex(crc.value()) + ")");
        }
        if (seen != read.chunk().records()) {
            throw new FormatException(source + " holds " + seen + " records, chunk table says "
                    + read.chunk().records());
        }
    }
}
