package io.bams3.codec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * BGZF (SAM spec section 4.1) blocks written so that each block starts at a record boundary: the
 * assembler hands over whole records, at most {@link #MAX_BLOCK_DATA} bytes per block, as htslib
 * does. A record larger than that continues over as many blocks as it needs.
 */
public final class BgzfBlockCodec implements BlockCodec {
    /** Uncompressed bytes per BGZF block, as htslib's BGZF_BLOCK_SIZE. */
    public static final int MAX_BLOCK_DATA = 0xff00;
    /** The 28-byte empty block that terminates a BGZF file. */
    public static final byte[] EOF_BLOCK = Bgzf.eofBlock();

    private static final int HEADER = Bgzf.BLOCK_HEADER_LENGTH;
    private static final int FOOTER = Bgzf.BLOCK_FOOTER_LENGTH;
    private static final int MAX_BLOCK = Bgzf.MAX_COMPRESSED_BLOCK_SIZE;

    private final int level;
    private final ThreadLocal<Deflater> deflaters;
    private final ThreadLocal<Deflater> storers =
            ThreadLocal.withInitial(() -> new Deflater(Deflater.NO_COMPRESSION, true));

    public BgzfBlockCodec() {
        this(Deflater.DEFAULT_COMPRESSION);
    }

    public BgzfBlockCodec(int level) {
        this.level = level;
        this.deflaters = ThreadLocal.withInitial(() -> new Deflater(this.level, true));
    }

    @Override
    public int targetUncompressedSize() {
        return MAX_BLOCK_DATA;
    }

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
        Bgzf.putPreamble(out);
        LittleEndian.putU16(out, Bgzf.BLOCK_LENGTH_OFFSET, total - 1);
        CRC32 crc = new CRC32();
        crc.update(data, off, len);
        LittleEndian.putI32(out, HEADER + deflated, (int) crc.getValue());
        LittleEndian.putI32(out, HEADER + deflated + 4, len);
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

    /** Inflates consecutive BGZF blocks, checking each block's CRC32 and length. */
    private static final class BlockStream extends InputStream {
        private final BgzfBlockReader blocks;
        private int pos;
        private int limit;

        BlockStream(InputStream in, String source) {
            this.blocks = new BgzfBlockReader(in, source);
        }

        private boolean fill() throws IOException {
            while (pos >= limit) {
                if (!blocks.next()) {
                    return false;
                }
                pos = 0;
                limit = blocks.dataLength();
            }
            return true;
        }

        @Override
        public int read() throws IOException {
            return fill() ? blocks.data()[pos++] & 0xff : -1;
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
            System.arraycopy(blocks.data(), pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public void close() throws IOException {
            blocks.close();
        }
    }
}
