package io.bams3.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bams3.testing.Cli;
import io.bams3.testing.Samtools;
import io.bams3.testing.TestBams;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code bams3 idxstats} and {@code bams3 flagstat} print what samtools prints for the source BAM, byte for byte. */
@Tag("samtools")
class SamtoolsStatsNamesTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {TestBams.NA12878, TestBams.CHRM, TestBams.MPILEUP})
    void idxstatsAndFlagstatEqualSamtools(String bam) {
        assumeTrue(Samtools.available(), "samtools not installed");
        Path source = TestBams.path(bam);
        String ds = dir.resolve("d.bams3").toString();
        Cli.Result convert = Cli.run("convert", source.toString(), ds);
        assertThat(convert.exit()).as(convert.stderr()).isZero();
        for (String command : List.of("idxstats", "flagstat")) {
            Cli.Result r = Cli.run(command, ds);
            assertThat(r.exit()).as(r.stderr()).isZero();
            assertThat(r.out())
                    .as("bams3 %s vs samtools %s on %s", command, command, bam)
                    .isEqualTo(text(Samtools.run(command, source.toString())));
        }
        assertThat(Cli.run("idxstats", ds).out()).isEqualTo(Cli.run("stats", ds).out());
    }

    @Test
    void aCohortIsAUsageErrorThatNamesTheStatsAlternative() {
        Cli.Result r = Cli.run("flagstat", dir.resolve("x.cohort").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.stderr()).contains("takes a dataset, not a cohort", "bams3 stats --json");
    }

    @Test
    void percentagesAreSamtoolsFloatQuotientsOrNa() {
        assertThat(FlagstatText.percent(0, 0)).isEqualTo("N/A");
        assertThat(FlagstatText.percent(568, 569)).isEqualTo("99.82%");
        assertThat(FlagstatText.percent(1, 569)).isEqualTo("0.18%");
        assertThat(FlagstatText.percent(5, 5)).isEqualTo("100.00%");
    }

    private static String text(List<String> lines) {
        StringBuilder b = new StringBuilder();
        lines.forEach(l -> b.append(l).append('\n'));
        return b.toString();
    }
}
