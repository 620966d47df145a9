package io.bams3.htsget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bams3.htsget.PresignedRanges.Piece;
import io.bams3.store.ByteRange;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The merging rules of presigned ticket ranges, on byte literals. */
class PresignedRangesTest {
    private static Piece p(String key, long from, long to) {
        return new Piece(key, new ByteRange(from, to));
    }

    private static List<Piece> plan(long maxGap, int maxUrls, Piece... reads) {
        return PresignedRanges.plan(List.of(reads), maxGap, maxUrls);
    }

    @Test
    void overlappingRangesOfOneChunkAreUnitedSoNoByteComesTwice() {
        assertThat(plan(0, 100, p("a", 100, 300), p("a", 200, 400), p("a", 150, 250)))
                .containsExactly(p("a", 100, 400));
        // one range inside another
        assertThat(plan(0, 100, p("a", 0, 1000), p("a", 10, 20))).containsExactly(p("a", 0, 1000));
        // the same range twice (two regions needing the same block)
        assertThat(plan(0, 100, p("a", 5, 9), p("a", 5, 9))).containsExactly(p("a", 5, 9));
    }

    @Test
    void touchingRangesAreJoinedEvenWithNoGapAllowance() {
        assertThat(plan(0, 100, p("a", 0, 100), p("a", 100, 200))).containsExactly(p("a", 0, 200));
        assertThat(plan(0, 100, p("a", 0, 100), p("a", 101, 200)))
                .as("a one-byte gap is a gap")
                .containsExactly(p("a", 0, 100), p("a", 101, 200));
    }

    @Test
    void gapsBelowTheThresholdAreFetchedOthersSkipped() {
        // gaps of 99, 100 and 101 bytes with a threshold of 100: only the 99-byte one is joined
        assertThat(plan(100, 100, p("a", 0, 10), p("a", 109, 120), p("a", 220, 230), p("a", 331, 340)))
                .containsExactly(p("a", 0, 120), p("a", 220, 230), p("a", 331, 340));
    }

    @Test
    void rangesOfAChunkComeInOffsetOrderWhateverTheirPlanOrder() {
        assertThat(plan(0, 100, p("a", 500, 600), p("a", 0, 100), p("a", 250, 300)))
                .containsExactly(p("a", 0, 100), p("a", 250, 300), p("a", 500, 600));
    }

    @Test
    void chunksKeepTheirPlanOrderAndAreNeverJoinedWithEachOther() {
        // "b" sorts after "a" but comes first in the plan (file order); ranges with equal
        // offsets in different objects stay apart
        assertThat(plan(1 << 20, 100, p("b", 0, 10), p("b", 20, 30), p("a", 0, 10), p("c", 40, 50), p("c", 0, 10)))
                .containsExactly(p("b", 0, 30), p("a", 0, 10), p("c", 0, 50));
        assertThat(plan(0, 100, p("z", 7, 8), p("y", 7, 8), p("x", 7, 8)))
                .extracting(Piece::key)
                .containsExactly("z", "y", "x");
    }

    @Test
    void aChunkSeenAgainLaterInThePlanIsUnitedWithItsFirstAppearance() {
        assertThat(plan(0, 100, p("a", 0, 10), p("b", 0, 10), p("a", 5, 20)))
                .containsExactly(p("a", 0, 20), p("b", 0, 10));
    }

    @Test
    void overTheUrlCapTheSmallestGapsAreJoinedFirst() {
        Piece[] reads = {
            p("a", 0, 10),
            p("a", 110, 120), // gap 100
            p("a", 170, 180), // gap 50
            p("b", 0, 10),
            p("b", 1010, 1020), // gap 1000
            p("b", 1030, 1040), // gap 10
        };
        assertThat(plan(0, 6, reads)).hasSize(6);
        assertThat(plan(0, 5, reads))
                .containsExactly(p("a", 0, 10), p("a", 110, 120), p("a", 170, 180), p("b", 0, 10), p("b", 1010, 1040));
        assertThat(plan(0, 4, reads))
                .containsExactly(p("a", 0, 10), p("a", 110, 180), p("b", 0, 10), p("b", 1010, 1040));
        assertThat(plan(0, 3, reads)).containsExactly(p("a", 0, 180), p("b", 0, 10), p("b", 1010, 1040));
        assertThat(plan(0, 2, reads)).containsExactly(p("a", 0, 180), p("b", 0, 1040));
    }

    @Test
    void theCapNeverGoesBelowOneUrlPerChunk() {
        assertThat(plan(0, 1, p("a", 0, 10), p("a", 50, 60), p("b", 0, 10), p("c", 0, 10), p("c", 90, 99)))
                .containsExactly(p("a", 0, 60), p("b", 0, 10), p("c", 0, 99));
    }

    @Test
    void equalGapsOverTheCapAreJoinedInPlanOrder() {
        assertThat(plan(0, 2, p("a", 0, 10), p("a", 20, 30), p("a", 40, 50)))
                .containsExactly(p("a", 0, 30), p("a", 40, 50));
        assertThat(plan(0, 3, p("b", 0, 10), p("b", 20, 30), p("a", 0, 10), p("a", 20, 30)))
                .containsExactly(p("b", 0, 30), p("a", 0, 10), p("a", 20, 30));
    }

    @Test
    void theResultCoversEveryPlannedByteOnceAndNothingOutsideTheSpan() {
        Piece[] reads = {p("a", 300, 400), p("a", 0, 50), p("a", 40, 120), p("a", 1000, 1100), p("a", 390, 500)};
        List<Piece> out = plan(150, 100, reads);
        assertThat(out).containsExactly(p("a", 0, 120), p("a", 300, 500), p("a", 1000, 1100));
        for (int i = 1; i < out.size(); i++) {
            assertThat(out.get(i).range().from())
                    .isGreaterThan(out.get(i - 1).range().to());
        }
    }

    @Test
    void emptyPlanAndBadBounds() {
        assertThat(PresignedRanges.plan(List.of(), 0, 1)).isEmpty();
        assertThatThrownBy(() -> PresignedRanges.plan(List.of(), -1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PresignedRanges.plan(List.of(), 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
