package io.bams3.codec;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads BGZF blocks one at a time, keeping both the compressed block and its inflated content;
 * checks every block's header, CRC32 and length. Not thread-safe; reuses its buffers.
 */
public final class BgzfBlockReader implements AutoCloseable {
    private static final int HEADER = Bgzf.BLOCK_HEADER_LENGTH;
    private static final int FOOTER = Bgzf.BLOCK_FOOTER_LENGTH;
    private static final int MAX_BLOCK = Bgzf.MAX_COMPRESSED_BLOCK_SIZE;

    private final InputStream in;
    private final String source;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final byte[] compressed = new byte[MAX_BLOCK];
    private final byte[] data = new byte[MAX_BLOCK];
    private int compressedLength;
    private int dataLength;
    private long blockOffset;
    private long nextOffset;

    public BgzfBlockReader(InputStream in, String source) {
        this.in = in;
        this.source = source;
    }

    /** Reads the next block; false at a clean end of the stream (between blocks). */
    public boolean next() throws IOException {
        blockOffset = nextOffset;
        int first = in.read();
        if (first < 0) {
            return false;
        }
        compressed[0] = (byte) first;
        readFully(1, HEADER - 1);
        if (compressed[0] != Bgzf.GZIP_ID1
                || (compressed[1] & 0xff) != Bgzf.GZIP_ID2
                || compressed[12] != Bgzf.BGZF_ID1
                || compressed[13] != Bgzf.BGZF_ID2) {
            throw new FormatException(source + ": not a BGZF block at offset " + blockOffset);
        }
        int size = LittleEndian.u16(compressed, 16) + 1;
        if (size < HEADER + FOOTER) {
            throw new FormatException(source + ": bad BGZF block size at offset " + blockOffset);
        }
        readFully(HEADER, size - HEADER);
        compressedLength = size;
        dataLength = inflate(size);
        nextOffset = blockOffset + size;
        return true;
    }

    public byte[] compressed() {
        return compressed;
    }

    public int compressedLength() {
        return compressedLength;
    }

    public byte[] data() {
        return data;
    }

    public int dataLength() {
        return dataLength;
    }
    /** Offset of the current block in the stream. */
    public long blockOffset() {
        return blockOffset;
    }

    private int inflate(int size) {
        int expected = LittleEndian.i32(compressed, size - 4);
        int expectedCrc = LittleEndian.i32(compressed, size - 8);
        if (expected < 0 || expected > data.length) {
            throw new FormatException(source + ": bad BGZF block length at offset " + blockOffset);
        }
        inflater.reset();
        inflater.setInput(compressed, HEADER, size - HEADER - FOOTER);
        int n;
        try {
            n = inflater.inflate(data, 0, expected);
        } catch (DataFormatException e) {
            throw new FormatException(source + ": corrupt BGZF block at offset " + blockOffset, e);
        }
        crc.reset();
        crc.update(data, 0, n);
        if (n != expected || (expected > 0 && !inflater.finished()) || (int) crc.getValue() != expectedCrc) {
            throw new FormatException(source + ": BGZF block at offset " + blockOffset + " fails its CRC32 check");
        }
        return n;
    }

    private void readFully(int off, int len) throws IOException {
        while (len > 0) {
            int n = in.read(compressed, off, len);
            if (n < 0) {
                throw new FormatException(
                        source + ": truncated BGZF block at offset " + blockOffset, new EOFException());
            }
            off += n;
            len -= n;
        }
    }

    @Override
    public void close() throws IOException {
        inflater.end();
        in.close();
    }
}
