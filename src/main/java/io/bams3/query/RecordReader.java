package io.bams3.query;

import io.bams3.format.BamRecordView;
import io.bams3.format.BlockCodec;
import io.bams3.format.DatasetMetadata;
import io.bams3.format.FormatException;
import io.bams3.format.RecordStreamReader;
import io.bams3.store.ObjectNotFoundException;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Streams the records of planned chunk reads, in order, to a consumer. One range at a time is
 * open; records are decoded block by block. A missing object, a short range, a failed block CRC,
 * a whole chunk whose CRC32C or record count differs from the chunk table: all are errors.
 */
public final class RecordReader {
    private final Dataset dataset;
    private final BlockCodec codec;

    public RecordReader(Dataset dataset) {
        this.dataset = dataset;
        this.codec = dataset.codec().blockCodec();
    }

    /** Returns the number of records passed to the consumer. */
    public long read(List<ChunkRead> reads, RecordConsumer consumer) throws IOException {
        long emitted = 0;
        for (ChunkRead read : reads) {
            emitted += read(read, consumer);
        }
        return emitted;
    }

    private long read(ChunkRead read, RecordConsumer consumer) throws IOException {
        String source = dataset.store().location() + "/" + read.key();
        InputStream raw;
        try {
            raw = dataset.store().get(read.key(), read.range());
        } catch (ObjectNotFoundException e) {
            throw new FormatException("dataset " + dataset.store().location() + " is missing chunk " + read.key());
        }
        CrcStream crc = new CrcStream(raw);
        long emitted = 0;
        long seen = 0;
        try (InputStream in = codec.decompress(read.whole() ? crc : raw, source)) {
            RecordStreamReader records = new RecordStreamReader(in);
            BamRecordView r;
            while ((r = records.next()) != null) {
                seen++;
                if (r.refId() != read.refIndex()) {
                    throw new FormatException(source + " holds a record of reference " + r.refId()
                            + ", expected " + read.refIndex());
                }
                if (read.accepts(r)) {
                    consumer.accept(r);
                    emitted++;
                }
            }
        } catch (IOException e) {
            if (e instanceof java.io.EOFException) {
                throw new FormatException(source + " is truncated or corrupt (" + e.getMessage() + ")", e);
            }
            throw e;
        }
        if (read.whole()) {
            if (crc.value() != read.chunk().crc32c()) {
                throw new FormatException(source + " fails its CRC32C check (expected "
                        + DatasetMetadata.hex(read.chunk().crc32c()) + ", got " + DatasetMetadata.hex(crc.value()) + ")");
            }
            if (seen != read.chunk().records()) {
                throw new FormatException(source + " holds " + seen + " records, chunk table says " + read.chunk().records());
            }
        }
        return emitted;
    }

    /** Computes the CRC32C of the bytes read through it. */
    private static final class CrcStream extends FilterInputStream {
        private final CRC32C crc = new CRC32C();

        CrcStream(InputStream in) { super(in); }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) crc.update(b);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) crc.update(b, off, n);
            return n;
        }

        int value() { return (int) crc.getValue(); }
    }
}
