package io.bams3.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bams3.codec.FormatException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BlockIndexTest {
    // unit 0 holds a spliced read reaching 60,000; units 1 and 2 hold short reads only
    private final BlockIndex index =
            new BlockIndex(new long[] {0, 1000, 2000, 3000}, new int[] {100, 200, 30_000, 50_000}, new int[] {
                60_000, 400, 30_200, 50_300
            });

    @Test
    void roundTripAndCorruption() {
        byte[] bytes = index.encode();
        BlockIndex back = BlockIndex.decode(bytes, "x");
        assertThat(back.offsets()).containsExactly(index.offsets());
        assertThat(back.maxEnd()).containsExactly(index.maxEnd());
        bytes[12 + 16] = 0; // second offset now 0 + low bytes: out of order
        bytes[12 + 17] = 0;
        assertThatThrownBy(() -> BlockIndex.decode(bytes, "x"))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("out of order");
        assertThatThrownBy(() -> BlockIndex.decode(Arrays.copyOf(index.encode(), 30), "x"))
                .hasMessageContaining("size does not match");
    }

    @Test
    void encodesTheHeaderAndLittleEndianEntriesOfFormatSection8() {
        byte[] bytes =
                new BlockIndex(new long[] {0, 0x1_0000_0002L}, new int[] {5, 6}, new int[] {0x0102_0304, 9}).encode();
        assertThat(bytes)
                .containsExactly(
                        'B', '3', 'B', 'I', 1, 0, 16, 0, 2, 0, 0, 0, // magic, version 1, entry size 16, count 2
                        0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 4, 3, 2, 1, // offset 0, firstPos 5, maxEnd 0x01020304
                        2, 0, 0, 0, 1, 0, 0, 0, 6, 0, 0, 0, 9, 0, 0, 0); // offset 2^32 + 2, firstPos 6, maxEnd 9
        BlockIndex back = BlockIndex.decode(bytes, "x");
        assertThat(back.offsets()).containsExactly(0, 0x1_0000_0002L);
        assertThat(back.firstPos()).containsExactly(5, 6);
        assertThat(back.maxEnd()).containsExactly(0x0102_0304, 9);
    }

    @Test
    void refusesAnEntryThatEndsAtOrBeforeItsFirstPos() {
        byte[] bytes = new BlockIndex(new long[] {0}, new int[] {10}, new int[] {10}).encode();
        assertThatThrownBy(() -> BlockIndex.decode(bytes, "x"))
                .isInstanceOf(FormatException.class)
                .hasMessage("x: block index entry 0 ends at 10, not beyond its first POS 10");
    }

    @Test
    void version2AddsEachUnitsRecordsAndStoredBytesCrc32c() {
        byte[] bytes = new BlockIndex(
                        new long[] {0, 7}, new int[] {5, 6}, new int[] {9, 9}, new int[] {3, 0x0102_0304}, new int[] {
                            0xe306_9283, 1
                        })
                .encode();
        assertThat(bytes)
                .containsExactly(
                        'B',
                        '3',
                        'B',
                        'I',
                        2,
                        0,
                        24,
                        0,
                        2,
                        0,
                        0,
                        0, // magic, version 2, entry size 24, count 2
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        5,
                        0,
                        0,
                        0,
                        9,
                        0,
                        0,
                        0, // offset 0, firstPos 5, maxEnd 9
                        3,
                        0,
                        0,
                        0,
                        (byte) 0x83,
                        (byte) 0x92,
                        0x06,
                        (byte) 0xe3, // records 3, crc32c e3069283
                        7,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        6,
                        0,
                        0,
                        0,
                        9,
                        0,
                        0,
                        0, // offset 7, firstPos 6, maxEnd 9
                        4,
                        3,
                        2,
                        1,
                        1,
                        0,
                        0,
                        0); // records 0x01020304, crc32c 1
        BlockIndex back = BlockIndex.decode(bytes, "x");
        assertThat(back.version()).isEqualTo(BlockIndex.VERSION_2);
        assertThat(back.records()).containsExactly(3, 0x0102_0304);
        assertThat(back.crc32c()).containsExactly(0xe306_9283, 1);
        assertThat(back.unitBytes(0, 20)).isEqualTo(7);
        assertThat(back.unitBytes(1, 20)).isEqualTo(13);
        assertThat(BlockIndex.decode(index.encode(), "x").hasUnitChecks()).isFalse();
    }

    @Test
    void refusesAUnitWithoutRecordsAndAVersionWithTheOtherEntrySize() {
        byte[] none =
                new BlockIndex(new long[] {0}, new int[] {5}, new int[] {9}, new int[] {0}, new int[] {1}).encode();
        assertThatThrownBy(() -> BlockIndex.decode(none, "x"))
                .isInstanceOf(FormatException.class)
                .hasMessage("x: block index entry 0 counts 0 records, not at least 1");
        byte[] mixed = new BlockIndex(new long[] {0}, new int[] {5}, new int[] {9}).encode();
        mixed[4] = 2; // version 2 with the 16-byte entries of version 1
        assertThatThrownBy(() -> BlockIndex.decode(mixed, "x"))
                .isInstanceOf(FormatException.class)
                .hasMessage("x: unsupported index version 2 / entry size 16");
    }
}
