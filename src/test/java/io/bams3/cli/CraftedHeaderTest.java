package io.bams3.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.bams3.testing.ChildJvm;
import io.bams3.testing.RawBam;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sizes in a source BAM that lie (text length, reference count, name length, record length)
 * cost no more memory than the file holds: a crafted file of a few hundred bytes gives one clear
 * error line, not an OutOfMemoryError, in a JVM with a small heap, and leaves nothing behind.
 */
@Tag("slow")
class CraftedHeaderTest {
    private static final String HEAP = "64m";

    @TempDir
    Path dir;

    private void rejected(String name, Consumer<RawBam> content, String expected) throws Exception {
        Path bam = dir.resolve(name + ".bam");
        try (RawBam w = RawBam.create(bam)) {
            content.accept(w);
        }
        Path out = dir.resolve(name + ".bams3");
        ChildJvm.Result r = ChildJvm.run(HEAP, Duration.ofMinutes(1), "convert", bam.toString(), out.toString());
        assertThat(r.exit()).as(r.output()).isNotZero();
        assertThat(r.output().lines().toList()).as(r.output()).hasSize(1);
        assertThat(r.output())
                .startsWith("bams3 convert: error: " + bam)
                .contains(expected)
                .doesNotContain("Exception")
                .doesNotContain("Error");
        assertThat(out).doesNotExist();
    }

    @Test
    void textLongerThanTheFile() throws Exception {
        rejected("ltext", w -> w.ascii("BAM\1").int32(1 << 30).ascii("@HD\tVN:1.6\n"), "l_text");
    }

    @Test
    void moreReferencesThanTheFileHolds() throws Exception {
        rejected(
                "nref",
                w -> w.magicAndText("@HD\tVN:1.6\n")
                        .int32(99_999_999)
                        .reference("c1", 1000)
                        .reference("c2", 1000),
                "truncated BAM header");
    }

    @Test
    void nameLongerThanTheFile() throws Exception {
        rejected("lname", w -> w.magicAndText("").int32(1).int32(1 << 20).ascii("c1"), "truncated BAM header");
        rejected("lname-negative", w -> w.magicAndText("").int32(1).int32(-5).ascii("c1"), "l_name -5");
    }

    @Test
    void badReferenceFields() throws Exception {
        rejected("lref", w -> w.magicAndText("").int32(1).reference("c1", -1), "l_ref -1");
        rejected("nul", w -> w.magicAndText("").int32(1).int32(2).ascii("c1").int32(10), "NUL");
        rejected("ltext-negative", w -> w.ascii("BAM\1").int32(-1), "l_text -1");
    }

    @Test
    void recordLongerThanTheFile() throws Exception {
        rejected(
                "record",
                w -> w.magicAndText("@HD\tVN:1.6\tSO:coordinate\n")
                        .int32(1)
                        .reference("c1", 1000)
                        .int32(1 << 29)
                        .int32(0)
                        .int32(5)
                        .ascii("padding to the end of the file"),
                "truncated");
    }
}
