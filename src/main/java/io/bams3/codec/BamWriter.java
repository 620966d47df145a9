package io.bams3.codec;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Writes a BAM file: the header in its own BGZF block(s), then records packed into blocks that
 * each start at a record boundary, then the EOF block. Streams; holds one block in memory.
 */
public final class BamWriter implements AutoCloseable {
    private final OutputStream out;
    private final BgzfBlockCodec codec = new BgzfBlockCodec();
    private byte[] buf = new byte[BgzfBlockCodec.MAX_BLOCK_DATA];
    private int length;
    private boolean closed;

    private final boolean eof;

    public BamWriter(OutputStream out, BamHeader header) throws IOException {
        this(out, true);
        byte[] h = header.toBamBytes();
        codec.write(h, h.length, out);
    }

    private BamWriter(OutputStream out, boolean eof) {
        this.out = out;
        this.eof = eof;
    }

    /**
     * A writer of record blocks only: no header and no EOF block, for a part of a BAM whose
     * header and EOF come from elsewhere (an htsget ticket's inline blocks).
     */
    public static BamWriter recordsOnly(OutputStream out) {
        return new BamWriter(out, false);
    }

    /** The BGZF block(s) of a header, as the start of a BAM. */
    public static byte[] headerBlocks(BamHeader header) {
        byte[] h = header.toBamBytes();
        return new BgzfBlockCodec().compress(h, h.length);
    }

    public void write(BamRecordView r) throws IOException {
        int n = r.totalLength();
        if (length > 0 && length + n > BgzfBlockCodec.MAX_BLOCK_DATA) {
            flushBlock();
        }
        if (length + n > buf.length) {
            buf = Arrays.copyOf(buf, length + n);
        }
        System.arraycopy(r.buffer(), r.offset(), buf, length, n);
        length += n;
        if (length >= BgzfBlockCodec.MAX_BLOCK_DATA) {
            flushBlock();
        }
    }

    /**
     * Ends the pending block and writes {@code len} bytes of already compressed BGZF blocks from
     * {@code blocks[off]} as they are; they must start at a record boundary and end at one.
     */
    public void writeBlocks(byte[] blocks, int off, int len) throws IOException {
        flushBlock();
        out.write(blocks, off, len);
    }

    private void flushBlock() throws IOException {
        if (length > 0) {
            codec.write(buf, length, out);
            length = 0;
        }
    }

    /** Writes the pending block and the EOF marker (unless records-only) and flushes; the stream stays open. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        flushBlock();
        if (eof) {
            out.write(BgzfBlockCodec.EOF_BLOCK);
        }
        out.flush();
    }
}
