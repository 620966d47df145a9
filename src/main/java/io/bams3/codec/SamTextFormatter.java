package io.bams3.codec;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Formats raw BAM records as SAM text lines the way samtools/htslib prints them: integer tags of
 * every width as {@code i}, floats (and float arrays) as C's {@code %g}, array element types kept,
 * and a CIGAR of more than 65535 operations (stored as a {@code kSmN} placeholder plus a
 * {@code CG:B:I} or {@code CG:B:i} tag, as htslib accepts) printed in full with the CG tag left out.
 */
public final class SamTextFormatter {
    private static final char[] CIGAR_OPS = "MIDNSHP=X".toCharArray();
    private static final char[] BASES = "=ACMGRSVTWYHKDBN".toCharArray();

    private final List<BamHeader.Reference> refs;

    public SamTextFormatter(List<BamHeader.Reference> refs) {
        this.refs = refs;
    }

    /** Appends one SAM line, without the trailing newline. */
    public void format(BamRecordView r, StringBuilder sb) {
        byte[] b = r.buffer();
        int nameOff = r.readNameOffset();
        sb.append(new String(b, nameOff, r.readNameLength() - 1, StandardCharsets.US_ASCII))
                .append('\t');
        sb.append(r.flag()).append('\t');
        int ref = r.refId();
        sb.append(ref < 0 ? "*" : refs.get(ref).name()).append('\t');
        sb.append(r.pos() + 1L).append('\t');
        sb.append(r.mapq()).append('\t');
        int nCigar = r.cigarOps();
        int longCigarTag = r.longCigarTagOffset();
        if (longCigarTag >= 0) {
            appendCigar(r, longCigarTag + 8, r.i32(longCigarTag + 4), sb);
        } else if (nCigar == 0) {
            sb.append('*');
        } else {
            appendCigar(r, r.cigarOffset(), nCigar, sb);
        }
        sb.append('\t');
        int mate = r.mateRefId();
        sb.append(mate < 0 ? "*" : mate == ref ? "=" : refs.get(mate).name()).append('\t');
        sb.append(r.matePos() + 1L).append('\t');
        sb.append(r.tlen()).append('\t');
        int len = r.seqLength();
        if (len == 0) {
            sb.append("*\t*");
        } else {
            int s = r.seqOffset();
            for (int i = 0; i < len; i++) {
                int packed = b[s + (i >> 1)] & 0xff;
                sb.append(BASES[(i & 1) == 0 ? packed >> 4 : packed & 0xf]);
            }
            sb.append('\t');
            int q = r.qualOffset();
            if ((b[q] & 0xff) == 0xff) {
                sb.append('*');
            } else {
                for (int i = 0; i < len; i++) {
                    sb.append((char) ((b[q + i] & 0xff) + 33));
                }
            }
        }
        appendTags(r, longCigarTag, sb);
    }

    private static void appendCigar(BamRecordView r, int offset, int count, StringBuilder sb) {
        for (int i = 0; i < count; i++) {
            int op = r.i32(offset + 4 * i);
            sb.append(op >>> 4).append((op & 0xf) < CIGAR_OPS.length ? CIGAR_OPS[op & 0xf] : '?');
        }
    }

    private static void appendTags(BamRecordView r, int skip, StringBuilder sb) {
        byte[] b = r.buffer();
        int p = r.tagsOffset();
        int end = r.endOffset();
        while (p + 3 <= end) {
            if (p == skip) {
                p = r.nextTagOffset(p);
                continue;
            }
            sb.append('\t').append((char) b[p]).append((char) b[p + 1]).append(':');
            char type = (char) b[p + 2];
            p += 3;
            switch (type) {
                case 'A' -> {
                    sb.append("A:").append((char) b[p]);
                    p += 1;
                }
                case 'c' -> {
                    sb.append("i:").append((int) b[p]);
                    p += 1;
                }
                case 'C' -> {
                    sb.append("i:").append(b[p] & 0xff);
                    p += 1;
                }
                case 's' -> {
                    sb.append("i:").append((short) r.u16(p));
                    p += 2;
                }
                case 'S' -> {
                    sb.append("i:").append(r.u16(p));
                    p += 2;
                }
                case 'i' -> {
                    sb.append("i:").append(r.i32(p));
                    p += 4;
                }
                case 'I' -> {
                    sb.append("i:").append(r.i32(p) & 0xffffffffL);
                    p += 4;
                }
                case 'f' -> {
                    sb.append("f:");
                    appendG(sb, Float.intBitsToFloat(r.i32(p)));
                    p += 4;
                }
                case 'Z', 'H' -> {
                    sb.append(type).append(':');
                    int z = p;
                    while (z < end && b[z] != 0) z++;
                    sb.append(new String(b, p, z - p, StandardCharsets.ISO_8859_1));
                    p = z + 1;
                }
                case 'B' -> p = appendArray(r, p, end, sb);
                default -> throw new FormatException("unknown tag type '" + type + "'");
            }
        }
    }

    private static int appendArray(BamRecordView r, int p, int end, StringBuilder sb) {
        byte[] b = r.buffer();
        char sub = (char) b[p];
        int n = r.i32(p + 1);
        p += 5;
        sb.append("B:").append(sub);
        for (int i = 0; i < n; i++) {
            sb.append(',');
            switch (sub) {
                case 'c' -> {
                    sb.append((int) b[p]);
                    p += 1;
                }
                case 'C' -> {
                    sb.append(b[p] & 0xff);
                    p += 1;
                }
                case 's' -> {
                    sb.append((short) r.u16(p));
                    p += 2;
                }
                case 'S' -> {
                    sb.append(r.u16(p));
                    p += 2;
                }
                case 'i' -> {
                    sb.append(r.i32(p));
                    p += 4;
                }
                case 'I' -> {
                    sb.append(r.i32(p) & 0xffffffffL);
                    p += 4;
                }
                case 'f' -> {
                    appendG(sb, Float.intBitsToFloat(r.i32(p)));
                    p += 4;
                }
                default -> throw new FormatException("unknown array element type '" + sub + "'");
            }
            if (p > end) {
                throw new FormatException("array tag runs past the end of the record");
            }
        }
        return p;
    }

    /** C printf's {@code %g} (precision 6) for a float widened to double. */
    static void appendG(StringBuilder sb, double v) {
        if (Double.isNaN(v)) {
            sb.append("nan");
            return;
        }
        if (Double.isInfinite(v)) {
            sb.append(v > 0 ? "inf" : "-inf");
            return;
        }
        if (v == 0) {
            sb.append(1 / v < 0 ? "-0" : "0");
            return;
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(6, RoundingMode.HALF_EVEN));
        int exponent = d.precision() - d.scale() - 1;
        if (exponent < -4 || exponent >= 6) {
            String digits = d.unscaledValue().abs().toString().replaceAll("0+$", "");
            if (d.signum() < 0) sb.append('-');
            sb.append(digits.charAt(0));
            if (digits.length() > 1) sb.append('.').append(digits, 1, digits.length());
            sb.append('e').append(exponent < 0 ? '-' : '+');
            int e = Math.abs(exponent);
            if (e < 10) sb.append('0');
            sb.append(e);
        } else {
            String plain = d.setScale(Math.max(0, 5 - exponent), RoundingMode.HALF_EVEN)
                    .toPlainString();
            if (plain.indexOf('.') >= 0) {
                plain = plain.replaceAll("0+$", "");
                if (plain.endsWith(".")) plain = plain.substring(0, plain.length() - 1);
            }
            sb.append(plain);
        }
    }
}
