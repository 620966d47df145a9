package io.bams3.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.bams3.store.ByteRange;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The merging rules of {@link QueryPlanner} (samtools view -M): no dataset needed. */
class QueryPlannerTest {
    private static Region r(int ref, int beg, int end) {
        return new Region(ref, "r" + ref, beg, end);
    }

    @Test
    void sortsByReferenceThenStartWithUnplacedLast() {
        assertThat(QueryPlanner.merge(List.of(Region.unplaced(), r(1, 50, 60), r(0, 300, 400), r(0, 10, 20))))
                .containsExactly(r(0, 10, 20), r(0, 300, 400), r(1, 50, 60), Region.unplaced());
    }

    @Test
    void joinsOverlappingAndTouchingIntervalsButNotSeparateOnes() {
        assertThat(QueryPlanner.merge(List.of(r(0, 100, 200), r(0, 150, 180), r(0, 200, 250), r(0, 251, 300))))
                .containsExactly(r(0, 100, 250), r(0, 251, 300));
        assertThat(QueryPlanner.merge(List.of(r(0, 0, 10), r(1, 10, 20)))).containsExactly(r(0, 0, 10), r(1, 10, 20));
    }

    @Test
    void aRegionInsideAnotherLeavesItUnchanged() {
        assertThat(QueryPlanner.merge(List.of(r(2, 0, 1000), r(2, 10, 20), r(2, 999, 1000))))
                .containsExactly(r(2, 0, 1000));
    }

    @Test
    void unplacedRegionsBecomeOne() {
        assertThat(QueryPlanner.merge(List.of(Region.unplaced(), r(0, 5, 6), Region.unplaced())))
                .containsExactly(r(0, 5, 6), Region.unplaced());
        assertThat(QueryPlanner.merge(List.of())).isEmpty();
    }

    @Test
    void byteRangesAreSortedAndJoinedWhenTheyOverlapOrTouch() {
        assertThat(QueryPlanner.mergeRanges(List.of(
                        new ByteRange(500, 600),
                        new ByteRange(0, 100),
                        new ByteRange(100, 200),
                        new ByteRange(150, 180),
                        new ByteRange(201, 300))))
                .containsExactly(new ByteRange(0, 200), new ByteRange(201, 300), new ByteRange(500, 600));
    }
}
