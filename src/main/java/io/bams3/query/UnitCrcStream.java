package io.bams3.query;

import io.bams3.codec.FormatException;
import io.bams3.format.BlockIndex;
import io.bams3.format.DatasetMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32C;

/**
 * The stored bytes of a chunk read, checked unit by unit against the CRC32C values of the chunk's
 * block index (version 2, format version 3) as they pass: the bytes that complete a unit are not
 * handed on before the unit's CRC32C has matched, so a damaged unit is an error whatever decodes
 * the stream, and a unit passed on undecoded is checked all the same. Skipped bytes are read (the
 * default of {@link InputStream#skip}), so they are checked too. A stream that ends early is left
 * for the decoder to report.
 */
final class UnitCrcStream extends InputStream {
    private final InputStream in;
    private final BlockIndex units;
    private final long chunkBytes;
    private final String source;
    private final CRC32C crc = new CRC32C();
    private int unit;
    private long position;
    private long unitEnd;

    private UnitCrcStream(ChunkRead read, InputStream in, String source) {
        this.in = in;
        this.units = read.units();
        this.chunkBytes = read.chunk().bytes();
        this.source = source;
        this.position = read.range().from();
        int i = read.firstUnit();
        this.unit = i;
        this.unitEnd = units.offsets()[i] + units.unitBytes(i, chunkBytes);
    }

    /** {@code in} checked unit by unit where the read has unit checks; {@code in} itself otherwise. */
    static InputStream of(ChunkRead read, InputStream in, String source) {
        return read.units() == null ? in : new UnitCrcStream(read, in, source);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        // never past the end of the current unit, so its check comes before its last byte is handed on
        int n = in.read(b, off, (int) Math.min(len, Math.max(1, unitEnd - position)));
        if (n <= 0) {
            return n;
        }
        crc.update(b, off, n);
        position += n;
        if (position == unitEnd) {
            int got = (int) crc.getValue();
            if (got != units.crc32c()[unit]) {
                throw new FormatException(source + ": unit " + unit + " fails its CRC32C check (expected "
                        + DatasetMetadata.hex(units.crc32c()[unit]) + ", got " + DatasetMetadata.hex(got) + ")");
            }
            crc.reset();
            unit++;
            unitEnd = unit < units.size() ? unitEnd + units.unitBytes(unit, chunkBytes) : Long.MAX_VALUE;
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
