package io.bams3.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bams3.store.LocalObjectStore;
import io.bams3.testing.Bams3Queries;
import io.bams3.testing.Cli;
import io.bams3.testing.HtsjdkOracle;
import io.bams3.testing.Samtools;
import io.bams3.testing.TestBams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Several regions at once behave as `samtools view -M`: merged, each record once, in file order. */
@Tag("samtools")
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultiRegionTest {
    @TempDir
    static Path dir;

    private Path dataset;
    private final Path source = TestBams.path(TestBams.NA12878);

    @BeforeAll
    void convert() {
        dataset = dir.resolve("na.bams3");
        assertThat(Cli.run("convert", source.toString(), dataset.toString(), "--chunk-bytes", "48k")
                        .exit())
                .isZero();
    }

    /** 40 random sets of 2 to 6 regions on 11, 20 and "*" (the same sets every run). */
    private static List<List<String>> randomRegionSets() {
        Random rnd = new Random(7);
        List<List<String>> sets = new ArrayList<>();
        for (int t = 0; t < 40; t++) {
            List<String> texts = new ArrayList<>();
            int n = 2 + rnd.nextInt(5);
            for (int i = 0; i < n; i++) {
                int roll = rnd.nextInt(10);
                if (roll == 0) {
                    texts.add("*");
                } else {
                    String ref = rnd.nextBoolean() ? "11" : "20";
                    int base = ref.equals("11") ? 5_000_000 : 6_000_000;
                    int beg = base + rnd.nextInt(110_000);
                    texts.add(ref + ":" + beg + "-" + (beg + 1 + rnd.nextInt(20_000)));
                }
            }
            sets.add(texts);
        }
        return sets;
    }

    @Test
    void randomRegionSetsMatchHtsjdk() throws IOException {
        Dataset ds = Dataset.open(new LocalObjectStore(dataset));
        RegionParser parser = new RegionParser(ds.header());
        try (HtsjdkOracle oracle = new HtsjdkOracle(source)) {
            for (List<String> texts : randomRegionSets()) {
                List<Region> regions = texts.stream().map(parser::parse).toList();
                List<String> expected = oracle.query(regions);
                assertThat(HtsjdkOracle.records(Bams3Queries.bam(ds, regions)))
                        .as("%s", texts)
                        .containsExactlyElementsOf(expected);
                List<String> args = new ArrayList<>(List.of("view", dataset.toString()));
                args.addAll(texts);
                Cli.Result cli = Cli.run(args.toArray(String[]::new));
                assertThat(cli.exit()).isZero();
                assertThat(cli.out().lines().count()).as("%s", texts).isEqualTo(expected.size());
            }
        }
    }

    @Test
    void randomRegionSetsInTheCliMatchSamtoolsMinusM() {
        assumeTrue(Samtools.available(), "samtools is not installed");
        for (List<String> texts : randomRegionSets()) {
            List<String> args = new ArrayList<>(List.of("view", dataset.toString()));
            args.addAll(texts);
            Cli.Result cli = Cli.run(args.toArray(String[]::new));
            assertThat(cli.exit()).isZero();
            List<String> sam = new ArrayList<>(List.of("view", "-M", source.toString()));
            sam.addAll(texts);
            assertThat(cli.out().lines().toList())
                    .as("%s", texts)
                    .containsExactlyElementsOf(Samtools.run(sam.toArray(String[]::new)));
        }
    }

    @Test
    void overlappingAndDuplicateRegionsGiveEachRecordOnce() {
        Cli.Result twice =
                Cli.run("view", dataset.toString(), "20:6000000-6010000", "20:6005000-6020000", "20:6000000-6010000");
        Cli.Result once = Cli.run("view", dataset.toString(), "20:6000000-6020000");
        assertThat(twice.out()).isEqualTo(once.out());
        assertThat(once.out().lines().count()).isGreaterThan(100);
        assertThat(once.out().lines().distinct().count())
                .isEqualTo(once.out().lines().count());
    }

    @Test
    void viewOptions() throws IOException {
        String ds = dataset.toString();
        Cli.Result header = Cli.run("view", "-H", ds);
        assertThat(header.out()).startsWith("@HD").contains("@SQ\tSN:11").doesNotContain("\n11\t");
        Cli.Result withHeader = Cli.run("view", "-h", ds, "20:6000000-6000500");
        assertThat(withHeader.out()).startsWith(header.out());
        Cli.Result count = Cli.run("view", "-c", ds, "20:6000000-6000500");
        assertThat(withHeader.out().substring(header.out().length()).lines().count())
                .isEqualTo(Long.parseLong(count.out().trim()))
                .isPositive();
        Path file = dir.resolve("region.bam");
        assertThat(Cli.run("view", "-b", "-o", file.toString(), ds, "20:6000000-6000500")
                        .exit())
                .isZero();
        assertThat(HtsjdkOracle.records(Files.readAllBytes(file)))
                .hasSize((int) Long.parseLong(count.out().trim()));
    }

    @Test
    void viewBamOutputIsWhatSamtoolsReadsFromTheSource() {
        assumeTrue(Samtools.available(), "samtools is not installed");
        String ds = dataset.toString();
        Path file = dir.resolve("region-samtools.bam");
        assertThat(Cli.run("view", "-b", "-o", file.toString(), ds, "20:6000000-6000500")
                        .exit())
                .isZero();
        assertThat(Samtools.run("view", "-H", "--no-PG", file.toString()))
                .isEqualTo(Cli.run("view", "-H", ds).out().lines().toList());
        assertThat(Samtools.run("view", file.toString()))
                .hasSize((int) Long.parseLong(
                        Cli.run("view", "-c", ds, "20:6000000-6000500").out().trim()))
                .isEqualTo(Samtools.run("view", source.toString(), "20:6000000-6000500"));
    }
}
