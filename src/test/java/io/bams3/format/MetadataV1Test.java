package io.bams3.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bams3.codec.FormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Version 1 metadata (the committed fixture) is still read, and checked as before. */
class MetadataV1Test {
    private static final Path FIXTURE = Path.of("src/test/resources/v1/na12878-sample.bams3/_metadata.json");

    @Test
    void readsTheVersion1FixtureAsItsVersion2Equivalent() throws IOException {
        byte[] json = Files.readAllBytes(FIXTURE);
        assertThat(DatasetMetadata.versionOf(json, "m")).isEqualTo(1);
        MetadataV1 v1 = MetadataV1.fromJson(json, "m");
        DatasetMetadata m = v1.current();
        assertThat(m.formatVersion()).isEqualTo(1);
        assertThat(m.generationPrefix()).isEmpty();
        assertThat(m.records()).isEqualTo(3153);
        assertThat(m.references().count()).isEqualTo(v1.references().size()).isGreaterThan(80);
        assertThat(v1.summaries().stream().mapToLong(ReferenceSummary::records).sum()
                        + m.unplaced().records())
                .isEqualTo(3153);
        assertThat(m.chunks()).isEqualTo(v1.chunkCount()).isEqualTo(13);
        m.checkTotals(v1.summaries(), "m");
        assertThatThrownBy(() -> DatasetMetadata.fromJson(json, "m")).isInstanceOf(FormatException.class);
    }

    @Test
    void refusesWhatBreaksTheVersion1Invariants() throws IOException {
        String json = Files.readString(FIXTURE);
        String twice = json.replace("\"name\" : \"1\",", "\"name\" : \"11\",");
        assertThatThrownBy(() -> MetadataV1.fromJson(twice.getBytes(), "m"))
                .isInstanceOf(FormatException.class)
                .hasMessage("m: reference 11 is listed twice");
        String sum = json.replace("\"records\" : 3153", "\"records\" : 3154");
        assertThatThrownBy(() -> MetadataV1.fromJson(sum.getBytes(), "m"))
                .isInstanceOf(FormatException.class)
                .hasMessage("m: references and unplaced hold 3153 records, metadata says 3154");
    }
}
