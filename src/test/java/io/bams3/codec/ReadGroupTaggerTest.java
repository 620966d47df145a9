package io.bams3.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReadGroupTaggerTest {
    private static final SamTextFormatter SAM = new SamTextFormatter(List.of(new BamHeader.Reference("chr1", 1000)));
    private static final String LINE = "r1\t0\tchr1\t101\t60\t4M\t*\t0\t0\tACGT\t????";

    /** Aux fields as SAM/BAM spec 4.2.4 bytes: "RGZ" + text + NUL and so on. */
    private static final byte[] NM_I1 = {'N', 'M', 'C', 1};

    private static final byte[] RG_Z_OLD = {'R', 'G', 'Z', 'o', 'l', 'd', 0};
    private static final byte[] RG_I7 = {'R', 'G', 'i', 7, 0, 0, 0};
    private static final byte[] XA_A = {'X', 'A', 'A', 'q'};
    private static final byte[] BB = {'B', 'B', 'B', 'C', 2, 0, 0, 0, 9, 8};

    /** Record "r1", flag 0, chr1:101 (0-based 100), MAPQ 60, 4M, ACGT, qualities 30, then the aux bytes. */
    static byte[] record(byte[]... aux) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {0, 0, 0, 0}); // block_size, set below
        b.writeBytes(new byte[] {0, 0, 0, 0}); // refID 0
        b.writeBytes(new byte[] {100, 0, 0, 0}); // pos 100
        b.writeBytes(new byte[] {3, 60, 0x49, 0x12}); // l_read_name 3, mapq 60, bin 4681
        b.writeBytes(new byte[] {1, 0, 0, 0}); // n_cigar_op 1, flag 0
        b.writeBytes(new byte[] {4, 0, 0, 0}); // l_seq 4
        b.writeBytes(new byte[] {-1, -1, -1, -1}); // next_refID -1
        b.writeBytes(new byte[] {-1, -1, -1, -1}); // next_pos -1
        b.writeBytes(new byte[] {0, 0, 0, 0}); // tlen 0
        b.writeBytes(new byte[] {'r', '1', 0});
        b.writeBytes(new byte[] {0x40, 0, 0, 0}); // 4M
        b.writeBytes(new byte[] {0x12, 0x48}); // ACGT
        b.writeBytes(new byte[] {30, 30, 30, 30});
        for (byte[] a : aux) {
            b.writeBytes(a);
        }
        byte[] r = b.toByteArray();
        LittleEndian.putI32(r, 0, r.length - 4);
        return r;
    }

    private static BamRecordView view(byte[] r) {
        return new BamRecordView(r, 0);
    }

    private static String sam(BamRecordView r) {
        StringBuilder sb = new StringBuilder();
        SAM.format(r, sb);
        return sb.toString();
    }

    private static byte[] bytes(BamRecordView r) {
        return Arrays.copyOfRange(r.buffer(), r.offset(), r.endOffset());
    }

    private static BamRecordView tagged(byte[] record, String value) {
        BamRecordView out = new ReadGroupTagger().apply(view(record), value);
        out.checkStructure();
        out.checkTags();
        return out;
    }

    @Test
    void appendsAfterTheLastTagWhenThereIsNoRG() {
        byte[] in = record();
        BamRecordView out = tagged(in, "NA12878");
        assertThat(bytes(out)).isEqualTo(record("RGZNA12878\0".getBytes(StandardCharsets.US_ASCII)));
        assertThat(out.blockSize()).isEqualTo(in.length - 4 + 11);
        assertThat(sam(out)).isEqualTo(LINE + "\tRG:Z:NA12878");
    }

    @Test
    void appendsAfterOtherTags() {
        BamRecordView out = tagged(record(NM_I1, XA_A), "s1");
        assertThat(bytes(out)).isEqualTo(record(NM_I1, XA_A, new byte[] {'R', 'G', 'Z', 's', '1', 0}));
        assertThat(sam(out)).isEqualTo(LINE + "\tNM:i:1\tXA:A:q\tRG:Z:s1");
    }

    @Test
    void replacesAnRGThatIsTheFirstTagInPlace() {
        BamRecordView out = tagged(record(RG_Z_OLD, NM_I1, XA_A), "new");
        assertThat(bytes(out)).isEqualTo(record(new byte[] {'R', 'G', 'Z', 'n', 'e', 'w', 0}, NM_I1, XA_A));
        assertThat(sam(out)).isEqualTo(LINE + "\tRG:Z:new\tNM:i:1\tXA:A:q");
    }

    @Test
    void replacesAnRGInTheMiddleInPlace() {
        BamRecordView out = tagged(record(NM_I1, RG_Z_OLD, BB), "g2");
        assertThat(bytes(out)).isEqualTo(record(NM_I1, new byte[] {'R', 'G', 'Z', 'g', '2', 0}, BB));
        assertThat(sam(out)).isEqualTo(LINE + "\tNM:i:1\tRG:Z:g2\tBB:B:C,9,8");
    }

    @Test
    void replacesAnRGThatIsTheLastTagInPlace() {
        BamRecordView out = tagged(record(NM_I1, XA_A, RG_Z_OLD), "old-NA12878");
        assertThat(sam(out)).isEqualTo(LINE + "\tNM:i:1\tXA:A:q\tRG:Z:old-NA12878");
    }

    @Test
    void growsAndShrinksTheRecordAsTheValueIsLongerOrShorter() {
        byte[] in = record(NM_I1, RG_Z_OLD, XA_A);
        int oldSize = view(in).blockSize();
        assertThat(tagged(in, "a-much-longer-read-group").blockSize()).isEqualTo(oldSize + 21);
        assertThat(tagged(in, "x").blockSize()).isEqualTo(oldSize - 2);
        assertThat(sam(tagged(in, "x"))).isEqualTo(LINE + "\tNM:i:1\tRG:Z:x\tXA:A:q");
    }

    @Test
    void replacesAnRGOfAnotherType() {
        BamRecordView out = tagged(record(NM_I1, RG_I7, XA_A), "s1");
        assertThat(bytes(out)).isEqualTo(record(NM_I1, new byte[] {'R', 'G', 'Z', 's', '1', 0}, XA_A));
        assertThat(sam(out)).isEqualTo(LINE + "\tNM:i:1\tRG:Z:s1\tXA:A:q");
    }

    @Test
    void replacesOnlyTheFirstRGAsHtslibDoes() {
        BamRecordView out = tagged(record(RG_Z_OLD, NM_I1, RG_I7), "s1");
        assertThat(sam(out)).isEqualTo(LINE + "\tRG:Z:s1\tNM:i:1\tRG:i:7");
    }

    @Test
    void readsARecordAtANonZeroOffsetAndLeavesTheInputAlone() {
        byte[] record = record(NM_I1, RG_Z_OLD);
        byte[] buffer = new byte[7 + record.length + 5];
        Arrays.fill(buffer, (byte) 0x55);
        System.arraycopy(record, 0, buffer, 7, record.length);
        byte[] before = buffer.clone();
        BamRecordView in = new BamRecordView(buffer, 7);
        BamRecordView out = new ReadGroupTagger().apply(in, "s1");
        out.checkStructure();
        out.checkTags();
        assertThat(bytes(out)).isEqualTo(record(NM_I1, new byte[] {'R', 'G', 'Z', 's', '1', 0}));
        assertThat(buffer).isEqualTo(before);
        assertThat(ReadGroupTagger.readGroup(in)).isEqualTo("old");
    }

    @Test
    void reusesItsBufferAndGrowsIt() {
        ReadGroupTagger tagger = new ReadGroupTagger();
        BamRecordView first = tagger.apply(view(record()), "a");
        byte[] buffer = first.buffer();
        BamRecordView second = tagger.apply(view(record(NM_I1)), "b");
        assertThat(second.buffer()).isSameAs(buffer);
        assertThat(sam(second)).isEqualTo(LINE + "\tNM:i:1\tRG:Z:b");
        String big = "g".repeat(1000);
        BamRecordView third = tagger.apply(view(record(RG_Z_OLD)), big);
        third.checkStructure();
        third.checkTags();
        assertThat(ReadGroupTagger.readGroup(third)).isEqualTo(big);
    }

    @Test
    void readGroupReadsTheZValue() {
        assertThat(ReadGroupTagger.readGroup(view(record(NM_I1, RG_Z_OLD, XA_A))))
                .isEqualTo("old");
        assertThat(ReadGroupTagger.readGroup(view(record(new byte[] {'R', 'G', 'Z', 0}))))
                .isEmpty();
    }

    @Test
    void readGroupIsNullWithoutAnRGOfTypeZ() {
        assertThat(ReadGroupTagger.readGroup(view(record()))).isNull();
        assertThat(ReadGroupTagger.readGroup(view(record(NM_I1, XA_A, BB)))).isNull();
        assertThat(ReadGroupTagger.readGroup(view(record(NM_I1, RG_I7)))).isNull();
    }

    @Test
    void readGroupDoesNotTakeAnRGInsideAnotherTagsValue() {
        // "RGZ" as the text of an XZ:Z tag is not an RG tag
        assertThat(ReadGroupTagger.readGroup(view(record(new byte[] {'X', 'Z', 'Z', 'R', 'G', 'Z', 0}))))
                .isNull();
    }

    @Test
    void refusesMalformedAuxFields() {
        byte[] unterminated = record(NM_I1, new byte[] {'R', 'G', 'Z', 'a', 'b'});
        assertThatThrownBy(() -> ReadGroupTagger.readGroup(view(unterminated))).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> new ReadGroupTagger().apply(view(unterminated), "s1"))
                .isInstanceOf(FormatException.class);
        byte[] truncated = record(NM_I1, new byte[] {'R', 'G'});
        assertThatThrownBy(() -> new ReadGroupTagger().apply(view(truncated), "s1"))
                .isInstanceOf(FormatException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\tb", "a\nb", "caf\u00e9", "\u007f"})
    void refusesAValueThatIsNotPrintableAscii(String value) {
        assertThatThrownBy(() -> new ReadGroupTagger().apply(view(record()), value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only printable ASCII");
    }

    @Test
    void refusesAnEmptyValue() {
        assertThatThrownBy(() -> new ReadGroupTagger().apply(view(record()), ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an empty read group");
    }

    @Test
    void acceptsSpacesAndPunctuation() {
        assertThat(sam(tagged(record(), "a b,c~"))).isEqualTo(LINE + "\tRG:Z:a b,c~");
    }
}
