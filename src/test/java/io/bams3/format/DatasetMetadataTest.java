package io.bams3.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bams3.codec.FlagStats;
import io.bams3.codec.FormatException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetMetadataTest {

    static DatasetMetadata sample(String codec, int references, long records) {
        FlagStats.Counts passed = new FlagStats.Counts(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16);
        FlagStats.Counts failed = new FlagStats.Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 17);
        return new DatasetMetadata(
                "bams3",
                3,
                codec,
                "2026-11-29T10:44:13Z",
                "20261129T104410Z-0a1b2c3d",
                new DatasetMetadata.Source(
                        "in.bam", 2_596_799, "0424dfcc1255ff5f48ae39f9bf0129d1d01cb75fa6cf8d141670101860182060"),
                65_536,
                records,
                13,
                988_481,
                new DatasetMetadata.Header(21_010, "1e40989a"),
                new DatasetMetadata.References(references, 12 + 40L * references, "b6b8c4af"),
                new DatasetMetadata.Unplaced(5, 1, 300, "ee405960"),
                new FlagStats(passed, failed));
    }

    private static String json(DatasetMetadata m) {
        return new String(m.toJson(), StandardCharsets.UTF_8);
    }

    @Test
    void roundTripsThroughJsonWithTheFieldNamesOfFormatSection3() {
        DatasetMetadata m = sample("bgzf", 86, 12_903);
        byte[] json = m.toJson();
        assertThat(DatasetMetadata.fromJson(json, "m")).isEqualTo(m);
        assertThat(DatasetMetadata.versionOf(json, "m")).isEqualTo(3);
        assertThat(new String(json, StandardCharsets.UTF_8))
                .contains(
                        "\"format\" : \"bams3\"",
                        "\"formatVersion\" : 3",
                        "\"codec\" : \"bgzf\"",
                        "\"generation\" : \"20261129T104410Z-0a1b2c3d\"",
                        "\"chunkTargetBytes\" : 65536",
                        "\"references\" : {",
                        "\"count\" : 86",
                        "\"bytes\" : 3452",
                        "\"indexCrc32c\" : \"ee405960\"",
                        "\"qcPassed\"",
                        "\"mateOnDifferentChrMapq5\" : 16")
                .doesNotEndWith("\n");
        assertThat(m.generationPrefix()).isEqualTo("gen/20261129T104410Z-0a1b2c3d/");
        assertThat(m.codecValue()).isEqualTo(Codec.BGZF);
    }

    @Test
    void itsSizeDoesNotDependOnTheNumberOfReferences() {
        assertThat(sample("bgzf", 1_000_000, 12_903).toJson().length
                        - sample("bgzf", 1, 12_903).toJson().length)
                .isLessThan(16);
    }

    @Test
    void readsAnyCaseOfTheCodecAndIgnoresUnknownFields() {
        String json = json(sample("ZSTD", 86, 12_903)).replaceFirst("\\{", "{ \"future\" : [1, 2],");
        DatasetMetadata m = DatasetMetadata.fromJson(json.getBytes(StandardCharsets.UTF_8), "m");
        assertThat(m.codecValue()).isEqualTo(Codec.ZSTD);
    }

    @Test
    void refusesWhatBreaksTheInvariants() {
        assertRefused(sample("lz4", 86, 12_903), "m: unknown codec 'lz4' (expected bgzf or zstd)");
        assertRefused(withGeneration(sample("bgzf", 86, 12_903), "../../etc"), "m: bad generation name");
        assertRefused(withGeneration(sample("bgzf", 86, 12_903), ""), "m: bad generation name");
        assertRefused(
                sample("bgzf", 86, 4),
                "m: the totals (4 records, 13 chunks, 988481 bytes) are smaller than the unplaced records' part");
        String wrongSize = json(sample("bgzf", 86, 12_903)).replace("\"bytes\" : 3452", "\"bytes\" : 3453");
        assertThatThrownBy(() -> DatasetMetadata.fromJson(wrongSize.getBytes(StandardCharsets.UTF_8), "m"))
                .isInstanceOf(FormatException.class)
                .hasMessage("m: a reference table of 86 entries cannot have 3453 bytes");
        String v4 = json(sample("bgzf", 86, 12_903)).replace("\"formatVersion\" : 3", "\"formatVersion\" : 4");
        assertThatThrownBy(() -> DatasetMetadata.fromJson(v4.getBytes(StandardCharsets.UTF_8), "m"))
                .isInstanceOf(FormatException.class)
                .hasMessage("m: unsupported format version 4");
        String v2 = json(sample("bgzf", 86, 12_903)).replace("\"formatVersion\" : 3", "\"formatVersion\" : 2");
        assertThat(DatasetMetadata.fromJson(v2.getBytes(StandardCharsets.UTF_8), "m")
                        .blockIndexVersion())
                .isEqualTo(BlockIndex.VERSION_1);
        String bam = json(sample("bgzf", 86, 12_903)).replace("\"format\" : \"bams3\"", "\"format\" : \"bam\"");
        assertThatThrownBy(() -> DatasetMetadata.versionOf(bam.getBytes(StandardCharsets.UTF_8), "m"))
                .isInstanceOf(FormatException.class)
                .hasMessage("m: not BAMS3 metadata");
        assertThatThrownBy(() -> DatasetMetadata.fromJson("{\"format\":".getBytes(StandardCharsets.UTF_8), "m"))
                .isInstanceOf(FormatException.class)
                .hasMessageStartingWith("m: unreadable dataset metadata");
    }

    @Test
    void checksAWholeReferenceTableAgainstItsTotals() {
        DatasetMetadata m = sample("bgzf", 2, 12_903);
        List<ReferenceSummary> table = List.of(
                ReferenceSummary.empty(249_250_621),
                new ReferenceSummary(135_006_516, 12_789, 109, 12, 988_181, 0xb6b8c4af));
        m.checkTotals(table, "m");
        assertThatThrownBy(() -> m.checkTotals(table.subList(0, 1), "m"))
                .hasMessage("m: 1 reference entries, metadata says 2");
        assertThatThrownBy(() -> sample("bgzf", 2, 12_904).checkTotals(table, "m"))
                .hasMessage("m: references and unplaced hold 12903 records in 13 chunks of 988481 bytes;"
                        + " metadata says 12904, 13, 988481");
    }

    private static DatasetMetadata withGeneration(DatasetMetadata m, String generation) {
        return new DatasetMetadata(
                m.format(),
                m.formatVersion(),
                m.codec(),
                m.created(),
                generation,
                m.source(),
                m.chunkTargetBytes(),
                m.records(),
                m.chunks(),
                m.dataBytes(),
                m.header(),
                m.references(),
                m.unplaced(),
                m.flagstat());
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
