package io.bams3.testing;

import htsjdk.samtools.GenomicIndexUtil;
import htsjdk.samtools.util.BlockCompressedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes a BAM field by field (little-endian, BGZF, with the end-of-file block): headers with any
 * number of references without building them in memory, and headers whose sizes lie, which no
 * library would write.
 */
public final class RawBam implements AutoCloseable {
    private final OutputStream out;

    private RawBam(OutputStream out) {
        this.out = out;
    }

    public static RawBam create(Path file) {
        return new RawBam(new BlockCompressedOutputStream(file.toFile(), 1));
    }

    public RawBam bytes(byte[] b) {
        try {
            out.write(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public RawBam ascii(String s) {
        return bytes(s.getBytes(StandardCharsets.US_ASCII));
    }

    public RawBam int32(int v) {
        return bytes(new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)});
    }

    /** Magic and header text (l_text is the text's length). */
    public RawBam magicAndText(String text) {
        ascii("BAM\1");
        int32(text.length());
        return ascii(text);
    }

    /** One binary reference entry: l_name, the NUL-terminated name, l_ref. */
    public RawBam reference(String name, int length) {
        int32(name.length() + 1);
        ascii(name);
        bytes(new byte[1]);
        return int32(length);
    }

    /** A mapped read {@code name} with CIGAR 10M at 0-based {@code pos} on reference {@code ref}. */
    public RawBam record(int ref, int pos, String name) {
        int lName = name.length() + 1;
        int lSeq = 10;
        int blockSize = 32 + lName + 4 + (lSeq + 1) / 2 + lSeq;
        int32(blockSize);
        int32(ref);
        int32(pos);
        int bin = GenomicIndexUtil.regionToBin(pos, pos + lSeq);
        int32(lName | 60 << 8 | bin << 16); // l_read_name, mapq, bin
        int32(1); // n_cigar_op 1, flag 0
        int32(lSeq);
        int32(-1); // next_refID
        int32(-1); // next_pos
        int32(0); // tlen
        ascii(name);
        bytes(new byte[1]);
        int32(lSeq << 4); // 10M
        bytes(new byte[] {0x12, 0x48, 0x12, 0x48, 0x12}); // ACGTACGTAC
        return bytes(new byte[] {30, 30, 30, 30, 30, 30, 30, 30, 30, 30});
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
