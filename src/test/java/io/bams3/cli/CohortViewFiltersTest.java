package io.bams3.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bams3.testing.Cli;
import io.bams3.testing.CohortBams;
import io.bams3.testing.Samtools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bams3 view COHORT} with samtools' filters: the merged stream equals the cohort oracle with
 * each member's records filtered by samtools itself (-q, -f, -F, -G, -s, -L), as SAM, as a count
 * and as BAM read back by samtools.
 */
@Tag("samtools")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CohortViewFiltersTest {
    @TempDir
    static Path dir;

    private List<CohortBams.Member> members;
    private String cohort;

    @BeforeAll
    void setUp() {
        assumeTrue(Samtools.available(), "samtools is not installed");
        members = CohortBams.write(dir);
        List<String> args = new ArrayList<>(List.of("cohort", "create"));
        for (CohortBams.Member m : members) {
            String rel = "ds/" + m.sample() + ".bams3";
            ok(Cli.run("convert", m.bam().toString(), dir.resolve(rel).toString(), "--chunk-bytes", "64k"));
            args.addAll(List.of("--member", m.sample() + "=" + rel));
        }
        cohort = dir.resolve("five.cohort").toString();
        args.add(cohort);
        ok(Cli.run(args.toArray(String[]::new)));
    }

    private static Cli.Result ok(Cli.Result r) {
        assertThat(r.exit()).as(r.stderr()).isZero();
        return r;
    }

    private List<String> view(List<String> options, List<String> regions) {
        List<String> args = new ArrayList<>(List.of("view"));
        args.addAll(options);
        args.add(cohort);
        args.addAll(regions);
        return ok(Cli.run(args.toArray(String[]::new))).out().lines().toList();
    }

    @Test
    void filtersApplyToTheMergedStream() {
        List<List<String>> regionSets =
                List.of(List.<String>of(), List.of("20:6000000-6050000", "17", "*"), List.of("11:5000000-5100000"));
        int nonEmpty = 0;
        for (List<String> options : List.of(
                List.of("-q", "20"),
                List.of("-F", "0x400"),
                List.of("-q", "20", "-F", "0x400"),
                List.of("-f", "0x40", "-G", "0x12"),
                List.of("-s", "3.5"))) {
            for (List<String> regions : regionSets) {
                List<String> expected = CohortBams.expected(members, regions, options);
                List<String> all = CohortBams.expected(members, regions);
                assertThat(view(options, regions)).as("%s %s", options, regions).containsExactlyElementsOf(expected);
                assertThat(expected.size()).isLessThan(all.size());
                List<String> counting = new ArrayList<>(options);
                counting.add("--count");
                assertThat(view(counting, regions)).containsExactly(String.valueOf(expected.size()));
                nonEmpty += expected.isEmpty() ? 0 : 1;
            }
        }
        assertThat(nonEmpty).isEqualTo(15);
    }

    @Test
    void bedTargetsAndBamOutput() throws IOException {
        Path bed = dir.resolve("cohort.bed");
        Files.writeString(bed, "# targets\n17\t1000\t3000\n20\t6010000\t6040000\n11\t5020000\t5021000\n");
        List<String> options = List.of("-L", bed.toString(), "-q", "20");
        // the oracle per member: samtools -M -L BED -q 20 (the BED with regions: their intersection)
        List<String> multi = new ArrayList<>(List.of("-M"));
        multi.addAll(options);
        List<String> expected = CohortBams.expected(members, List.of(), multi);
        assertThat(expected).hasSizeGreaterThan(100);
        assertThat(view(options, List.of())).containsExactlyElementsOf(expected);
        List<String> clipped = CohortBams.expected(members, List.of("20:6020000-6100000", "17:2000-2500"), options);
        assertThat(clipped).isNotEmpty().hasSizeLessThan(expected.size());
        assertThat(view(options, List.of("20:6020000-6100000", "17:2000-2500"))).containsExactlyElementsOf(clipped);

        Path bam = dir.resolve("cohort-filtered.bam");
        List<String> args = new ArrayList<>(List.of("-u", "-@", "2", "-o", bam.toString()));
        args.addAll(options);
        view(args, List.of());
        assertThat(Samtools.run("view", bam.toString())).containsExactlyElementsOf(expected);
    }
}
