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
 * {@code bams3 view}'s output options as samtools has them: -b / -O BAM / -u (stored BGZF blocks) /
 * -1 (fast) / -@ N (compression threads) write BAM that samtools reads back as the records samtools
 * itself selects; -O SAM and an output named .sam write SAM.
 */
@Tag("samtools")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ViewOutputFormatsTest {
    @TempDir
    static Path dir;

    private final Path source = TestBams.path(TestBams.NA12878);
    private String dataset;
    private static final String REGION = "20:6000000-6100000";

    @BeforeAll
    void convert() {
        assumeTrue(Samtools.available(), "samtools is not installed");
        dataset = dir.resolve("na.bams3").toString();
        assertThat(Cli.run("convert", source.toString(), dataset, "--chunk-bytes", "48k")
                        .exit())
                .isZero();
    }

    /** Runs bams3 view OPTIONS -o FILE DATASET REGION (plus -q 10 -F 0x400); returns FILE. */
    private Path write(String name, String... options) {
        Path file = dir.resolve(name);
        List<String> args = new ArrayList<>(List.of("view", "-q", "10", "-F", "0x400", "-o", file.toString()));
        args.addAll(List.of(options));
        args.add(dataset);
        args.add(REGION);
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertThat(r.exit()).as("%s: %s", List.of(options), r.stderr()).isZero();
        return file;
    }

    private List<String> expected() {
        return Samtools.run("view", "-q", "10", "-F", "0x400", source.toString(), REGION);
    }

    /** The deflate block types (BTYPE) of the first deflate block in each BGZF block of {@code file}. */
    private static List<Integer> blockTypes(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        List<Integer> types = new ArrayList<>();
        for (int p = 0; p < b.length; ) {
            assertThat(b[p] & 0xff).isEqualTo(31);
            assertThat(b[p + 1] & 0xff).isEqualTo(139);
            int size = ((b[p + 16] & 0xff) | (b[p + 17] & 0xff) << 8) + 1;
            types.add((b[p + 18] >> 1) & 3);
            p += size;
        }
        return types;
    }

    @Test
    void bamOutputsAreReadBackBySamtoolsAsTheRecordsSamtoolsSelects() throws IOException {
        List<String> expected = expected();
        assertThat(expected).hasSizeGreaterThan(500);
        Path plain = write("b.bam", "-b");
        Path named = write("o.bam", "-O", "bam");
        Path upper = write("O.bam", "--output-fmt", "BAM");
        Path stored = write("u.bam", "-u");
        Path fast = write("1.bam", "-1");
        Path threaded = write("t.bam", "-b", "-@", "3");
        Path fastThreaded = write("t1.bam", "-1", "--threads", "2");
        for (Path bam : List.of(plain, named, upper, stored, fast, threaded, fastThreaded)) {
            assertThat(Samtools.run("view", bam.toString()))
                    .as(bam.getFileName().toString())
                    .containsExactlyElementsOf(expected);
            assertThat(Samtools.run("quickcheck", "-v", bam.toString())).isEmpty();
        }
        // -u: every block stored (BTYPE 00) except the empty EOF block; -1 smaller than -u, larger than default
        List<Integer> types = blockTypes(stored);
        assertThat(types.subList(0, types.size() - 1)).isNotEmpty().containsOnly(0);
        assertThat(blockTypes(plain).subList(0, 2)).doesNotContain(0);
        assertThat(Files.size(stored)).isGreaterThan(Files.size(fast));
        assertThat(Files.size(fast)).isGreaterThan(Files.size(plain));
        // threads change nothing in the bytes
        assertThat(Files.readAllBytes(threaded)).isEqualTo(Files.readAllBytes(plain));
        assertThat(Files.readAllBytes(fastThreaded)).isEqualTo(Files.readAllBytes(fast));
        assertThat(Files.readAllBytes(named)).isEqualTo(Files.readAllBytes(plain));
    }

    @Test
    void samOutputs() throws IOException {
        List<String> expected = expected();
        assertThat(Files.readAllLines(write("s.sam", "-O", "sam"))).containsExactlyElementsOf(expected);
        // -u with an output named .sam writes SAM, as samtools does
        assertThat(Files.readAllLines(write("u.sam", "-u"))).containsExactlyElementsOf(expected);
        assertThat(Files.readAllLines(write("t.sam", "-@", "2"))).containsExactlyElementsOf(expected);
    }

    @Test
    void contradictoryOrUnknownFormatsFailInOneLine() {
        for (String[] options :
                List.of(new String[] {"-O", "CRAM"}, new String[] {"-b", "-O", "SAM"}, new String[] {"-u", "-1"})) {
            List<String> args = new ArrayList<>(List.of("view"));
            args.addAll(List.of(options));
            args.addAll(List.of(dataset, REGION));
            Cli.Result r = Cli.run(args.toArray(String[]::new));
            assertThat(r.exit()).as("%s", List.of(options)).isEqualTo(1);
            assertThat(r.stderr().lines().toList()).hasSize(1);
            assertThat(r.out()).isEmpty();
        }
        Cli.Result negative = Cli.run("view", "-@", "-2", dataset, REGION);
        assertThat(negative.exit()).isNotZero();
    }
}
