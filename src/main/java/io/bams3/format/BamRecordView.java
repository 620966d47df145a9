package io.bams3.format;

/**
 * Read-only view of one raw BAM alignment record inside a byte array, starting at its
 * {@code block_size} field (SAM/BAM spec section 4.2). Positions are 0-based; {@link #end()} is
 * exclusive and follows htslib's {@code bam_endpos}: the reference span of the CIGAR, or one base
 * for an unmapped read or a CIGAR that consumes no reference.
 */
public final class BamRecordView {
    public static final int FLAG_PAIRED = 0x1;
    public static final int FLAG_PROPER_PAIR = 0x2;
    public static final int FLAG_UNMAPPED = 0x4;
    public static final int FLAG_MATE_UNMAPPED = 0x8;
    public static final int FLAG_READ1 = 0x40;
    public static final int FLAG_READ2 = 0x80;
    public static final int FLAG_SECONDARY = 0x100;
    public static final int FLAG_QC_FAIL = 0x200;
    public static final int FLAG_DUPLICATE = 0x400;
    public static final int FLAG_SUPPLEMENTARY = 0x800;

    /** Fixed part of a record after block_size: refID .. tlen. */
    public static final int FIXED_LENGTH = 32;

    private byte[] buf;
    private int off;

    public BamRecordView() { }

    public BamRecordView(byte[] buf, int off) { reset(buf, off); }

    public BamRecordView reset(byte[] buf, int off) {
        this.buf = buf;
        this.off = off;
        return this;
    }

    public byte[] buffer() { return buf; }
    public int offset() { return off; }

    /** Bytes after the block_size field. */
    public int blockSize() { return i32(off); }
    /** Whole record including the 4-byte block_size field. */
    public int totalLength() { return blockSize() + 4; }
    public int refId() { return i32(off + 4); }
    public int pos() { return i32(off + 8); }
    public int readNameLength() { return u8(off + 12); }
    public int mapq() { return u8(off + 13); }
    public int cigarOps() { return u16(off + 16); }
    public int flag() { return u16(off + 18); }
    public int seqLength() { return i32(off + 20); }
    public int mateRefId() { return i32(off + 24); }
    public int matePos() { return i32(off + 28); }
    public int tlen() { return i32(off + 32); }

    public int readNameOffset() { return off + 36; }
    public int cigarOffset() { return readNameOffset() + readNameLength(); }
    public int seqOffset() { return cigarOffset() + 4 * cigarOps(); }
    public int qualOffset() { return seqOffset() + (seqLength() + 1) / 2; }
    public int tagsOffset() { return qualOffset() + seqLength(); }
    public int endOffset() { return off + totalLength(); }

    public boolean hasFlag(int mask) { return (flag() & mask) != 0; }

    /** Reference bases covered by the CIGAR (M, D, N, =, X). */
    public int referenceLength() {
        int n = cigarOps();
        int c = cigarOffset();
        int len = 0;
        for (int i = 0; i < n; i++) {
            int op = i32(c + 4 * i);
            switch (op & 0xf) {
                case 0, 2, 3, 7, 8 -> len += op >>> 4;
                default -> { }
            }
        }
        return len;
    }

    /** Exclusive 0-based end used for region overlap, as htslib's bam_endpos. */
    public int end() {
        int rlen = hasFlag(FLAG_UNMAPPED) ? 0 : referenceLength();
        return pos() + (rlen == 0 ? 1 : rlen);
    }

    /** True if this record overlaps the 0-based half-open interval [beg, end) on its reference. */
    public boolean overlaps(int beg, int end) {
        return pos() < end && end() > beg;
    }

    /** Checks that the variable-length fields fit inside the record; throws on a malformed record. */
    public void checkStructure() {
        int size = blockSize();
        if (size < FIXED_LENGTH || off + 4 + size > buf.length) {
            throw new FormatException("malformed BAM record: block_size " + size);
        }
        if (readNameLength() < 1 || seqLength() < 0 || tagsOffset() > endOffset()) {
            throw new FormatException("malformed BAM record: fields exceed block_size " + size);
        }
    }

    public int i32(int p) {
        return (buf[p] & 0xff) | (buf[p + 1] & 0xff) << 8 | (buf[p + 2] & 0xff) << 16 | (buf[p + 3] & 0xff) << 24;
    }

    public int u16(int p) { return (buf[p] & 0xff) | (buf[p + 1] & 0xff) << 8; }

    public int u8(int p) { return buf[p] & 0xff; }
}
