package io.bams3.format;

import htsjdk.samtools.util.BlockCompressedStreamConstants;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * BGZF (SAM spec section 4.1) blocks written so that each block starts at a record boundary: the
 * assembler hands over whole records, at most {@link #MAX_BLOCK_DATA} bytes per block, as htslib
 * does. A record larger than that continues over as many blocks as it needs.
 */
public final class BgzfBlockCodec implements BlockCodec {
    /** Uncompressed bytes per BGZF block, as htslib's BGZF_BLOCK_SIZE. */
    public static final int MAX_BLOCK_DATA = 0xff00;
    /** The 28-byte empty block that terminates a BGZF file. */
    public static final byte[] EOF_BLOCK = BlockCompressedStreamConstants.EMPTY_GZIP_BLOCK.clone();

    private static final int HEADER = BlockCompressedStreamConstants.BLOCK_HEADER_LENGTH;
    private static final int FOOTER = BlockCompressedStreamConstants.BLOCK_FOOTER_LENGTH;
    private static final int MAX_BLOCK = BlockCompressedStreamConstants.MAX_COMPRESSED_BLOCK_SIZE;

    private final int level;
    private final ThreadLocal<Deflater> deflaters;
    private final ThreadLocal<Deflater> storers = ThreadLocal.withInitial(() -> new Deflater(Deflater.NO_COMPRESSION, true));

    public BgzfBlockCodec() { this(Deflater.DEFAULT_COMPRESSION); }

    public BgzfBlockCodec(int level) {
        this.level = level;
        this.deflaters = ThreadLocal.withInitial(() -> new Deflater(this.level, true));
    }

    @Override
    public int targetUncompressedSize() { return MAX_BLOCK_DATA; }

    @Override
    public byte[] compress(byte[] data, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, length / 3));
        byte[] scratch = new byte[MAX_BLOCK];
        for (int p = 0; p < length; p += MAX_BLOCK_DATA) {
            int n = Math.min(MAX_BLOCK_DATA, length - p);
            int size = block(data, p, n, scratch, deflaters.get());
            if (size < 0) {
                size = block(data, p, n, scratch, storers.get());
            }
            out.write(scratch, 0, size);
        }
        return out.toByteArray();
    }

    /** Writes one BGZF block into {@code out}; returns its size, or -1 if it did not fit. */
    private static int block(byte[] data, int off, int len, byte[] out, Deflater deflater) {
        deflater.reset();
        deflater.setInput(data, off, len);
        deflater.finish();
        int room = MAX_BLOCK - HEADER - FOOTER;
        int deflated = deflater.deflate(out, HEADER, room);
        if (!deflater.finished()) {
            return -1;
        }
        int total = HEADER + deflated + FOOTER;
        System.arraycopy(BlockCompressedStreamConstants.GZIP_BLOCK_PREAMBLE, 0, out, 0,
                BlockCompressedStreamConstants.GZIP_BLOCK_PREAMBLE.length);
        putU16(out, BlockCompressedStreamConstants.BLOCK_LENGTH_OFFSET, total - 1);
        CRC32 crc = new CRC32();
        crc.update(data, off, len);
        putI32(out, HEADER + deflated, (int) crc.getValue());
        putI32(out, HEADER + deflated + 4, len);
        return total;
    }

    @Override
    public InputStream decompress(InputStream compressed, String source) {
        return new BlockStream(compressed, source);
    }

    /** Writes a complete BGZF stream of {@code data} (no EOF block) to {@code out}. */
    public void write(byte[] data, int length, OutputStream out) throws IOException {
        out.write(compress(data, length));
    }

    private static void putU16(byte[] b, int p, int v) {
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >>> 8);
    }

    private static void putI32(byte[] b, int p, int v) {
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >>> 8);
        b[p + 2] = (byte) (v >>> 16);
        b[p + 3] = (byte) (v >>> 24);
    }

    /** Inflates consecutive BGZF blocks, checking each block's CRC32 and length. */
    private static final class BlockStream extends InputStream {
        private final InputStream in;
        private final String source;
        private final Inflater inflater = new Inflater(true);
        private final CRC32 crc = new CRC32();
        private final byte[] compressed = new byte[MAX_BLOCK];
        private final byte[] block = new byte[MAX_BLOCK];
        private int pos;
        private int limit;
        private long blockOffset;
        private boolean done;

        BlockStream(InputStream in, String source) {
            this.in = in;
            this.source = source;
        }

        private boolean fill() throws IOException {
            while (pos >= limit) {
                if (done) {
                    return false;
                }
                int first = in.read();
                if (first < 0) {
                    done = true;
                    return false;
                }
                compressed[0] = (byte) first;
                readFully(compressed, 1, HEADER - 1);
                if (compressed[0] != BlockCompressedStreamConstants.GZIP_ID1
                        || (compressed[1] & 0xff) != BlockCompressedStreamConstants.GZIP_ID2
                        || compressed[12] != BlockCompressedStreamConstants.BGZF_ID1
                        || compressed[13] != BlockCompressedStreamConstants.BGZF_ID2) {
                    throw new FormatException(source + ": not a BGZF block at offset " + blockOffset);
                }
                int size = ((compressed[16] & 0xff) | (compressed[17] & 0xff) << 8) + 1;
                if (size < HEADER + FOOTER) {
                    throw new FormatException(source + ": bad BGZF block size at offset " + blockOffset);
                }
                readFully(compressed, HEADER, size - HEADER);
                limit = inflate(size);
                pos = 0;
                blockOffset += size;
            }
            return true;
        }

        private int inflate(int size) {
            int expected = i32(compressed, size - 4);
            int expectedCrc = i32(compressed, size - 8);
            if (expected < 0 || expected > block.length) {
                throw new FormatException(source + ": bad BGZF block length at offset " + blockOffset);
            }
            inflater.reset();
            inflater.setInput(compressed, HEADER, size - HEADER - FOOTER);
            int n;
            try {
                n = inflater.inflate(block, 0, expected);
            } catch (DataFormatException e) {
                throw new FormatException(source + ": corrupt BGZF block at offset " + blockOffset, e);
            }
            crc.reset();
            crc.update(block, 0, n);
            if (n != expected || (expected > 0 && !inflater.finished()) || (int) crc.getValue() != expectedCrc) {
                throw new FormatException(source + ": BGZF block at offset " + blockOffset + " fails its CRC32 check");
            }
            return n;
        }

        private static int i32(byte[] b, int p) {
            return (b[p] & 0xff) | (b[p + 1] & 0xff) << 8 | (b[p + 2] & 0xff) << 16 | (b[p + 3] & 0xff) << 24;
        }

        private void readFully(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                int n = in.read(b, off, len);
                if (n < 0) {
                    throw new FormatException(source + ": truncated BGZF block at offset " + blockOffset,
                            new EOFException());
                }
                off += n;
                len -= n;
            }
        }

        @Override
        public int read() throws IOException {
            return fill() ? block[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, limit - pos);
            System.arraycopy(block, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public void close() throws IOException {
            inflater.end();
            in.close();
        }
    }
}
