package io.bams3.format;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BlockIndexTest {
    // unit 0 holds a spliced read reaching 60,000; units 1 and 2 hold short reads only
    private final BlockIndex index = new BlockIndex(
            new long[]{0, 1000, 2000, 3000},
            new int[]{100, 200, 30_000, 50_000},
            new int[]{60_000, 400, 30_200, 50_300});

    @Test
    void aLongReadPullsInItsOwnUnitNotEveryUnitInBetween() {
        assertThat(index.rangesFor(50_000, 50_100, 3500))
                .containsExactly(new ByteRange(0, 1000), new ByteRange(3000, 3500));
    }

    @Test
    void adjacentUnitsJoinAndRegionsOutsideGiveNothing() {
        assertThat(index.rangesFor(150, 30_100, 3500)).containsExactly(new ByteRange(0, 3000));
        assertThat(index.rangesFor(0, 100, 3500)).isEmpty();
        assertThat(index.rangesFor(60_000, 70_000, 3500)).isEmpty();
        assertThat(index.rangesFor(59_999, 70_000, 3500)).containsExactly(new ByteRange(0, 1000));
    }

    @Test
    void roundTripAndCorruption() {
        byte[] bytes = index.encode();
        BlockIndex back = BlockIndex.decode(bytes, "x");
        assertThat(back.offsets()).containsExactly(index.offsets());
        assertThat(back.maxEnd()).containsExactly(index.maxEnd());
        bytes[12 + 16] = 0; // second offset now 0 + low bytes: out of order
        bytes[12 + 17] = 0;
        assertThatThrownBy(() -> BlockIndex.decode(bytes, "x")).isInstanceOf(FormatException.class)
                .hasMessageContaining("out of order");
        assertThatThrownBy(() -> BlockIndex.decode(java.util.Arrays.copyOf(index.encode(), 30), "x"))
                .hasMessageContaining("size does not match");
        assertThat(List.of(index.rangesFor(0, Integer.MAX_VALUE, 3500))).hasSize(1);
    }
}
