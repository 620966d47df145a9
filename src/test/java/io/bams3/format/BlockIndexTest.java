package io.bams3.format;

import io.bams3.codec.FormatException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BlockIndexTest {
    // unit 0 holds a spliced read reaching 60,000; units 1 and 2 hold short reads only
    private final BlockIndex index = new BlockIndex(
            new long[]{0, 1000, 2000, 3000},
            new int[]{100, 200, 30_000, 50_000},
            new int[]{60_000, 400, 30_200, 50_300});

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
    }
}
