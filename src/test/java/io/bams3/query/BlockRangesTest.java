package io.bams3.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.bams3.format.BlockIndex;
import io.bams3.store.ByteRange;
import org.junit.jupiter.api.Test;

class BlockRangesTest {
    // unit 0 holds a spliced read reaching 60,000; units 1 and 2 hold short reads only
    private final BlockIndex index =
            new BlockIndex(new long[] {0, 1000, 2000, 3000}, new int[] {100, 200, 30_000, 50_000}, new int[] {
                60_000, 400, 30_200, 50_300
            });

    @Test
    void aLongReadPullsInItsOwnUnitNotEveryUnitInBetween() {
        assertThat(BlockRanges.of(index, 50_000, 50_100, 3500))
                .containsExactly(new ByteRange(0, 1000), new ByteRange(3000, 3500));
    }

    @Test
    void adjacentUnitsJoinAndRegionsOutsideGiveNothing() {
        assertThat(BlockRanges.of(index, 150, 30_100, 3500)).containsExactly(new ByteRange(0, 3000));
        assertThat(BlockRanges.of(index, 0, 100, 3500)).isEmpty();
        assertThat(BlockRanges.of(index, 60_000, 70_000, 3500)).isEmpty();
        assertThat(BlockRanges.of(index, 59_999, 70_000, 3500)).containsExactly(new ByteRange(0, 1000));
    }

    @Test
    void theWholeReferenceIsOneRange() {
        assertThat(BlockRanges.of(index, 0, Integer.MAX_VALUE, 3500)).containsExactly(new ByteRange(0, 3500));
    }
}
