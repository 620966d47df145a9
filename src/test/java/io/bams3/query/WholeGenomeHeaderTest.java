package io.bams3.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bams3.codec.BamHeader;
import io.bams3.convert.ConvertOptions;
import io.bams3.convert.Converter;
import io.bams3.convert.ProgressListener;
import io.bams3.format.Codec;
import io.bams3.format.DatasetLayout;
import io.bams3.store.LocalObjectStore;
import io.bams3.store.S3Location;
import io.bams3.store.S3ObjectStore;
import io.bams3.testing.Bams3Queries;
import io.bams3.testing.Grch38Bam;
import io.bams3.testing.Grch38Header;
import io.bams3.testing.RequestRecorder;
import io.bams3.testing.S3MockServer;
import io.bams3.testing.Samtools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dataset with the 3,366 references of GRCh38 with decoys, alts and HLA (what whole-genome
 * pipelines align to), on S3: a cold region query plans with at most 64 KiB and in at most three
 * sequential round trips before its first chunk byte, whatever the reference, and answers exactly
 * what samtools answers on the source BAM. Planning bytes are all bytes fetched except chunk data
 * and the header, which the answer itself carries.
 */
@Tag("samtools")
@ExtendWith(S3MockServer.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WholeGenomeHeaderTest {
    private static final long PLANNING_LIMIT = 64 << 10;
    private static final int ROUNDS_LIMIT = 3;
    /** What each request costs before its first byte, as on S3; see {@link RequestRecorder}. */
    private static final Duration S3_LATENCY = Duration.ofMillis(25);

    @TempDir
    static Path dir;

    private Path bam;
    private S3MockServer s3;
    private S3Location location;
    private Path local;

    @BeforeAll
    void convert() throws IOException {
        bam = Grch38Bam.write(dir.resolve("grch38.bam"), 12_000, 38);
        s3 = S3MockServer.get();
        location = new S3Location(s3.newBucket("wgs"), "cohort/sample.bams3");
        ConvertOptions small = new ConvertOptions(Codec.BGZF, 64 << 10, 2, false);
        new Converter(small, ProgressListener.NONE).convert(bam, new S3ObjectStore(s3.clients(), location));
        local = dir.resolve("sample.bams3");
        new Converter(small, ProgressListener.NONE).convert(bam, new LocalObjectStore(local));
    }

    /** Region queries of every kind of reference the header has, each on a freshly opened dataset. */
    private List<String> regions() {
        List<String> out = new ArrayList<>();
        out.add("chr1:" + (Grch38Bam.CHR1_START + 100_001) + "-" + (Grch38Bam.CHR1_START + 101_000)); // 1 kb
        out.add("chr1:" + (Grch38Bam.CHR1_START + 200_001) + "-" + (Grch38Bam.CHR1_START + 300_000)); // 100 kb
        out.add("chr1"); // the whole reference
        for (String name : Grch38Bam.SPARSE) {
            out.add(name.contains(":") ? "{" + name + "}" : name);
        }
        out.add("chr2:1-1000000"); // no reads
        out.add("{" + Grch38Header.sequences().get(Grch38Header.COUNT - 1).name() + "}:1-1000");
        return out;
    }

    @Test
    void theHeaderIsShapedLikeGrch38WithDecoysAltsAndHla() throws IOException {
        Dataset ds = Dataset.open(new LocalObjectStore(local));
        List<BamHeader.Reference> refs = ds.header().references();
        assertThat(refs).hasSize(3366);
        assertThat(refs.stream().map(BamHeader.Reference::name).distinct()).hasSize(3366);
        assertThat(refs.stream().map(BamHeader.Reference::name))
                .contains("chr1", "chr22", "chrX", "chrY", "chrM", "chrEBV", "chr1_KI270706v1_random")
                .contains("chrUn_GL000195v1", "chr1_KI270938v1_alt", "chrUn_JTFH01000001v1_decoy", "HLA-A*01:01:01:01")
                .anyMatch(n -> n.startsWith("chr19_") && n.endsWith("_alt"));
        // the metadata every query reads first is the same size as for a handful of references
        assertThat(Files.size(local.resolve(DatasetLayout.METADATA))).isLessThan(2048);
    }

    @Test
    void aColdRegionQueryOnS3PlansWithinTheBudgetAndAnswersExactly() {
        assumeTrue(Samtools.available(), "samtools is not installed");
        StringBuilder report = new StringBuilder();
        for (String region : regions()) {
            RequestRecorder recorder = new RequestRecorder(new S3ObjectStore(s3.clients(), location), S3_LATENCY);
            Dataset ds = Dataset.open(recorder, IndexCache.none(), Dataset.MAX_HEADER_BYTES);
            List<Region> parsed = List.of(new RegionParser(ds.header()).parse(region));
            List<String> ours = Bams3Queries.samLines(ds, parsed);

            assertThat(ours).as("records of %s", region).isEqualTo(Samtools.run("view", bam.toString(), region));
            List<RequestRecorder.Request> requests = recorder.requests();
            long planning = requests.stream()
                    .filter(r -> isPlanning(r.key()))
                    .mapToLong(RequestRecorder.Request::bytes)
                    .sum();
            int firstChunkRound = requests.stream()
                    .filter(r -> r.key().endsWith(".chunk"))
                    .mapToInt(RequestRecorder.Request::round)
                    .min()
                    .orElse(Integer.MAX_VALUE);
            int planningRounds = requests.stream()
                    .filter(r -> !r.key().endsWith(".chunk"))
                    .mapToInt(RequestRecorder.Request::round)
                    .max()
                    .orElse(0);
            int rounds = Math.min(firstChunkRound - 1, planningRounds);
            report.append(String.format(
                    "%-40s %6d records  %6d planning bytes  %d rounds  %d requests%n",
                    region, ours.size(), planning, rounds, requests.size()));
            assertThat(planning).as("planning bytes of %s", region).isLessThanOrEqualTo(PLANNING_LIMIT);
            assertThat(rounds)
                    .as("sequential rounds before the first chunk byte of %s", region)
                    .isLessThanOrEqualTo(ROUNDS_LIMIT);
        }
        report.append("header object (not counted): ")
                .append(Dataset.open(new S3ObjectStore(s3.clients(), location))
                        .header()
                        .toBamBytes()
                        .length)
                .append(" bytes\n");
        System.out.print(report);
    }

    @Test
    void theSameQueriesOnLocalDiskAnswerTheSameWithTheSameBytes() {
        assumeTrue(Samtools.available(), "samtools is not installed");
        for (String region : regions()) {
            RequestRecorder recorder = new RequestRecorder(new LocalObjectStore(local), S3_LATENCY);
            Dataset ds = Dataset.open(recorder);
            assertThat(Bams3Queries.samLines(ds, List.of(new RegionParser(ds.header()).parse(region))))
                    .as("records of %s", region)
                    .isEqualTo(Samtools.run("view", bam.toString(), region));
            assertThat(recorder.requests().stream()
                            .filter(r -> isPlanning(r.key()))
                            .mapToLong(RequestRecorder.Request::bytes)
                            .sum())
                    .isLessThanOrEqualTo(PLANNING_LIMIT);
        }
    }

    /** Everything but chunk data and the header object (root copy or the generation's). */
    private static boolean isPlanning(String key) {
        return !key.endsWith(".chunk") && !key.endsWith(DatasetLayout.HEADER);
    }
}
