package io.bams3.format;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bams3.codec.FormatException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Table and block index invariants that the crafted demo datasets cannot reach (a pile-up, parts). */
class ChunkInvariantsTest {
    private static ChunkEntry placed(int first, int last, int maxEnd, int part) {
        return new ChunkEntry(first, last, maxEnd, part, 2, 1000, 50, 7, 9);
    }

    // a pile-up at POS 500 cut by the hard limit: three chunks start there, numbered by part
    private final List<ChunkEntry> pileUp = List.of(
            placed(100, 500, 700, 0),
            placed(500, 500, 650, 0),
            placed(500, 500, 640, 1),
            placed(500, 900, 1000, 2),
            placed(900, 1200, 1300, 0));

    @Test
    void aPileUpCutIntoPartsIsValid() {
        assertThatCode(() -> ChunkInvariants.placedTable(pileUp, 2000, "t")).doesNotThrowAnyException();
    }

    @Test
    void duplicateEntriesAtOnePosAreCaughtByTheirPartAtTheFirstCopy() {
        List<ChunkEntry> entries = new ArrayList<>(pileUp);
        entries.addAll(2, Collections.nCopies(200_000, pileUp.get(1)));
        assertThatThrownBy(() -> ChunkInvariants.placedTable(entries, 2000, "t"))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("chunk entry 2 has part 0, expected 1");
        List<ChunkEntry> skipped = new ArrayList<>(pileUp);
        skipped.set(2, placed(500, 500, 640, 3));
        assertThatThrownBy(() -> ChunkInvariants.placedTable(skipped, 2000, "t"))
                .hasMessageContaining("part 3, expected 1");
        List<ChunkEntry> stray = new ArrayList<>(pileUp);
        stray.set(4, placed(900, 1200, 1300, 1));
        assertThatThrownBy(() -> ChunkInvariants.placedTable(stray, 2000, "t"))
                .hasMessageContaining("part 1, expected 0");
    }

    @Test
    void unplacedEntriesHaveNoPositionsToCheckButNoBlockIndexEither() {
        ChunkEntry ok = new ChunkEntry(-1, -1, -1, 0, 3, 3000, 100, 5, 0);
        ChunkEntry unordered = new ChunkEntry(700, 20, -1, 0, 3, 3000, 100, 5, 0);
        assertThatCode(() -> ChunkInvariants.unplacedTable(List.of(ok, unordered, ok), "u"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() ->
                        ChunkInvariants.unplacedTable(List.of(new ChunkEntry(-1, -1, -1, 0, 3, 3000, 100, 5, 1)), "u"))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("block index checksum");
    }

    @Test
    void totalsMustMatchAndMustNotOverflow() {
        assertThatCode(() -> ChunkInvariants.totals(pileUp, 250, 5000, "t")).doesNotThrowAnyException();
        assertThatThrownBy(() -> ChunkInvariants.totals(pileUp, 251, 5000, "t"))
                .hasMessageContaining("metadata says 251");
        List<ChunkEntry> huge = List.of(
                new ChunkEntry(1, 2, 3, 0, 1, Long.MAX_VALUE, 1, 0, 0),
                new ChunkEntry(2, 3, 4, 0, 1, Long.MAX_VALUE, 1, 0, 0));
        assertThatThrownBy(() -> ChunkInvariants.totals(huge, 2, -2, "t")).hasMessageContaining("overflow");
    }

    @Test
    void aBlockIndexMustStartAtZeroAndEachUnitMustEndAfterItStarts() {
        BlockIndex shifted = new BlockIndex(new long[] {10, 20}, new int[] {1, 2}, new int[] {5, 6});
        assertThatThrownBy(() -> BlockIndex.decode(shifted.encode(), "i"))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("out of order at 0");
        BlockIndex empty = new BlockIndex(new long[] {0, 20}, new int[] {1, 2}, new int[] {5, 2});
        assertThatThrownBy(() -> BlockIndex.decode(empty.encode(), "i")).hasMessageContaining("entry 1 ends at 2");
    }
}
