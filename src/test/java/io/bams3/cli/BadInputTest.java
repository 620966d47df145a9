package io.bams3.cli;

import static org.assertj.core.api.Assertions.assertThat;

import htsjdk.samtools.SAMFileHeader;
import htsjdk.samtools.SAMFileWriter;
import htsjdk.samtools.SAMFileWriterFactory;
import htsjdk.samtools.SAMRecord;
import htsjdk.samtools.SAMSequenceDictionary;
import htsjdk.samtools.SAMSequenceRecord;
import io.bams3.testing.Cli;
import io.bams3.testing.TestBams;
import io.bams3.testing.TestFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad input gives exactly one clear error line on stderr, a non-zero exit, no stack
 * trace, and no output presented as complete.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {
    @TempDir
    static Path dir;

    private Path dataset;

    @BeforeAll
    void convert() {
        dataset = dir.resolve("na.bams3");
        assertThat(Cli.run(
                                "convert",
                                TestBams.path(TestBams.NA12878).toString(),
                                dataset.toString(),
                                "--chunk-bytes",
                                "64k")
                        .exit())
                .isZero();
    }

    private static Cli.Result fails(String expectedMessage, String... args) {
        Cli.Result r = Cli.run(args);
        assertThat(r.exit()).as("exit code of %s", Arrays.toString(args)).isNotZero();
        List<String> lines = r.stderr().lines().toList();
        assertThat(lines).as("stderr of %s", Arrays.toString(args)).hasSize(1);
        assertThat(lines.get(0))
                .startsWith("bams3 ")
                .containsIgnoringCase(expectedMessage)
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
        return r;
    }

    @Test
    void unsortedInput() throws IOException {
        Path bam = writeBam(dir.resolve("unsorted.bam"), SAMFileHeader.SortOrder.unsorted, new int[] {500, 100});
        fails(
                "not coordinate-sorted",
                "convert",
                bam.toString(),
                dir.resolve("u.bams3").toString());
        assertThat(dir.resolve("u.bams3/_metadata.json")).doesNotExist();
    }

    @Test
    void aReadStartingPastItsReferenceIsRefusedNotConvertedIntoAnUnreadableDataset() throws IOException {
        Path bam = writeBam(dir.resolve("past-end.bam"), SAMFileHeader.SortOrder.coordinate, new int[] {100, 10_001});
        fails(
                "past the end of c1",
                "convert",
                bam.toString(),
                dir.resolve("past.bams3").toString());
        assertThat(dir.resolve("past.bams3")).doesNotExist();
    }

    @Test
    void querynameSortedInput() throws IOException {
        Path bam = writeBam(dir.resolve("qname.bam"), SAMFileHeader.SortOrder.queryname, new int[] {100, 500});
        fails(
                "sorted by queryname",
                "convert",
                bam.toString(),
                dir.resolve("q.bams3").toString());
    }

    @Test
    void truncatedInputLeavesNothing() throws IOException {
        byte[] whole = Files.readAllBytes(TestBams.path(TestBams.NA12878));
        Path cut = dir.resolve("cut.bam");
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
        Path out = dir.resolve("cut.bams3");
        fails("truncated", "convert", cut.toString(), out.toString());
        assertThat(out).as("no files, no empty directories").doesNotExist();

        Path noEof = dir.resolve("noeof.bam");
        Files.write(noEof, Arrays.copyOf(whole, whole.length - 28));
        fails(
                "truncated",
                "convert",
                noEof.toString(),
                dir.resolve("noeof.bams3").toString());
        assertThat(dir.resolve("noeof.bams3")).doesNotExist();
    }

    @Test
    void notABam() throws IOException {
        Path text = dir.resolve("text.bam");
        Files.writeString(text, "@HD\tVN:1.6\nthis is SAM text, not BAM\n");
        fails("not a BAM", "convert", text.toString(), dir.resolve("t.bams3").toString());
        Path gz = dir.resolve("plain.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            o.write("hello".getBytes());
        }
        fails("not a BAM", "convert", gz.toString(), dir.resolve("g.bams3").toString());
    }

    @Test
    void missingFile() {
        fails(
                "no such file",
                "convert",
                dir.resolve("nope.bam").toString(),
                dir.resolve("n.bams3").toString());
    }

    @Test
    void regionErrors() {
        String ds = dataset.toString();
        fails("unknown reference 'chr99'", "view", ds, "chr99:1-100");
        fails("unknown reference 'nosuch'", "view", ds, "nosuch");
        fails("malformed region", "view", ds, "11:abc-100");
        fails("start 200 > end 100", "view", ds, "11:200-100");
        fails("unmatched", "view", ds, "{11:1-100");
    }

    @Test
    void missingDataset() {
        fails("not a BAMS3 dataset", "view", dir.resolve("absent.bams3").toString(), "11");
        fails("not a BAMS3 dataset", "stats", dir.resolve("absent.bams3").toString());
    }

    @Test
    void badOptions() {
        fails(
                "unknown codec",
                "convert",
                TestBams.path(TestBams.MPILEUP).toString(),
                dir.resolve("o.bams3").toString(),
                "--codec",
                "lz4");
        fails(
                "not a positive size",
                "convert",
                TestBams.path(TestBams.MPILEUP).toString(),
                dir.resolve("o.bams3").toString(),
                "--chunk-bytes",
                "lots");
    }

    @Test
    void corruptMetadata() throws IOException {
        Path copy = copyDataset("badmeta.bams3");
        Files.writeString(copy.resolve("_metadata.json"), "{\"format\": \"bams3\", \"formatVersion\": 1,");
        fails("unreadable dataset metadata", "view", copy.toString(), "11");
        Files.writeString(
                copy.resolve("_metadata.json"),
                Files.readString(dataset.resolve("_metadata.json"))
                        .replace("\"formatVersion\" : 3", "\"formatVersion\" : 99"));
        fails("unsupported format version 99", "stats", copy.toString());
    }

    @Test
    void corruptOrMissingChunkIsAnErrorNeverAShortResult() throws IOException {
        Path copy = copyDataset("corrupt.bams3");
        Path chunk;
        Path generation = TestFiles.generation(copy);
        try (var files = Files.walk(generation.resolve("data/11"))) {
            chunk = files.filter(p -> p.toString().endsWith(".chunk"))
                    .sorted()
                    .toList()
                    .get(2);
        }
        byte[] b = Files.readAllBytes(chunk);
        b[b.length / 2] ^= 0x40;
        Files.write(chunk, b);
        Path out = dir.resolve("corrupt-out.sam");
        fails("", "view", copy.toString(), "11", "-o", out.toString());
        assertThat(out).as("no partial output file").doesNotExist();
        fails("", "export", copy.toString(), dir.resolve("corrupt-export.bam").toString());
        assertThat(dir.resolve("corrupt-export.bam")).doesNotExist();
        Cli.Result v = Cli.run("validate", copy.toString());
        assertThat(v.exit()).isNotZero();
        assertThat(v.stderr())
                .contains(generation.relativize(chunk).toString().replace('\\', '/'))
                .contains("INVALID");

        Files.delete(chunk);
        fails("missing chunk", "view", copy.toString(), "11");
        assertThat(Cli.run("validate", copy.toString()).stderr()).contains("missing chunk");
    }

    @Test
    void validateCatchesTamperedIndexAndHeader() throws IOException {
        Path copy = copyDataset("tamper.bams3");
        Path index;
        Path generation = TestFiles.generation(copy);
        try (var files = Files.walk(generation.resolve("_index/20"))) {
            index = files.filter(p -> p.toString().endsWith(".idx") && !p.endsWith("chunks.idx"))
                    .sorted()
                    .toList()
                    .get(0);
        }
        byte[] b = Files.readAllBytes(index);
        b[b.length - 3] ^= 1;
        Files.write(index, b);
        Cli.Result v = Cli.run("validate", copy.toString());
        assertThat(v.exit()).isNotZero();
        assertThat(v.stderr()).contains("CRC32C");

        Path header = generation.resolve("_header.bam");
        Files.writeString(
                header,
                Files.readString(header, StandardCharsets.ISO_8859_1).replace("@SQ", "@sq"),
                StandardCharsets.ISO_8859_1);
        fails("CRC32C", "view", copy.toString(), "20");
    }

    private Path copyDataset(String name) throws IOException {
        Path copy = dir.resolve(name);
        TestFiles.copyTree(dataset, copy);
        return copy;
    }

    static List<Path> listFiles(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (var files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    /** A small BAM whose header claims {@code order} and whose records have the given positions. */
    static Path writeBam(Path out, SAMFileHeader.SortOrder order, int[] positions) {
        SAMFileHeader header =
                new SAMFileHeader(new SAMSequenceDictionary(List.of(new SAMSequenceRecord("c1", 10_000))));
        header.setSortOrder(order);
        try (SAMFileWriter w = new SAMFileWriterFactory().makeBAMWriter(header, true, out)) {
            int n = 0;
            for (int pos : positions) {
                SAMRecord r = new SAMRecord(header);
                r.setReadName("r" + n++);
                r.setReferenceIndex(0);
                r.setAlignmentStart(pos);
                r.setCigarString("10M");
                r.setReadString("ACGTACGTAC");
                r.setBaseQualityString("IIIIIIIIII");
                w.addAlignment(r);
            }
        }
        return out;
    }
}
