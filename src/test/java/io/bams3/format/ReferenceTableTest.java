package io.bams3.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bams3.codec.FormatException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReferenceTableTest {
    private static final List<ReferenceSummary> SUMMARIES = List.of(
            ReferenceSummary.empty(248_956_422),
            new ReferenceSummary(135_086_622, 12_789, 109, 12, 988_181, 0xb6b8c4af));

    @Test
    void entriesAreFixedAt12Plus40TimesTheirRefId() {
        byte[] table = ReferenceTable.encode(SUMMARIES);
        assertThat(table).hasSize(92);
        assertThat(ReferenceTable.size(2)).isEqualTo(92);
        assertThat(ReferenceTable.offset(1)).isEqualTo(52);
        // "B3RT", version 1, entry size 40, count 2; then entry 1: length, mapped, unmapped, chunks, bytes, indexCrc32c
        assertThat(HexFormat.of().formatHex(table, 0, 12)).isEqualTo("42335254" + "0100" + "2800" + "02000000");
        assertThat(HexFormat.of().formatHex(table, 52, 88))
                .isEqualTo("1e420d08" + "f531000000000000" + "6d00000000000000" + "0c000000"
                        + "1514 0f00 0000 0000".replace(" ", "") + "afc4b8b6");
        assertThat(ReferenceTable.decode(table, "t")).isEqualTo(SUMMARIES);
    }

    @Test
    void anEntryReadAloneIsCheckedAndCannotPassForAnotherReference() {
        byte[] table = ReferenceTable.encode(SUMMARIES);
        byte[] entry1 = Arrays.copyOfRange(table, 52, 92);
        assertThat(ReferenceTable.decodeEntry(entry1, 1, "t")).isEqualTo(SUMMARIES.get(1));
        assertThatThrownBy(() -> ReferenceTable.decodeEntry(entry1, 0, "t"))
                .isInstanceOf(FormatException.class)
                .hasMessage("t: the entry of reference 0 fails its CRC32C check");
        entry1[4]++;
        assertThatThrownBy(() -> ReferenceTable.decodeEntry(entry1, 1, "t"))
                .isInstanceOf(FormatException.class)
                .hasMessage("t: the entry of reference 1 fails its CRC32C check");
        assertThatThrownBy(() -> ReferenceTable.decodeEntry(Arrays.copyOf(entry1, 39), 1, "t"))
                .hasMessage("t: reference entry 1 has 39 bytes, not 40");
    }

    @Test
    void theStreamedTableEqualsTheEncodedOneAndItsCrc() throws IOException {
        List<ReferenceSummary> many = IntStream.range(0, 3366)
                .mapToObj(i -> new ReferenceSummary(1000 + i, i, i % 3, i % 2, i % 2 * 100L, i % 2 * i))
                .toList();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int crc = ReferenceTable.write(out, many.size(), many::get);
        byte[] encoded = ReferenceTable.encode(many);
        assertThat(out.toByteArray()).isEqualTo(encoded);
        assertThat(crc).isEqualTo(Crc32c.of(encoded));
    }

    @Test
    void refusesATableWhoseSizeDoesNotMatchItsCount() {
        byte[] table = ReferenceTable.encode(SUMMARIES);
        assertThatThrownBy(() -> ReferenceTable.decode(Arrays.copyOf(table, 91), "t"))
                .hasMessage("t: reference table size does not match its entry count 2");
    }
}
