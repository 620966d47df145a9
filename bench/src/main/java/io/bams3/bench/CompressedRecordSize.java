package io.bams3.bench;

import io.bams3.codec.BamHeader;
import io.bams3.codec.BamRecordView;
import io.bams3.codec.BamWriter;
import io.bams3.codec.BgzfBlockCodec;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The size of a run of records as BGZF alone: the records are written with the project's
 * {@link BamWriter} to a stream that only counts, and the header block(s) and the EOF block are
 * subtracted. This is the least a BAM-like store could transfer for them.
 */
public final class CompressedRecordSize implements AutoCloseable {
    private final Counter counter = new Counter();
    private final BamWriter writer;
    private final long headerBytes;
    private boolean closed;

    public CompressedRecordSize(BamHeader header) throws IOException {
        this.writer = new BamWriter(counter, header);
        this.headerBytes = counter.count;
    }

    public void add(BamRecordView record) throws IOException {
        writer.write(record);
    }

    /** Compressed bytes of the records added; ends the stream. */
    public long bytes() throws IOException {
        close();
        return counter.count - headerBytes - BgzfBlockCodec.EOF_BLOCK.length;
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            writer.close();
        }
    }

    /** Discards what is written and counts it. */
    private static final class Counter extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
