package io.bams3.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bams3.codec.BamHeader;
import io.bams3.convert.ConvertOptions;
import io.bams3.convert.Converter;
import io.bams3.convert.ProgressListener;
import io.bams3.format.ChunkEntry;
import io.bams3.format.Codec;
import io.bams3.store.LocalObjectStore;
import io.bams3.testing.Bams3Queries;
import io.bams3.testing.EdgeCaseBam;
import io.bams3.testing.HtsjdkOracle;
import io.bams3.testing.Samtools;
import io.bams3.testing.TestBams;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The oracle test: for every dataset (real BAMs and the generated edge cases, both codecs, default
 * and tiny chunk targets), at least 200 random regions plus every chunk boundary, every whole
 * reference and "*" give exactly the records of htsjdk's indexed query on the source BAM, in the
 * same order; and, in separate tests that need samtools, SAM lines identical to `samtools view`.
 */
@Tag("samtools")
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public class RegionIdentityTest {
    @TempDir
    static Path dir;

    /** name -> (source BAM, dataset) */
    private final Map<String, Path[]> cases = new LinkedHashMap<>();

    record Case(String name, String source, Codec codec, long chunkBytes) {}

    static List<Case> cases() {
        List<Case> out = new ArrayList<>();
        for (String bam : List.of(TestBams.NA12878, TestBams.CHRM, TestBams.MPILEUP, "edge")) {
            out.add(new Case(bam + "/bgzf-default", bam, Codec.BGZF, ConvertOptions.DEFAULT_CHUNK_BYTES));
            out.add(new Case(bam + "/bgzf-16k", bam, Codec.BGZF, 16 << 10));
            out.add(new Case(bam + "/zstd-64k", bam, Codec.ZSTD, 64 << 10));
        }
        return out;
    }

    @BeforeAll
    void convertAll() throws IOException {
        Path edge = EdgeCaseBam.write(dir.resolve("edge.bam"), 42);
        for (Case c : cases()) {
            Path source = c.source().equals("edge") ? edge : TestBams.path(c.source());
            Path out = dir.resolve(c.name().replace('/', '_') + ".bams3");
            new Converter(new ConvertOptions(c.codec(), c.chunkBytes(), 2, false), ProgressListener.NONE)
                    .convert(source, new LocalObjectStore(out));
            cases.put(c.name(), new Path[] {source, out});
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void regionsMatchHtsjdk(Case c) throws IOException {
        Path source = cases.get(c.name())[0];
        Dataset ds = Dataset.open(new LocalObjectStore(cases.get(c.name())[1]));
        assertIdenticalToOracles(c.name(), source, ds, new Random(c.name().hashCode()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void samLinesMatchSamtoolsView(Case c) {
        assumeTrue(Samtools.available(), "samtools is not installed");
        Path source = cases.get(c.name())[0];
        Dataset ds = Dataset.open(new LocalObjectStore(cases.get(c.name())[1]));
        assertSamLinesIdenticalToSamtools(
                c.name(), source, ds, new Random(c.name().hashCode()));
    }

    /**
     * Random regions, chunk boundaries, whole references and "*": records identical to htsjdk's
     * indexed query on {@code source}.
     */
    static void assertIdenticalToOracles(String name, Path source, Dataset ds, Random rnd) throws IOException {
        List<Region> regions = regions(ds, rnd);
        assertThat(regions.size()).isGreaterThanOrEqualTo(200);
        long records = 0;
        try (HtsjdkOracle oracle = new HtsjdkOracle(source)) {
            for (Region r : regions) {
                List<String> expected = oracle.query(List.of(r));
                List<String> actual = HtsjdkOracle.records(Bams3Queries.bam(ds, List.of(r)));
                assertThat(actual).as("records of %s in %s", r, name).containsExactlyElementsOf(expected);
                records += actual.size();
            }
        }
        assertThat(records).as("the regions must hit records").isGreaterThan(0);
    }

    /**
     * The same regions as {@link #assertIdenticalToOracles} for an equally seeded {@code rnd}: SAM
     * lines identical to {@code samtools view} on {@code source}. Needs samtools.
     */
    static void assertSamLinesIdenticalToSamtools(String name, Path source, Dataset ds, Random rnd) {
        List<Region> regions = regions(ds, rnd);
        List<String> ourLines = new ArrayList<>();
        List<Integer> regionOfLine = new ArrayList<>();
        for (int i = 0; i < regions.size(); i++) {
            for (String line : Bams3Queries.samLines(ds, List.of(regions.get(i)))) {
                ourLines.add(line);
                regionOfLine.add(i);
            }
        }
        // without -M, samtools prints each region's records in turn: one process for all regions
        List<String> args = new ArrayList<>(List.of("view", source.toString()));
        regions.forEach(r -> args.add(Bams3Queries.samtoolsRegion(r)));
        List<String> samtools = Samtools.run(args.toArray(String[]::new));
        int n = Math.min(samtools.size(), ourLines.size());
        for (int i = 0; i < n; i++) {
            if (!samtools.get(i).equals(ourLines.get(i))) {
                assertThat(ourLines.get(i))
                        .as("SAM line %d (region %s) in %s", i, regions.get(regionOfLine.get(i)), name)
                        .isEqualTo(samtools.get(i));
            }
        }
        assertThat(ourLines)
                .as("SAM lines of all regions in %s", name)
                .hasSameSizeAs(samtools)
                .isNotEmpty();
    }

    /** Random regions of many sizes, every chunk boundary, every whole reference, and "*". */
    public static List<Region> regions(Dataset ds, Random rnd) {
        List<BamHeader.Reference> refs = ds.header().references();
        List<Region> out = new ArrayList<>();
        List<Integer> withReads = new ArrayList<>();
        for (int i = 0; i < refs.size(); i++) {
            BamHeader.Reference ref = refs.get(i);
            long records = ds.summary(i).records();
            if (records > 0) {
                withReads.add(i);
            }
            if (records > 0 || i < 3 || ref.name().startsWith("chrEmpty")) {
                out.add(new Region(i, ref.name(), 0, ref.length()));
            }
        }
        out.add(Region.unplaced());
        for (int ref : withReads) {
            String name = refs.get(ref).name();
            int length = refs.get(ref).length();
            List<ChunkEntry> chunks = ds.chunks(ref);
            for (ChunkEntry e : chunks) {
                out.add(clamp(ref, name, length, e.firstPos() - 1, e.firstPos() + 1));
                out.add(clamp(ref, name, length, e.lastPos(), e.lastPos() + 1));
                out.add(clamp(ref, name, length, e.maxEnd() - 1, e.maxEnd()));
                out.add(clamp(ref, name, length, e.lastPos() - 50, e.lastPos() + 50));
            }
        }
        int random = Math.max(200, 220 - out.size());
        for (int i = 0; i < random; i++) {
            int ref = withReads.get(rnd.nextInt(withReads.size()));
            String name = refs.get(ref).name();
            int length = refs.get(ref).length();
            List<ChunkEntry> chunks = ds.chunks(ref);
            // centre most regions where the reads are
            int lo = chunks.get(0).firstPos();
            int hi = chunks.get(chunks.size() - 1).maxEnd();
            int centre = lo + (int) (rnd.nextDouble() * Math.max(1, hi - lo));
            // 1 bp up to 2 Mb, log-uniform, but at most a quarter of the covered span (so depth stays bounded)
            double maxSize = Math.min(2e6, Math.max(10, (hi - lo) / 4.0));
            int size = (int) Math.pow(maxSize, rnd.nextDouble());
            out.add(clamp(ref, name, length, centre - size / 2, centre + size / 2 + 1));
        }
        return out;
    }

    private static Region clamp(int ref, String name, int length, long beg, long end) {
        int b = (int) Math.max(0, Math.min(beg, length - 1));
        int e = (int) Math.max(b + 1, Math.min(end, length));
        return new Region(ref, name, b, e);
    }
}
