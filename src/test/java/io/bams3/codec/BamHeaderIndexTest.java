package io.bams3.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Look-ups by reference name and by {@code @SQ M5} on a header with a million references: the
 * indexes are built once per header (not per look-up) and answer as a scan of the header would.
 */
@Tag("slow")
class BamHeaderIndexTest {
    private static final int REFS = 1_000_000;

    private static BamHeader header() {
        StringBuilder text = new StringBuilder("@HD\tVN:1.6\tSO:coordinate\n");
        List<BamHeader.Reference> refs = new ArrayList<>(REFS);
        for (int i = 0; i < REFS; i++) {
            String name = "contig" + i;
            refs.add(new BamHeader.Reference(name, 1000 + i));
            text.append("@SQ\tSN:").append(name).append("\tLN:").append(1000 + i);
            if (i % 1000 == 7) {
                text.append("\tM5:").append(String.format("%032x", i).toUpperCase(Locale.ROOT));
            }
            text.append('\n');
        }
        return new BamHeader(text.toString().getBytes(StandardCharsets.US_ASCII), refs);
    }

    @Test
    void indexesAreBuiltOnceAndFindEveryReference() {
        BamHeader h = header();
        assertThat(h.nameIndex()).isSameAs(h.nameIndex()).hasSize(REFS);
        for (int i = 0; i < REFS; i += 9973) {
            assertThat(h.referenceIndex("contig" + i)).isEqualTo(i);
        }
        assertThat(h.referenceIndex("contig" + REFS)).isEqualTo(-1);
        assertThat(h.referenceIndexByMd5(String.format("%032x", 999_007))).isEqualTo(999_007);
        assertThat(h.referenceIndexByMd5(String.format("%032X", 7)))
                .as("MD5 compared in lower case")
                .isEqualTo(7);
        assertThat(h.referenceIndexByMd5(String.format("%032x", 8))).isEqualTo(-1);
    }

    @Test
    void theFirstOfTwoReferencesWithOneNameWins() {
        BamHeader h = new BamHeader(
                "@SQ\tSN:a\tLN:5\tM5:0123456789abcdef0123456789abcdef\n".getBytes(StandardCharsets.US_ASCII),
                List.of(
                        new BamHeader.Reference("a", 5),
                        new BamHeader.Reference("b", 6),
                        new BamHeader.Reference("a", 7)));
        assertThat(h.referenceIndex("a")).isZero();
        assertThat(h.referenceIndex("b")).isEqualTo(1);
        assertThat(h.referenceIndexByMd5("0123456789abcdef0123456789abcdef")).isZero();
    }
}
