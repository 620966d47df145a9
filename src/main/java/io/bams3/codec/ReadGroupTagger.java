package io.bams3.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads and sets the {@code RG:Z} tag of raw BAM records (SAM/BAM spec section 4.2.4). Like
 * htslib's {@code bam_aux_get} and {@code bam_aux_update_str}, both act on the record's first
 * {@code RG} tag; unlike {@code bam_aux_update_str}, setting also replaces an RG tag of another
 * type than Z.
 */
public final class ReadGroupTagger {
    private static final int TAG_HEADER = 3; // two tag letters and the type letter

    private byte[] out = new byte[256];
    private final BamRecordView result = new BamRecordView();

    /** The record's RG value if it has an RG tag of type Z, else null. */
    public static String readGroup(BamRecordView r) {
        int p = findReadGroup(r);
        if (p < 0 || r.buffer()[p + 2] != 'Z') {
            return null;
        }
        int next = r.nextTagOffset(p);
        return new String(r.buffer(), p + TAG_HEADER, next - 1 - (p + TAG_HEADER), StandardCharsets.US_ASCII);
    }

    /**
     * The record with {@code RG:Z:{value}}: an existing RG tag (of any type) replaced in place (same
     * position among the tags), else one appended after the last tag; block_size updated. The
     * returned view is over this tagger's own buffer (grown as needed, reused) and valid until the
     * next call. The input record is not modified.
     *
     * @throws IllegalArgumentException if {@code value} is empty or has a character other than
     *     printable ASCII (space to {@code ~})
     * @throws FormatException if the record's aux fields do not parse
     */
    public BamRecordView apply(BamRecordView r, String value) {
        checkValue(value);
        byte[] in = r.buffer();
        int start = r.offset();
        int end = r.endOffset();
        int rg = findReadGroup(r);
        int before = rg < 0 ? end : rg; // bytes kept before the new tag
        int after = rg < 0 ? end : r.nextTagOffset(rg); // bytes kept after it start here
        long length = (long) (before - start) + TAG_HEADER + value.length() + 1 + (end - after);
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the record with its read group would exceed the largest array");
        }
        int total = (int) length;
        if (out.length < total) {
            out = Arrays.copyOf(out, Math.max(total, (int) Math.min(Integer.MAX_VALUE - 8, 2L * out.length)));
        }
        int q = before - start;
        System.arraycopy(in, start, out, 0, q);
        out[q++] = 'R';
        out[q++] = 'G';
        out[q++] = 'Z';
        for (int i = 0; i < value.length(); i++) {
            out[q++] = (byte) value.charAt(i);
        }
        out[q++] = 0;
        System.arraycopy(in, after, out, q, end - after);
        LittleEndian.putI32(out, 0, total - 4);
        return result.reset(out, 0);
    }

    /** Offset of the first RG tag (at its letters), or -1; throws if the aux fields do not parse. */
    private static int findReadGroup(BamRecordView r) {
        byte[] b = r.buffer();
        int end = r.endOffset();
        int p = r.tagsOffset();
        while (p < end) {
            if (p + TAG_HEADER > end) {
                throw new FormatException("malformed BAM record: truncated aux field");
            }
            int next = r.nextTagOffset(p);
            if (next > end) {
                throw new FormatException("malformed BAM record: aux fields run past block_size " + r.blockSize());
            }
            if (b[p] == 'R' && b[p + 1] == 'G') {
                return p;
            }
            p = next;
        }
        return -1;
    }

    private static void checkValue(String value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("an empty read group");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException(String.format(
                        "read group has the character U+%04X at position %d: only printable ASCII is allowed",
                        (int) c, i + 1));
            }
        }
    }
}
