package io.bams3.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bams3.testing.ChildJvm;
import io.bams3.testing.Cli;
import io.bams3.testing.HtsjdkOracle;
import io.bams3.testing.Samtools;
import io.bams3.testing.TestBams;
import io.bams3.testing.TestFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code bams3 convert - DATASET} reads the BAM from standard input, as a pipe from samtools or an
 * aligner gives it: the same dataset as from the file (same chunks, records, checksum of the
 * source and its size), and a stream that ends early is one error line with nothing published.
 */
@Tag("slow")
class ConvertFromPipeTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    /** Runs {@code bams3 ARGS} as its own JVM with {@code stdin} written to its standard input. */
    private ChildJvm.Result run(byte[] stdin, String... args) throws Exception {
        Path log = dir.resolve("cli.log");
        Process p = ChildJvm.bams3(ChildJvm.appClasspath(), "512m", List.of(args), Map.of(), log)
                .start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin);
        } catch (IOException e) {
            // the command stopped reading (it failed); its exit code and output say why
        }
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new ChildJvm.Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    @Test
    void aBamOnStandardInputGivesTheDatasetTheFileGives() throws Exception {
        Path bam = TestBams.path(TestBams.NA12878);
        Path fromFile = dir.resolve("file.bams3");
        Path fromPipe = dir.resolve("pipe.bams3");
        assertThat(Cli.run("convert", bam.toString(), fromFile.toString(), "--chunk-bytes", "64k")
                        .exit())
                .isZero();
        ChildJvm.Result r = run(Files.readAllBytes(bam), "convert", "-", fromPipe.toString(), "--chunk-bytes", "64k");
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("converted - -> ").contains("39,918 records");

        assertThat(metadataWithoutTimeAndName(fromPipe)).isEqualTo(metadataWithoutTimeAndName(fromFile));
        JsonNode source =
                JSON.readTree(fromPipe.resolve("_metadata.json").toFile()).get("source");
        assertThat(source.get("name").asString()).isEqualTo("-");
        assertThat(source.get("bytes").asLong()).isEqualTo(Files.size(bam));
        // the generations have different names (the time of conversion): compared by what they hold
        Path fileGeneration = TestFiles.generation(fromFile);
        Path pipeGeneration = TestFiles.generation(fromPipe);
        List<Path> objects = objects(fileGeneration);
        assertThat(objects).hasSizeGreaterThan(10).isEqualTo(objects(pipeGeneration));
        for (Path o : objects) {
            assertThat(Files.readAllBytes(pipeGeneration.resolve(o)))
                    .as(o.toString())
                    .isEqualTo(Files.readAllBytes(fileGeneration.resolve(o)));
        }
        assertThat(fromPipe.resolve("_header.bam")).hasSameBinaryContentAs(fromFile.resolve("_header.bam"));
    }

    @Test
    void aStreamThatEndsEarlyIsOneErrorLineAndPublishesNothing() throws Exception {
        byte[] whole = Files.readAllBytes(TestBams.path(TestBams.NA12878));
        Path out = dir.resolve("cut.bams3");
        ChildJvm.Result r = run(Arrays.copyOf(whole, whole.length / 2), "convert", "-", out.toString());
        assertThat(r.exit()).isNotZero();
        List<String> lines = r.output().lines().toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0))
                .startsWith("bams3 convert: ")
                .contains("truncated")
                .doesNotContain("Exception");
        assertThat(out).doesNotExist();
    }

    @Test
    @Tag("samtools")
    void samtoolsPipedIntoConvertGivesTheSourceRecords() throws Exception {
        assumeTrue(Samtools.available(), "samtools is not installed");
        Path bam = TestBams.path(TestBams.CHRM);
        Path out = dir.resolve("samtools.bams3");
        String java = ProcessHandle.current().info().command().orElse("java");
        String command = "samtools view -b '" + bam + "' | '" + java + "' -Xmx512m -cp '" + ChildJvm.appClasspath()
                + "' io.bams3.cli.Main convert - '" + out + "'";
        Process p = new ProcessBuilder("bash", "-o", "pipefail", "-c", command)
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        Path exported = dir.resolve("exported.bam");
        assertThat(Cli.run("export", out.toString(), exported.toString()).exit())
                .isZero();
        try (HtsjdkOracle source = new HtsjdkOracle(bam)) {
            assertThat(HtsjdkOracle.records(Files.readAllBytes(exported))).containsExactlyElementsOf(source.all());
        }
    }

    private static JsonNode metadataWithoutTimeAndName(Path dataset) throws IOException {
        ObjectNode m =
                (ObjectNode) JSON.readTree(dataset.resolve("_metadata.json").toFile());
        m.remove("created");
        m.remove("generation");
        ((ObjectNode) m.get("source")).remove("name");
        return m;
    }

    private static List<Path> objects(Path dataset) throws IOException {
        try (Stream<Path> files = Files.walk(dataset)) {
            return files.filter(Files::isRegularFile)
                    .map(dataset::relativize)
                    .sorted()
                    .toList();
        }
    }
}
