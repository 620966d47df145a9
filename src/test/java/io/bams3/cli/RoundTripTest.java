package io.bams3.cli;

import org.junit.jupiter.api.Tag;
import io.bams3.testing.Cli;
import io.bams3.testing.HtsjdkOracle;
import io.bams3.testing.Samtools;
import io.bams3.testing.TestBams;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** convert -> export gives the source's records; stats equals samtools idxstats; validate passes. */
@Tag("samtools")
@Tag("slow")
class RoundTripTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "htsnexus_test_NA12878.bam, bgzf, 16M", "htsnexus_test_NA12878.bam, zstd, 64k",
            "na12878-chrM-Y-trunc.bam, bgzf, 32k", "na12878-chrM-Y-trunc.bam, zstd, 16M",
            "mpileup.1.bam, bgzf, 16M"})
    void exportStatsValidate(String bam, String codec, String chunk) throws IOException {
        Path source = TestBams.path(bam);
        String ds = dir.resolve("ds.bams3").toString();
        assertThat(Cli.run("convert", source.toString(), ds, "--codec", codec, "--chunk-bytes", chunk).exit()).isZero();

        Path exported = dir.resolve("out.bam");
        Cli.Result export = Cli.run("export", ds, exported.toString());
        assertThat(export.exit()).as(export.stderr()).isZero();
        List<String> expected;
        try (HtsjdkOracle oracle = new HtsjdkOracle(source)) {
            expected = oracle.all();
        }
        assertThat(HtsjdkOracle.records(Files.readAllBytes(exported))).containsExactlyElementsOf(expected);

        Cli.Result view = Cli.run("view", "-b", ds);
        assertThat(HtsjdkOracle.records(view.stdout())).containsExactlyElementsOf(expected);

        Cli.Result validate = Cli.run("validate", ds);
        assertThat(validate.exit()).as(validate.stderr()).isZero();
        assertThat(validate.out()).contains("OK").contains(String.format("%,d records", expected.size()));

        Cli.Result stats = Cli.run("stats", ds);
        assertThat(stats.exit()).isZero();
        if (Samtools.available()) {
            assertThat(stats.out()).isEqualTo(String.join("\n", Samtools.run("idxstats", source.toString())) + "\n");
            assertThat(Samtools.run("view", exported.toString())).isEqualTo(Samtools.run("view", source.toString()));
            assertThat(Samtools.run("view", "-c", source.toString(), "*").get(0))
                    .isEqualTo(Cli.run("view", "-c", ds, "*").out().trim());
        }
        long total = stats.out().lines().mapToLong(l -> {
            String[] f = l.split("\t");
            return Long.parseLong(f[2]) + Long.parseLong(f[3]);
        }).sum();
        assertThat(total).isEqualTo(expected.size());
    }
}
