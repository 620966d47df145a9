package io.bams3.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.bams3.testing.ChildJvm;
import io.bams3.testing.Cli;
import io.bams3.testing.RawBam;
import io.bams3.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A BAM of a few MB whose header lists a million references (as assemblies with many contigs
 * do) converts in a heap not much larger than its header, in its own JVM; a failed conversion
 * of it leaves nothing behind.
 */
@Tag("slow")
class ManyReferencesTest {
    private static final int REFS = 1_000_000;
    private static final String HEAP = "256m";

    @TempDir
    static Path dir;

    private static Path bam;

    @BeforeAll
    static void writeBam() {
        bam = dir.resolve("contigs.bam");
        StringBuilder text = new StringBuilder("@HD\tVN:1.6\tSO:coordinate\n");
        for (int i = 0; i < REFS; i++) {
            text.append("@SQ\tSN:").append(name(i)).append("\tLN:100000\n");
        }
        try (RawBam w = RawBam.create(bam)) {
            w.magicAndText(text.toString()).int32(REFS);
            for (int i = 0; i < REFS; i++) {
                w.reference(name(i), 100_000);
            }
            w.record(0, 100, "a")
                    .record(0, 200, "b")
                    .record(REFS / 2, 5, "c")
                    .record(REFS / 2, 7, "d")
                    .record(REFS - 1, 99_000, "e");
        }
    }

    private static String name(int i) {
        return String.format("ctg%07d", i);
    }

    @Test
    void convertsInASmallHeap() throws Exception {
        Path out = dir.resolve("contigs.bams3");
        ChildJvm.Result r = ChildJvm.run(HEAP, Duration.ofMinutes(3), "convert", bam.toString(), out.toString());
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("5 records");

        // the binary header: magic, l_text, text, n_ref, then l_name, the name and its NUL, l_ref per reference
        assertThat(Files.size(TestFiles.generation(out).resolve("_header.bam")))
                .isEqualTo(12 + (25 + 28L * REFS) + (4 + 11 + 4L) * REFS);
        // what every query reads first does not grow with the header
        assertThat(Files.size(out.resolve("_metadata.json"))).isLessThan(4096);
        Cli.Result view =
                Cli.run("view", "-c", out.toString(), name(1), name(REFS / 2), name(REFS - 1) + ":99000-99100");
        assertThat(view.out().trim()).as(view.stderr()).isEqualTo("3");
    }

    @Test
    void aFailedConversionLeavesNothing() throws Exception {
        byte[] whole = Files.readAllBytes(bam);
        Path cut = dir.resolve("cut.bam");
        Files.write(cut, Arrays.copyOf(whole, whole.length - 28));
        Path out = dir.resolve("cut.bams3");
        ChildJvm.Result r = ChildJvm.run(HEAP, Duration.ofMinutes(3), "convert", cut.toString(), out.toString());
        assertThat(r.exit()).isNotZero();
        assertThat(r.output().lines().toList()).as(r.output()).hasSize(1);
        assertThat(r.output()).contains("truncated");
        assertThat(out).doesNotExist();
    }

    @Test
    void tooSmallAHeapIsOneLineAndLeavesNothing() throws Exception {
        Path out = dir.resolve("small.bams3");
        ChildJvm.Result r = ChildJvm.run("64m", Duration.ofMinutes(3), "convert", bam.toString(), out.toString());
        assertThat(r.exit()).isNotZero();
        assertThat(r.output().lines().toList()).as(r.output()).hasSize(1);
        assertThat(r.output()).startsWith("bams3 convert: error: out of memory").contains("BAMS3_JAVA_OPTS");
        assertThat(out).doesNotExist();
    }
}
