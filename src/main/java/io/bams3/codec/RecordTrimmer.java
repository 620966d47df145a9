package io.bams3.codec;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Rewrites raw BAM records for htsget's {@code fields}, {@code tags} and {@code notags} parameters.
 *
 * <p>A field that is not selected gets the SAM "unavailable" value (SAM/BAM spec section 4.2):
 * QNAME {@code *}, FLAG 0, RNAME and RNEXT refID -1, POS and PNEXT -1, MAPQ 255, CIGAR with no
 * operations, TLEN 0, SEQ with {@code l_seq} 0 (which also removes QUAL: BAM has no QUAL without
 * SEQ), and QUAL with SEQ kept as all {@code 0xFF} bytes. Kept fields are copied byte for byte.
 *
 * <p>An aux field is kept iff {@code (keepTags == null || keepTags.contains(tag)) &&
 * !dropTags.contains(tag)}; kept ones stay in their original order with their original types and
 * bytes. One exception: a record whose CIGAR has more than 65535 operations stores it as a
 * {@code kSmN} placeholder plus a {@code CG:B:I} field ({@link BamRecordView#longCigarTagOffset()});
 * that CG field is treated as part of the CIGAR, kept whenever CIGAR is kept (whatever the tag
 * filters say) and dropped with it. The placeholder itself is kept as is, also when SEQ is dropped
 * (htsjdk still reads the real CIGAR from CG then; htslib shows the placeholder and the CG tag).
 *
 * <p>{@code bin} is recomputed when FLAG, POS or CIGAR is dropped (otherwise the fields it depends
 * on are unchanged and the stored value is kept): {@code reg2bin(pos, end)} with {@code end} as
 * htslib's {@code bam_endpos} on the rewritten record (pos + reference length of the CIGAR, or
 * pos + 1 when the read is unmapped or the CIGAR consumes no reference), and 4680
 * ({@code reg2bin(-1, 0)}) when pos is -1. {@code block_size} is always updated.
 *
 * <p>Not thread-safe: {@link #apply} writes into one reusable buffer owned by this instance and
 * returns the same view object each time; the result is valid only until the next call. Use one
 * instance per thread (construction is cheap).
 */
public final class RecordTrimmer {
    /** {@code reg2bin(-1, 0)}: the bin of a record without a position. */
    public static final int UNPLACED_BIN = 4680;

    private static final int TAG_CODES = 1 << 16;

    private final Set<SamField> fields;
    private final boolean keepQname;
    private final boolean keepFlag;
    private final boolean keepRname;
    private final boolean keepPos;
    private final boolean keepMapq;
    private final boolean keepCigar;
    private final boolean keepRnext;
    private final boolean keepPnext;
    private final boolean keepTlen;
    private final boolean keepSeq;
    private final boolean keepQual;
    /** Tag code {@code first << 8 | second} -> allowed by the tag filters. */
    private final BitSet allowedTags;

    private final boolean tagsFiltered;
    private final boolean recomputeBin;
    private final boolean identity;

    private byte[] out = new byte[1 << 12];
    private final BamRecordView view = new BamRecordView();

    /**
     * @param fields   the fields to keep; {@code EnumSet.allOf(SamField.class)} keeps them all
     * @param keepTags the only tags to keep, or null to keep every tag (an empty set keeps none)
     * @param dropTags tags to remove (applied after {@code keepTags}); null or empty removes none.
     *                 Names are case-sensitive; a name that is not two 8-bit characters matches
     *                 no tag.
     */
    public RecordTrimmer(Set<SamField> fields, Set<String> keepTags, Set<String> dropTags) {
        Objects.requireNonNull(fields, "fields");
        EnumSet<SamField> f = EnumSet.noneOf(SamField.class);
        f.addAll(fields);
        this.fields = Collections.unmodifiableSet(f);
        keepQname = f.contains(SamField.QNAME);
        keepFlag = f.contains(SamField.FLAG);
        keepRname = f.contains(SamField.RNAME);
        keepPos = f.contains(SamField.POS);
        keepMapq = f.contains(SamField.MAPQ);
        keepCigar = f.contains(SamField.CIGAR);
        keepRnext = f.contains(SamField.RNEXT);
        keepPnext = f.contains(SamField.PNEXT);
        keepTlen = f.contains(SamField.TLEN);
        keepSeq = f.contains(SamField.SEQ);
        keepQual = f.contains(SamField.QUAL);

        allowedTags = new BitSet(TAG_CODES);
        if (keepTags == null) {
            allowedTags.set(0, TAG_CODES);
        } else {
            for (String tag : keepTags) {
                int code = tagCode(tag);
                if (code >= 0) {
                    allowedTags.set(code);
                }
            }
        }
        if (dropTags != null) {
            for (String tag : dropTags) {
                int code = tagCode(tag);
                if (code >= 0) {
                    allowedTags.clear(code);
                }
            }
        }
        tagsFiltered = allowedTags.cardinality() != TAG_CODES;
        recomputeBin = !(keepFlag && keepPos && keepCigar);
        identity = f.size() == SamField.values().length && !tagsFiltered;
    }

    /** The fields kept (unmodifiable). */
    public Set<SamField> fields() {
        return fields;
    }

    /** True when {@link #apply} would change no record; it then returns its argument. */
    public boolean isIdentity() {
        return identity;
    }

    /**
     * The record rewritten for the selection: {@code r} itself when {@link #isIdentity()}, otherwise
     * a view over this instance's buffer, valid until the next call. {@code r} must be structurally
     * valid ({@link BamRecordView#checkStructure()}); it is not modified.
     *
     * @throws FormatException if an aux field has an unknown type or runs past the record's end
     */
    public BamRecordView apply(BamRecordView r) {
        if (identity) {
            return r;
        }
        byte[] b = r.buffer();
        int end = r.endOffset();
        // the CG field of a long-CIGAR placeholder follows CIGAR, not the tag filters
        int cgTag = keepCigar && !tagsFiltered ? -1 : r.longCigarTagOffset();

        int nameLength = keepQname ? r.readNameLength() : 2;
        int cigarOps = keepCigar ? r.cigarOps() : 0;
        int seqLength = keepSeq ? r.seqLength() : 0;
        ensureCapacity(r.totalLength() + 2); // "*" may be one byte longer than the name
        byte[] o = out;

        LittleEndian.putI32(o, 4, keepRname ? r.refId() : -1);
        LittleEndian.putI32(o, 8, keepPos ? r.pos() : -1);
        o[12] = (byte) nameLength;
        o[13] = (byte) (keepMapq ? r.mapq() : 255);
        LittleEndian.putU16(o, 14, r.bin());
        LittleEndian.putU16(o, 16, cigarOps);
        LittleEndian.putU16(o, 18, keepFlag ? r.flag() : 0);
        LittleEndian.putI32(o, 20, seqLength);
        LittleEndian.putI32(o, 24, keepRnext ? r.mateRefId() : -1);
        LittleEndian.putI32(o, 28, keepPnext ? r.matePos() : -1);
        LittleEndian.putI32(o, 32, keepTlen ? r.tlen() : 0);
        int p = 4 + BamRecordView.FIXED_LENGTH;

        if (keepQname) {
            System.arraycopy(b, r.readNameOffset(), o, p, nameLength);
        } else {
            o[p] = '*';
            o[p + 1] = 0;
        }
        p += nameLength;
        if (cigarOps > 0) {
            System.arraycopy(b, r.cigarOffset(), o, p, 4 * cigarOps);
            p += 4 * cigarOps;
        }
        if (seqLength > 0) {
            int seqBytes = (seqLength + 1) / 2;
            System.arraycopy(b, r.seqOffset(), o, p, seqBytes);
            p += seqBytes;
            if (keepQual) {
                System.arraycopy(b, r.qualOffset(), o, p, seqLength);
            } else {
                Arrays.fill(o, p, p + seqLength, (byte) 0xff);
            }
            p += seqLength;
        }

        int t = r.tagsOffset();
        if (!tagsFiltered && cgTag < 0) {
            System.arraycopy(b, t, o, p, end - t);
            p += end - t;
        } else {
            while (t < end) {
                if (t + 3 > end) {
                    throw new FormatException("malformed BAM record: truncated aux field");
                }
                int next = r.nextTagOffset(t);
                if (next > end) {
                    throw new FormatException("malformed BAM record: aux field " + (char) b[t] + (char) b[t + 1]
                            + " runs past the end of the record");
                }
                boolean keep = t == cgTag ? keepCigar : allowedTags.get((b[t] & 0xff) << 8 | (b[t + 1] & 0xff));
                if (keep) {
                    System.arraycopy(b, t, o, p, next - t);
                    p += next - t;
                }
                t = next;
            }
        }
        LittleEndian.putI32(o, 0, p - 4);
        view.reset(o, 0);
        if (recomputeBin) {
            LittleEndian.putU16(o, 14, bin(view));
        }
        return view;
    }

    /** The spec's bin of a record: reg2bin(pos, bam_endpos), or 4680 without a position. */
    static int bin(BamRecordView r) {
        int pos = r.pos();
        return pos < 0 ? UNPLACED_BIN : BamRecordView.reg2bin(pos, r.end()) & 0xffff;
    }

    private static int tagCode(String tag) {
        if (tag == null || tag.length() != 2 || tag.charAt(0) > 0xff || tag.charAt(1) > 0xff) {
            return -1;
        }
        return tag.charAt(0) << 8 | tag.charAt(1);
    }

    private void ensureCapacity(int n) {
        if (out.length < n) {
            out = new byte[(int) Math.max(n, Math.min(Integer.MAX_VALUE - 8, 2L * out.length))];
        }
    }
}
