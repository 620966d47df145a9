package io.bams3.format;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads raw BAM records (block_size + body) one after another from a decompressed stream into a
 * reusable buffer. The stream must end exactly at a record boundary: a short record is an error.
 */
public final class RecordStreamReader {
    private final InputStream in;
    private byte[] buf = new byte[1 << 16];
    private final BamRecordView view = new BamRecordView();

    public RecordStreamReader(InputStream in) { this.in = in; }

    /** The next record, or null at a clean end of stream. The view is valid until the next call. */
    public BamRecordView next() throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        buf[0] = (byte) first;
        readFully(buf, 1, 3);
        int size = view.reset(buf, 0).blockSize();
        if (size < BamRecordView.FIXED_LENGTH || size > (1 << 30)) {
            throw new FormatException("malformed BAM record: block_size " + size);
        }
        if (buf.length < size + 4) {
            buf = Arrays.copyOf(buf, Math.max(size + 4, buf.length * 2));
            view.reset(buf, 0);
        }
        readFully(buf, 4, size);
        view.checkStructure();
        return view;
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
