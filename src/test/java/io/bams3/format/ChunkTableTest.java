package io.bams3.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bams3.codec.FormatException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkTableTest {
    private static final ChunkEntry A = new ChunkEntry(100, 4_000, 4_150, 0, 3, 65_000, 812, 0x12345678, 0xcafebabe);
    private static final ChunkEntry B = new ChunkEntry(4_000, 4_000, 4_100, 1, 1, 1L << 33, 1L << 40, -1, 7);

    @Test
    void encodesTheHeaderAndLittleEndianEntriesOfFormatSection7() {
        byte[] bytes = ChunkTable.encode(List.of(A));
        assertThat(bytes).hasSize(12 + 44);
        assertThat(Arrays.copyOf(bytes, 16))
                .containsExactly(
                        'B', '3', 'C', 'T', 1, 0, 44, 0, 1, 0, 0, 0, // magic, version 1, entry size 44, count 1
                        100, 0, 0, 0); // firstPos
        assertThat(Arrays.copyOfRange(bytes, 12 + 36, 12 + 44))
                .containsExactly(
                        0x78, 0x56, 0x34, 0x12, (byte) 0xbe, (byte) 0xba, (byte) 0xfe, (byte) 0xca); // the two CRC32C
    }

    @Test
    void roundTripsEveryField() {
        assertThat(ChunkTable.decode(ChunkTable.encode(List.of(A, B)), "t")).containsExactly(A, B);
        assertThat(ChunkTable.decode(ChunkTable.encode(List.of()), "t")).isEmpty();
        assertThat(ChunkTable.encode(List.of())).hasSize(12);
    }

    @Test
    void refusesAWrongSizeMagicOrVersion() {
        byte[] bytes = ChunkTable.encode(List.of(A, B));
        assertThatThrownBy(() -> ChunkTable.decode(Arrays.copyOf(bytes, bytes.length - 1), "t"))
                .isInstanceOf(FormatException.class)
                .hasMessage("t: chunk table size does not match its entry count 2");
        byte[] magic = bytes.clone();
        magic[2] = 'B';
        assertThatThrownBy(() -> ChunkTable.decode(magic, "t"))
                .isInstanceOf(FormatException.class)
                .hasMessage("t: bad magic number");
        byte[] version = bytes.clone();
        version[4] = 2;
        assertThatThrownBy(() -> ChunkTable.decode(version, "t"))
                .isInstanceOf(FormatException.class)
                .hasMessage("t: unsupported index version 2 / entry size 44");
        assertThatThrownBy(() -> ChunkTable.decode(new byte[5], "t"))
                .isInstanceOf(FormatException.class)
                .hasMessage("t: index object too short");
        byte[] negative = bytes.clone();
        negative[11] = (byte) 0x80;
        assertThatThrownBy(() -> ChunkTable.decode(negative, "t"))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("size does not match");
    }
}
