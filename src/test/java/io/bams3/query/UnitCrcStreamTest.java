package io.bams3.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bams3.codec.FormatException;
import io.bams3.format.BlockIndex;
import io.bams3.format.ChunkEntry;
import io.bams3.format.Crc32c;
import io.bams3.store.ByteRange;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each unit's stored bytes are checked against the block index before the unit's last byte is handed on. */
class UnitCrcStreamTest {
    // three units of a 10-byte chunk: [0, 3), [3, 7), [7, 10)
    private static final byte[] CHUNK = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    private static final BlockIndex UNITS = new BlockIndex(
            new long[] {0, 3, 7}, new int[] {100, 200, 300}, new int[] {150, 250, 350}, new int[] {1, 1, 1}, new int[] {
                Crc32c.of(CHUNK, 0, 3), Crc32c.of(CHUNK, 3, 4), Crc32c.of(CHUNK, 7, 3)
            });
    private static final ChunkEntry ENTRY = new ChunkEntry(100, 300, 350, 0, 3, 10, 3, Crc32c.of(CHUNK), 0);

    private static InputStream stream(byte[] stored, long from, long to) {
        ChunkRead read = new ChunkRead(0, "c", ENTRY, new ByteRange(from, to), List.of()).withUnits(UNITS);
        return UnitCrcStream.of(read, new ByteArrayInputStream(stored, (int) from, (int) (to - from)), "c");
    }

    @Test
    void passesTheBytesOfIntactUnitsFromAnyUnitBoundary() throws IOException {
        assertThat(stream(CHUNK, 0, 10).readAllBytes()).isEqualTo(CHUNK);
        assertThat(stream(CHUNK, 3, 10).readAllBytes()).isEqualTo(Arrays.copyOfRange(CHUNK, 3, 10));
        InputStream one = stream(CHUNK, 3, 7);
        for (int i = 3; i < 7; i++) {
            assertThat(one.read()).isEqualTo(CHUNK[i]);
        }
        assertThat(one.read()).isEqualTo(-1);
    }

    @Test
    void aDamagedUnitFailsBeforeItsLastByteIsHandedOn() throws IOException {
        byte[] damaged = CHUNK.clone();
        damaged[4] ^= 0x20; // inside unit 1
        InputStream in = stream(damaged, 0, 10);
        byte[] buf = new byte[10];
        assertThat(in.read(buf, 0, 10)).isEqualTo(3); // unit 0, and never past its end
        assertThat(in.read(buf, 0, 2)).isEqualTo(2); // unit 1, not yet complete
        assertThatThrownBy(() -> in.read(buf, 0, 10))
                .isInstanceOf(FormatException.class)
                .hasMessage("c: unit 1 fails its CRC32C check (expected " + String.format("%08x", UNITS.crc32c()[1])
                        + ", got " + String.format("%08x", Crc32c.of(damaged, 3, 4)) + ")");
    }

    @Test
    void aReadWithoutUnitChecksIsLeftAsItIs() {
        InputStream raw = new ByteArrayInputStream(CHUNK);
        ChunkRead read = new ChunkRead(0, "c", ENTRY, new ByteRange(0, 10), List.of());
        assertThat(UnitCrcStream.of(read, raw, "c")).isSameAs(raw);
        assertThat(UnitCrcStream.of(
                        read.withUnits(new BlockIndex(UNITS.offsets(), UNITS.firstPos(), UNITS.maxEnd())), raw, "c"))
                .isSameAs(raw);
    }
}
