package io.bams3.codec;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads raw BAM records (block_size + body) one after another from a decompressed stream into a
 * reusable buffer. The stream must end exactly at a record boundary: a short record is an error.
 */
public final class RecordStreamReader {
    /** The largest block_size accepted (1 GiB), as htslib. */
    public static final int MAX_BLOCK_SIZE = 1 << 30;

    private final InputStream in;
    private final String source;
    private byte[] buf = new byte[1 << 16];
    private final BamRecordView view = new BamRecordView();

    public RecordStreamReader(InputStream in) {
        this(in, "BAM record stream");
    }

    /** A reader whose errors name {@code source} (an object key, a unit). */
    public RecordStreamReader(InputStream in, String source) {
        this.in = in;
        this.source = source;
    }

    /** {@code size}, if it is a block_size a record can have; else a FormatException naming {@code source}. */
    public static int checkBlockSize(int size, String source) {
        if (size < BamRecordView.FIXED_LENGTH || size > MAX_BLOCK_SIZE) {
            throw new FormatException(source + ": malformed BAM record: block_size " + size);
        }
        return size;
    }

    /** The next record, or null at a clean end of stream. The view is valid until the next call. */
    public BamRecordView next() throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        buf[0] = (byte) first;
        readFully(buf, 1, 3);
        int size = checkBlockSize(view.reset(buf, 0).blockSize(), source);
        readBody(size + 4);
        try {
            view.reset(buf, 0).checkStructure();
        } catch (FormatException e) {
            throw new FormatException(source + ": " + e.getMessage(), e);
        }
        return view;
    }

    /**
     * Reads the record up to {@code total} bytes. The buffer grows (doubling) only as bytes arrive,
     * never to the claimed size up front: a block_size that lies costs at most about twice the
     * bytes the stream really holds.
     */
    private void readBody(int total) throws IOException {
        int have = 4;
        while (have < total) {
            if (have == buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(total, 2L * buf.length));
            }
            int n = in.read(buf, have, Math.min(total, buf.length) - have);
            if (n < 0) {
                throw new EOFException("truncated BAM record");
            }
            have += n;
        }
    }

    private void readFully(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = in.read(b, off, len);
            if (n < 0) {
                throw new EOFException("truncated BAM record");
            }
            off += n;
            len -= n;
        }
    }
}
