package io.bams3.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bams3.testing.Cli;
import io.bams3.testing.Samtools;
import io.bams3.testing.TestBams;
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
 * {@code bams3 view}'s samtools filters (-q, -f, -F, -G, -s, -L) and counts: the same records, in the
 * same order, as {@code samtools view} (with -M when there are regions or a BED file) given the same
 * options on the source BAM.
 */
@Tag("samtools")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ViewFiltersTest {
    @TempDir
    static Path dir;

    private final Path source = TestBams.path(TestBams.NA12878);
    private String dataset;

    private static final List<List<String>> REGION_SETS = List.of(
            List.of(),
            List.of("20:6000000-6050000"),
            List.of("11:5000000-5100000", "*"),
            List.of("20:6010000-6020000", "11:5010000-5030000", "20:6015000-6040000"));

    @BeforeAll
    void convert() {
        assumeTrue(Samtools.available(), "samtools is not installed");
        dataset = dir.resolve("na.bams3").toString();
        assertThat(Cli.run("convert", source.toString(), dataset, "--chunk-bytes", "48k")
                        .exit())
                .isZero();
    }

    /** bams3 view OPTIONS DATASET REGIONS; asserts exit 0. */
    private List<String> bams3(List<String> options, List<String> regions) {
        List<String> args = new ArrayList<>(List.of("view"));
        args.addAll(options);
        args.add(dataset);
        args.addAll(regions);
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertThat(r.exit()).as("%s %s: %s", options, regions, r.stderr()).isZero();
        return r.out().lines().toList();
    }

    private List<String> samtools(List<String> options, List<String> regions) {
        List<String> args = new ArrayList<>(List.of("view"));
        if (!regions.isEmpty() || options.contains("-L")) {
            args.add("-M");
        }
        args.addAll(options);
        args.add(source.toString());
        args.addAll(regions);
        return Samtools.run(args.toArray(String[]::new));
    }

    /** Asserts bams3 and samtools agree on every region set; returns the smallest and largest answer. */
    private long[] sameAsSamtools(String... options) {
        long min = Long.MAX_VALUE;
        long max = 0;
        for (List<String> regions : REGION_SETS) {
            List<String> expected = samtools(List.of(options), regions);
            assertThat(bams3(List.of(options), regions))
                    .as("%s %s", List.of(options), regions)
                    .containsExactlyElementsOf(expected);
            min = Math.min(min, expected.size());
            max = Math.max(max, expected.size());
        }
        return new long[] {min, max};
    }

    private long total() {
        return Long.parseLong(bams3(List.of("-c"), List.of()).get(0));
    }

    @Test
    void minimumMappingQuality() {
        for (String q : List.of("0", "1", "20", "37", "60", "61")) {
            long[] sizes = sameAsSamtools("-q", q);
            if (q.equals("20")) {
                assertThat(sizes[1]).isPositive().isLessThan(total());
            }
        }
        assertThat(bams3(List.of("--min-MQ", "30"), List.of("20")))
                .isEqualTo(bams3(List.of("-q", "30"), List.of("20")));
    }

    @Test
    void flagFiltersInDecimalHexOctalAndNames() {
        for (String[] options : List.of(
                new String[] {"-f", "0x2"},
                new String[] {"-f", "PAIRED,READ1"},
                new String[] {"-f", "64", "-f", "0x10"},
                new String[] {"-F", "0x400"},
                new String[] {"-F", "1024"},
                new String[] {"-F", "02000"},
                new String[] {"-F", "UNMAP"},
                new String[] {"-F", "0xC"},
                new String[] {"-G", "0x12"},
                new String[] {"-G", "0x402"},
                new String[] {"-G", "0x4"})) {
            long[] sizes = sameAsSamtools(options);
            assertThat(sizes[1]).as("%s", List.of(options)).isPositive().isLessThan(total());
        }
        // octal 02000 is 1024 (DUP), as C's strtol reads it
        assertThat(bams3(List.of("-F", "02000"), List.of())).isEqualTo(bams3(List.of("-F", "0x400"), List.of()));
    }

    @Test
    void badFlagsAreUsageErrors() {
        for (String[] options :
                List.of(new String[] {"-F", "0xZZ"}, new String[] {"-f", "NOTAFLAG"}, new String[] {"-G", "70000"})) {
            List<String> args = new ArrayList<>(List.of("view"));
            args.addAll(List.of(options));
            args.add(dataset);
            Cli.Result r = Cli.run(args.toArray(String[]::new));
            assertThat(r.exit()).as("%s", List.of(options)).isEqualTo(2);
            assertThat(r.stderr()).contains(options[1]);
            assertThat(r.out()).isEmpty();
        }
    }

    @Test
    void subsamplingChoosesTheReadsSamtoolsChooses() {
        for (String s : List.of("0.3", "7.5", "42.1", "1.999", "-3.25", "123456789.05", "11.0")) {
            long[] sizes = sameAsSamtools("-s", s);
            assertThat(sizes[1]).as(s).isPositive();
        }
        long half = bams3(List.of("-s", "7.5"), List.of()).size();
        assertThat(half).isBetween(total() * 4 / 10, total() * 6 / 10);
        Cli.Result bad = Cli.run("view", "-s", "7", dataset);
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.stderr()).contains("INT.FRAC");
    }

    @Test
    void bedTargetsAloneAndWithRegions() throws IOException {
        Path bed = dir.resolve("targets.bed");
        Files.writeString(
                bed,
                String.join(
                        "\n",
                        "browser position chr20:6000000-6100000",
                        "track name=targets description=\"some targets\"",
                        "# a comment",
                        "",
                        "20\t6000000\t6001000\tname1\t0\t+",
                        "  20 6030000   6032000",
                        "11\t5020000\t5020500",
                        "20\t6000500\t6002000",
                        "11\t5000000\t5000001",
                        ""));
        List<String> options = List.of("-L", bed.toString());
        List<String> alone = samtools(options, List.of());
        assertThat(bams3(options, List.of())).containsExactlyElementsOf(alone);
        assertThat(alone.size()).isGreaterThan(50);

        // a reference the dataset lacks is skipped, as samtools does without -M (with -M it gives up)
        Path other = dir.resolve("other-ref.bed");
        Files.writeString(other, Files.readString(bed) + "nosuchref\t1\t1000\n");
        assertThat(bams3(List.of("-L", other.toString()), List.of()))
                .containsExactlyElementsOf(Samtools.run("view", "-L", other.toString(), source.toString()))
                .containsExactlyElementsOf(alone);
        // a zero-length interval holds no base and selects nothing
        Path empty = dir.resolve("zero-length.bed");
        Files.writeString(empty, "20\t6040000\t6040000\n");
        assertThat(bams3(List.of("-c", "-L", empty.toString()), List.of())).containsExactly("0");

        for (List<String> regions : List.of(
                List.of("20"),
                List.of("20:6000800-6031000"),
                List.of("11:5020100-5020200", "20:6031999-6050000", "20:6031000-6031500"))) {
            List<String> expected = samtools(options, regions);
            assertThat(expected).as("%s", regions).isNotEmpty().hasSizeLessThan(alone.size());
            assertThat(bams3(options, regions)).as("%s", regions).containsExactlyElementsOf(expected);
        }
        // regions the BED does not touch: samtools stops with "Region list is empty"; bams3 answers nothing
        assertThat(bams3(options, List.of("11:5090000-5100000"))).isEmpty();
        assertThat(bams3(List.of("-c", "-L", bed.toString()), List.of("*"))).containsExactly("0");
    }

    @Test
    void aBadBedLineFailsNamingTheFileAndLine() throws IOException {
        Path bed = dir.resolve("bad.bed");
        Files.writeString(bed, "20\t6000000\t6001000\n20\t6000000\n");
        Path reversed = dir.resolve("reversed.bed");
        Files.writeString(reversed, "# fine\n20\t6001000\t6000000\n");
        Path words = dir.resolve("words.bed");
        Files.writeString(words, "20\tone\ttwo\n");
        for (Path file : List.of(bed, reversed, words)) {
            Cli.Result r = Cli.run("view", "-L", file.toString(), dataset);
            assertThat(r.exit()).as(file.toString()).isEqualTo(1);
            assertThat(r.stderr().lines().toList()).hasSize(1);
            assertThat(r.stderr()).contains(file.toString()).contains("line 2".substring(0, 5));
            assertThat(r.out()).isEmpty();
        }
        assertThat(Cli.run("view", "-L", bed.toString(), dataset).stderr()).contains("line 2");
        assertThat(Cli.run("view", "-L", words.toString(), dataset).stderr()).contains("line 1");
        Cli.Result missing = Cli.run("view", "-L", dir.resolve("nope.bed").toString(), dataset);
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.stderr()).contains("nope.bed");
    }

    @Test
    void combinations() throws IOException {
        Path bed = dir.resolve("combo.bed");
        Files.writeString(bed, "20\t6000000\t6060000\n11\t5005000\t5080000\n");
        List<List<String>> optionSets = List.of(
                List.of("-q", "20", "-F", "0x400", "-L", bed.toString()),
                List.of("-q", "1", "-f", "0x40", "-G", "0x30"),
                List.of("-F", "0x404", "-s", "5.4", "-q", "37"),
                List.of("-f", "PROPER_PAIR", "-F", "DUP", "-L", bed.toString(), "-s", "9.6"));
        for (List<String> options : optionSets) {
            for (List<String> regions : List.of(List.<String>of(), List.of("20:6010000-6100000"))) {
                List<String> expected = samtools(options, regions);
                assertThat(expected).as("%s %s", options, regions).isNotEmpty();
                assertThat(bams3(options, regions))
                        .as("%s %s", options, regions)
                        .containsExactlyElementsOf(expected);
                List<String> counting = new ArrayList<>(options);
                counting.add(0, "--count");
                assertThat(bams3(counting, regions)).containsExactly(String.valueOf(expected.size()));
                counting.set(0, "-c");
                assertThat(bams3(counting, regions)).containsExactly(String.valueOf(expected.size()));
            }
        }
    }
}
