package io.bams3.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bams3.testing.Cli;
import io.bams3.testing.Samtools;
import io.bams3.testing.TestBams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** stats --json: flagstat counts agree with samtools flagstat; stats reads no chunk. */
@Tag("samtools")
class StatsJsonTest {
    @TempDir
    Path dir;

    @Test
    void jsonCountsMatchFlagstatAndNeedNoChunk() throws Exception {
        Path source = TestBams.path(TestBams.NA12878);
        Path ds = dir.resolve("na.bams3");
        assertThat(Cli.run("convert", source.toString(), ds.toString()).exit()).isZero();
        // stats must answer from metadata alone: remove every chunk and index object
        try (var files = Files.walk(ds)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                String rel = ds.relativize(p).toString();
                if (rel.startsWith("data") || rel.startsWith("_index")) {
                    Files.delete(p);
                }
            }
        }
        Cli.Result r = Cli.run("stats", "--json", ds.toString());
        assertThat(r.exit()).as(r.stderr()).isZero();
        JsonNode json = JsonMapper.builder().build().readTree(r.out());
        assertThat(json.get("records").asLong()).isEqualTo(39_918);
        assertThat(json.get("codec").asString()).isEqualTo("bgzf");
        assertThat(json.get("source").get("sha256").asString()).hasSize(64);
        assertThat(json.get("chunks").asInt()).isPositive();
        JsonNode passed = json.get("flagstat").get("qcPassed");
        assertThat(passed.get("total").asLong()
                        + json.get("flagstat").get("qcFailed").get("total").asLong())
                .isEqualTo(39_918);
        assumeTrue(Samtools.available(), "samtools not installed");
        List<String> flagstat = Samtools.run("flagstat", source.toString());
        assertThat(flagstat.get(0)).startsWith(passed.get("total").asLong() + " + ");
        assertThat(flagstat)
                .anyMatch(l -> l.startsWith(passed.get("mapped").asLong() + " + ") && l.contains("mapped ("));
        assertThat(flagstat)
                .anyMatch(l ->
                        l.startsWith(passed.get("properlyPaired").asLong() + " + ") && l.contains("properly paired"));
        assertThat(flagstat)
                .anyMatch(l -> l.startsWith(passed.get("singletons").asLong() + " + ") && l.contains("singletons"));
        assertThat(flagstat)
                .anyMatch(l -> l.startsWith(passed.get("duplicates").asLong() + " + ") && l.contains("duplicates"));
    }
}
