package io.bams3.query;

import io.bams3.codec.BamRecordView;
import io.bams3.codec.BlockCodec;
import io.bams3.codec.FormatException;
import io.bams3.codec.RecordStreamReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * The accepted records of one chunk read, pulled one at a time from its stored bytes, with every
 * check {@link RecordTally} makes, and each unit's stored CRC32C where the block index has them
 * ({@link UnitCrcStream}); the end of a whole read is checked against the chunk's CRC32C and
 * record count before {@link #next()} says there is no more.
 */
final class ChunkRecords implements AutoCloseable {
    private final String source;
    private final Crc32cStream stored;
    private final RecordTally tally;
    private final InputStream decoded;
    private final RecordStreamReader records;
    private boolean ended;

    ChunkRecords(ChunkRead read, InputStream raw, BlockCodec codec, String source) {
        this.source = source;
        this.stored = new Crc32cStream(UnitCrcStream.of(read, raw, source));
        this.tally = new RecordTally(read, source);
        this.decoded = codec.decompress(stored, source);
        this.records = new RecordStreamReader(decoded, source);
    }

    /** The next accepted record (valid until the next call), or null once the read is done and checked. */
    BamRecordView next() throws IOException {
        if (ended) {
            return null;
        }
        try {
            BamRecordView r;
            while ((r = records.next()) != null) {
                if (tally.accepts(r)) {
                    return r;
                }
            }
        } catch (EOFException e) {
            throw new FormatException(source + " is truncated or corrupt (" + e.getMessage() + ")", e);
        }
        ended = true;
        tally.checkWhole(stored);
        return null;
    }

    long emitted() {
        return tally.emitted();
    }

    @Override
    public void close() throws IOException {
        decoded.close();
    }
}
