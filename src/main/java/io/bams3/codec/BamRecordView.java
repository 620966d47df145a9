package io.bams3.codec;

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

    public BamRecordView() {}

    public BamRecordView(byte[] buf, int off) {
        reset(buf, off);
    }

    public BamRecordView reset(byte[] buf, int off) {
        this.buf = buf;
        this.off = off;
        return this;
    }

    public byte[] buffer() {
        return buf;
    }

    public int offset() {
        return off;
    }

    /** Bytes after the block_size field. */
    public int blockSize() {
        return i32(off);
    }
    /** Whole record including the 4-byte block_size field. */
    public int totalLength() {
        return blockSize() + 4;
    }

    public int refId() {
        return i32(off + 4);
    }

    public int pos() {
        return i32(off + 8);
    }

    public int readNameLength() {
        return u8(off + 12);
    }

    public int mapq() {
        return u8(off + 13);
    }
    /** The stored {@code bin} field (not recomputed). */
    public int bin() {
        return u16(off + 14);
    }

    public int cigarOps() {
        return u16(off + 16);
    }

    public int flag() {
        return u16(off + 18);
    }

    public int seqLength() {
        return i32(off + 20);
    }

    public int mateRefId() {
        return i32(off + 24);
    }

    public int matePos() {
        return i32(off + 28);
    }

    public int tlen() {
        return i32(off + 32);
    }

    public int readNameOffset() {
        return off + 36;
    }

    public int cigarOffset() {
        return readNameOffset() + readNameLength();
    }

    public int seqOffset() {
        return cigarOffset() + 4 * cigarOps();
    }

    public int qualOffset() {
        return seqOffset() + (seqLength() + 1) / 2;
    }

    public int tagsOffset() {
        return qualOffset() + seqLength();
    }

    public int endOffset() {
        return off + totalLength();
    }

    public boolean hasFlag(int mask) {
        return (flag() & mask) != 0;
    }

    /** Reference bases covered by the CIGAR (M, D, N, =, X). */
    public int referenceLength() {
        int n = cigarOps();
        int c = cigarOffset();
        int len = 0;
        for (int i = 0; i < n; i++) {
            int op = i32(c + 4 * i);
            switch (op & 0xf) {
                case 0, 2, 3, 7, 8 -> len += op >>> 4;
                default -> {}
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

    /**
     * Offset just past the aux field that starts at {@code p} (at its two-letter tag), for the types
     * A c C s S i I f Z H B. Not bounds-checked: a field that runs past the record (a Z/H string
     * without its NUL, an array longer than the record) gives a value greater than
     * {@link #endOffset()}, which callers walking the tags must treat as malformed or as the end.
     *
     * @throws FormatException for an unknown type letter
     */
    public int nextTagOffset(int p) {
        int end = endOffset();
        char type = (char) buf[p + 2];
        p += 3;
        return switch (type) {
            case 'A', 'c', 'C' -> p + 1;
            case 's', 'S' -> p + 2;
            case 'i', 'I', 'f' -> p + 4;
            case 'Z', 'H' -> {
                while (p < end && buf[p] != 0) p++;
                yield p + 1;
            }
            case 'B' -> {
                if (p + 5 > end) {
                    yield end + 1;
                }
                int width = switch ((char) buf[p]) {
                    case 'c', 'C' -> 1;
                    case 's', 'S' -> 2;
                    default -> 4;
                };
                long next = p + 5 + width * (i32(p + 1) & 0xffffffffL);
                yield (int) Math.min(next, end + 1L);
            }
            default -> throw new FormatException("unknown tag type '" + type + "'");
        };
    }

    /**
     * Offset of the {@code CG:B:I} (or {@code CG:B:i}) aux field, at its tag letters, that holds the
     * real CIGAR when the record's CIGAR is the {@code <l_seq>S<ref length>N} placeholder used for
     * CIGARs of more than 65535 operations; -1 when the record has no such placeholder.
     */
    public int longCigarTagOffset() {
        if (cigarOps() != 2) {
            return -1;
        }
        int first = i32(cigarOffset());
        int second = i32(cigarOffset() + 4);
        if ((first & 0xf) != 4 || (first >>> 4) != seqLength() || (second & 0xf) != 3) {
            return -1;
        }
        int end = endOffset();
        for (int p = tagsOffset(); p + 3 <= end; p = nextTagOffset(p)) {
            if (buf[p] == 'C'
                    && buf[p + 1] == 'G'
                    && buf[p + 2] == 'B'
                    && p + 3 < end
                    && (buf[p + 3] == 'I' || buf[p + 3] == 'i')) {
                return p;
            }
        }
        return -1;
    }

    /**
     * The SAM spec's {@code reg2bin} (section 5.3): the smallest bin containing the 0-based
     * half-open interval [beg, end). {@code reg2bin(-1, 0)} is 4680, the bin of unplaced reads.
     */
    public static int reg2bin(int beg, int end) {
        --end;
        if (beg >> 14 == end >> 14) return ((1 << 15) - 1) / 7 + (beg >> 14);
        if (beg >> 17 == end >> 17) return ((1 << 12) - 1) / 7 + (beg >> 17);
        if (beg >> 20 == end >> 20) return ((1 << 9) - 1) / 7 + (beg >> 20);
        if (beg >> 23 == end >> 23) return ((1 << 6) - 1) / 7 + (beg >> 23);
        if (beg >> 26 == end >> 26) return ((1 << 3) - 1) / 7 + (beg >> 26);
        return 0;
    }

    /** Checks that the variable-length fields fit inside the record; throws on a malformed record. */
    public void checkStructure() {
        int size = blockSize();
        if (size < FIXED_LENGTH || off + 4 + size > buf.length) {
            throw new FormatException("malformed BAM record: block_size " + size);
        }
        // in long arithmetic: an l_seq near 2^31 must not wrap around to a small offset
        long tags = 36L + readNameLength() + 4L * cigarOps() + (seqLength() + 1L) / 2 + seqLength();
        if (readNameLength() < 1 || seqLength() < 0 || tags > 4L + size) {
            throw new FormatException("malformed BAM record: fields exceed block_size " + size);
        }
        if (buf[cigarOffset() - 1] != 0) {
            throw new FormatException("malformed BAM record: read name is not NUL-terminated");
        }
    }

    /**
     * Checks that the aux fields after the quality string parse one after another and end exactly
     * at the end of the record; throws on a malformed record.
     */
    public void checkTags() {
        int end = endOffset();
        int p = tagsOffset();
        while (p < end) {
            if (p + 3 > end) {
                throw new FormatException("malformed BAM record: truncated aux field");
            }
            p = nextTagOffset(p);
        }
        if (p != end) {
            throw new FormatException("malformed BAM record: aux fields run past block_size " + blockSize());
        }
    }

    public int i32(int p) {
        return LittleEndian.i32(buf, p);
    }

    public int u16(int p) {
        return LittleEndian.u16(buf, p);
    }

    public int u8(int p) {
        return buf[p] & 0xff;
    }
}
