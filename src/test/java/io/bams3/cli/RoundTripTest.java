package io.bams3.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bams3.testing.Cli;
import io.bams3.testing.HtsjdkOracle;
import io.bams3.testing.Samtools;
import io.bams3.testing.TestBams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** convert -> export gives the source's records; stats equals samtools idxstats; validate passes. */
@Tag("samtools")
@Tag("slow")
class RoundTripTest {
    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("htsnexus_test_NA12878.bam", "bgzf", "16M"),
                Arguments.of("htsnexus_test_NA12878.bam", "zstd", "64k"),
                Arguments.of("na12878-chrM-Y-trunc.bam", "bgzf", "32k"),
                Arguments.of("na12878-chrM-Y-trunc.bam", "zstd", "16M"),
                Arguments.of("mpileup.1.bam", "bgzf", "16M"));
    }

    /** Converts {@code source} into dir/ds.bams3 and exports it to dir/out.bam; returns the dataset. */
    private String convertAndExport(Path source, String codec, String chunk) {
        String ds = dir.resolve("ds.bams3").toString();
        assertThat(Cli.run("convert", source.toString(), ds, "--codec", codec, "--chunk-bytes", chunk)
                        .exit())
                .isZero();
        Cli.Result export = Cli.run("export", ds, dir.resolve("out.bam").toString());
        assertThat(export.exit()).as(export.stderr()).isZero();
        return ds;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void exportStatsValidate(String bam, String codec, String chunk) throws IOException {
        Path source = TestBams.path(bam);
        String ds = convertAndExport(source, codec, chunk);
        Path exported = dir.resolve("out.bam");
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
        long total = stats.out()
                .lines()
                .mapToLong(l -> {
                    String[] f = l.split("\t");
                    return Long.parseLong(f[2]) + Long.parseLong(f[3]);
                })
                .sum();
        assertThat(total).isEqualTo(expected.size());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void statsAndExportAgreeWithSamtools(String bam, String codec, String chunk) {
        assumeTrue(Samtools.available(), "samtools is not installed");
        Path source = TestBams.path(bam);
        String ds = convertAndExport(source, codec, chunk);
        Path exported = dir.resolve("out.bam");
        assertThat(Cli.run("stats", ds).out())
                .isEqualTo(String.join("\n", Samtools.run("idxstats", source.toString())) + "\n");
        assertThat(Samtools.run("view", exported.toString())).isEqualTo(Samtools.run("view", source.toString()));
        assertThat(Samtools.run("view", "-c", source.toString(), "*").get(0))
                .isEqualTo(Cli.run("view", "-c", ds, "*").out().trim());
    }
}
