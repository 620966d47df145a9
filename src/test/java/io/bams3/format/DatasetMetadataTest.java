package io.bams3.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bams3.codec.FlagStats;
import io.bams3.codec.FormatException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetMetadataTest {

    static DatasetMetadata sample(String codec, List<DatasetMetadata.ReferenceSummary> refs, long records) {
        FlagStats.Counts passed = new FlagStats.Counts(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16);
        FlagStats.Counts failed = new FlagStats.Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 17);
        return new DatasetMetadata(
                "bams3",
                1,
                codec,
                "2026-11-29T10:44:13Z",
                new DatasetMetadata.Source(
                        "in.bam", 2_596_799, "0424dfcc1255ff5f48ae39f9bf0129d1d01cb75fa6cf8d141670101860182060"),
                65_536,
                records,
                new DatasetMetadata.Header("_header.sam", 19_864, "1e40989a"),
                refs,
                new DatasetMetadata.Unplaced(5, 1, 300, "ee405960"),
                new FlagStats(passed, failed));
    }

    static final List<DatasetMetadata.ReferenceSummary> REFS = List.of(
            new DatasetMetadata.ReferenceSummary("1", 249_250_621, 0, 0, 0, 0, "00000000"),
            new DatasetMetadata.ReferenceSummary("11", 135_006_516, 12_789, 109, 12, 988_181, "b6b8c4af"));

    private static String json(DatasetMetadata m) {
        return new String(m.toJson(), StandardCharsets.UTF_8);
    }

    @Test
    void roundTripsThroughJsonWithTheFieldNamesOfFormatSection3() {
        DatasetMetadata m = sample("bgzf", REFS, 12_789 + 109 + 5);
        byte[] json = m.toJson();
        assertThat(DatasetMetadata.fromJson(json, "m")).isEqualTo(m);
        assertThat(new String(json, StandardCharsets.UTF_8))
                .contains(
                        "\"format\" : \"bams3\"",
                        "\"formatVersion\" : 1",
                        "\"codec\" : \"bgzf\"",
                        "\"chunkTargetBytes\" : 65536",
                        "\"indexCrc32c\" : \"b6b8c4af\"",
                        "\"qcPassed\"",
                        "\"mateOnDifferentChrMapq5\" : 16")
                .doesNotEndWith("\n");
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        m.writeJson(streamed);
        assertThat(streamed.toByteArray()).isEqualTo(json);
        assertThat(m.dataBytes()).isEqualTo(988_181 + 300);
        assertThat(m.chunkCount()).isEqualTo(13);
        assertThat(m.codecValue()).isEqualTo(Codec.BGZF);
    }

    @Test
    void readsAnyCaseOfTheCodecAndIgnoresUnknownFields() {
        String json = json(sample("ZSTD", REFS, 12_903)).replaceFirst("\\{", "{ \"future\" : [1, 2],");
        DatasetMetadata m = DatasetMetadata.fromJson(json.getBytes(StandardCharsets.UTF_8), "m");
        assertThat(m.codecValue()).isEqualTo(Codec.ZSTD);
        assertThat(m.references()).isEqualTo(REFS);
    }

    @Test
    void refusesWhatBreaksTheInvariants() {
        assertRefused(
                sample("bgzf", REFS, 12_904), "m: references and unplaced hold 12903 records, metadata says 12904");
        assertRefused(sample("lz4", REFS, 12_903), "m: unknown codec 'lz4' (expected bgzf or zstd)");
        assertRefused(
                sample("bgzf", List.of(REFS.get(1), REFS.get(1)), 2 * 12_898 + 5), "m: reference 11 is listed twice");
        assertRefused(
                sample("bgzf", List.of(new DatasetMetadata.ReferenceSummary("2", 10, 1, 0, 0, 0, "00000000")), 6),
                "m: reference 2: 0 chunks cannot hold 1 records in 0 bytes");
        assertRefused(
                sample("bgzf", List.of(new DatasetMetadata.ReferenceSummary("2", 10, 0, 0, 0, 0, "zz")), 5),
                "m: bad CRC32C value 'zz'");
        String v2 = json(sample("bgzf", REFS, 12_903)).replace("\"formatVersion\" : 1", "\"formatVersion\" : 2");
        assertThatThrownBy(() -> DatasetMetadata.fromJson(v2.getBytes(StandardCharsets.UTF_8), "m"))
                .isInstanceOf(FormatException.class)
                .hasMessage("m: unsupported format version 2");
        String bam = json(sample("bgzf", REFS, 12_903)).replace("\"format\" : \"bams3\"", "\"format\" : \"bam\"");
        assertThatThrownBy(() -> DatasetMetadata.fromJson(bam.getBytes(StandardCharsets.UTF_8), "m"))
                .isInstanceOf(FormatException.class)
                .hasMessage("m: not BAMS3 metadata");
        assertThatThrownBy(() -> DatasetMetadata.fromJson("{\"format\":".getBytes(StandardCharsets.UTF_8), "m"))
                .isInstanceOf(FormatException.class)
                .hasMessageStartingWith("m: unreadable dataset metadata");
    }

    private static void assertRefused(DatasetMetadata m, String message) {
        assertThatThrownBy(() -> DatasetMetadata.fromJson(m.toJson(), "m"))
                .isInstanceOf(FormatException.class)
                .hasMessage(message);
    }

    @Test
    void hexIsEightLowercaseDigitsAndParsesBack() {
        assertThat(DatasetMetadata.hex(0)).isEqualTo("00000000");
        assertThat(DatasetMetadata.hex(0xCAFEBABE)).isEqualTo("cafebabe");
        assertThat(DatasetMetadata.parseHex("cafebabe")).isEqualTo(0xCAFEBABE);
        assertThat(DatasetMetadata.parseHex("1F")).isEqualTo(31);
        assertThatThrownBy(() -> DatasetMetadata.parseHex("123456789")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DatasetMetadata.parseHex(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
