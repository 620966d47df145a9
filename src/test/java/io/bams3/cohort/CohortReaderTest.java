package io.bams3.cohort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bams3.codec.FormatException;
import io.bams3.convert.ConvertOptions;
import io.bams3.convert.Converter;
import io.bams3.convert.ProgressListener;
import io.bams3.format.Codec;
import io.bams3.query.Dataset;
import io.bams3.query.FetchPool;
import io.bams3.query.RecordConsumer;
import io.bams3.query.Region;
import io.bams3.query.RegionParser;
import io.bams3.store.LocalObjectStore;
import io.bams3.store.ObjectStore;
import io.bams3.store.S3Location;
import io.bams3.store.S3ObjectStore;
import io.bams3.testing.CohortBams;
import io.bams3.testing.S3MockServer;
import io.bams3.testing.Samtools;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cohort's merged answer against the oracle (samtools on each member's source BAM, RG as
 * docs/FORMAT.md §15 says, merged by position then member order): random regions, several
 * regions, the unplaced reads, everything, a subset of samples; members on local disk and on
 * S3Mock; a buffer so small that every member is read in many pieces.
 */
@Tag("samtools")
@ExtendWith(S3MockServer.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CohortReaderTest {
    @TempDir
    static Path dir;

    private List<CohortBams.Member> members;
    private Cohort local;
    private Cohort s3;
    private FetchPool pool;
    private final List<ObjectStore> stores = new ArrayList<>();

    @BeforeAll
    void convert() throws IOException {
        assumeTrue(Samtools.available(), "samtools is not installed");
        members = CohortBams.write(dir);
        pool = new FetchPool(8);
        local = open(s -> new LocalObjectStore(dir.resolve(s + ".bams3")));
        S3MockServer s3mock = S3MockServer.get();
        String bucket = s3mock.newBucket("cohort");
        s3 = open(s -> new S3ObjectStore(s3mock.clients(), new S3Location(bucket, "cohort/" + s + ".bams3")));
    }

    private Cohort open(Function<String, ObjectStore> storeOf) throws IOException {
        List<Cohort.Member> opened = new ArrayList<>();
        for (CohortBams.Member m : members) {
            ObjectStore store = storeOf.apply(m.sample());
            stores.add(store);
            // small chunks, so regions cut chunks and plans have several reads per member
            new Converter(new ConvertOptions(Codec.BGZF, 64 << 10, 2, false), ProgressListener.NONE)
                    .convert(m.bam(), store);
            opened.add(new Cohort.Member(m.sample(), Dataset.open(store)));
        }
        return Cohort.of(opened);
    }

    @AfterAll
    void close() throws Exception {
        if (pool != null) {
            pool.close();
        }
        for (ObjectStore s : stores) {
            s.close();
        }
    }

    private List<String> merged(Cohort cohort, List<String> regions, long bufferBytes) throws IOException {
        RegionParser parser = new RegionParser(cohort.header());
        List<Region> parsed = regions.stream().map(parser::parse).toList();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long n = new CohortReader(cohort, bufferBytes, pool)
                .read(cohort.plan(parsed, pool), RecordConsumer.samLines(cohort.header(), out));
        List<String> lines = out.toString(StandardCharsets.ISO_8859_1).lines().toList();
        assertThat(lines).hasSize((int) n);
        return lines;
    }

    @Test
    void randomRegionsMatchTheOracleOnBothStores() throws IOException {
        int nonEmpty = 0;
        for (String region : CohortBams.randomRegions(12, 30)) {
            List<String> expected = CohortBams.expected(members, List.of(region));
            assertThat(merged(local, List.of(region), CohortReader.BUFFER_BYTES))
                    .as("local %s", region)
                    .containsExactlyElementsOf(expected);
            assertThat(merged(s3, List.of(region), CohortReader.BUFFER_BYTES))
                    .as("s3 %s", region)
                    .containsExactlyElementsOf(expected);
            nonEmpty += expected.isEmpty() ? 0 : 1;
        }
        assertThat(nonEmpty).isGreaterThan(20);
    }

    @Test
    void severalRegionsUnplacedAndEverything() throws IOException {
        List<List<String>> sets = List.of(
                List.of("20:6000000-6020000", "11:5010000-5030000", "17:1-200000", "20:6010000-6030000"),
                List.of("*"),
                List.of("11", "*"),
                List.of());
        for (List<String> regions : sets) {
            List<String> expected = CohortBams.expected(members, regions);
            assertThat(expected).isNotEmpty();
            assertThat(merged(local, regions, CohortReader.BUFFER_BYTES))
                    .as("local %s", regions)
                    .containsExactlyElementsOf(expected);
            assertThat(merged(s3, regions, CohortReader.BUFFER_BYTES))
                    .as("s3 %s", regions)
                    .containsExactlyElementsOf(expected);
        }
    }

    @Test
    void aTinyBufferReadsEveryMemberInManyPiecesAndGivesTheSameAnswer() throws IOException {
        List<String> regions = List.of("11", "17", "20");
        // 64 KiB pieces (the smallest) for chunks of up to 64 KiB and whole references
        assertThat(merged(s3, regions, 1)).containsExactlyElementsOf(CohortBams.expected(members, regions));
    }

    @Test
    void selectedSamplesOnlyInMemberOrder() throws IOException {
        Cohort two = s3.select(List.of("norg", "NA12878"));
        assertThat(two.samples()).containsExactly("NA12878", "norg");
        List<CohortBams.Member> expectedMembers = List.of(members.get(0), members.get(3));
        String region = "11:5000000-5100000";
        assertThat(merged(two, List.of(region), CohortReader.BUFFER_BYTES))
                .containsExactlyElementsOf(CohortBams.expected(expectedMembers, List.of(region)))
                .isNotEmpty();
        assertThatThrownBy(() -> s3.select(List.of("NA12878", "nobody")))
                .isInstanceOf(UnknownSampleException.class)
                .hasMessageContaining("'nobody'");
    }

    @Test
    void mergedHeaderHasTheFirstMembersDictionaryAndUniqueReadGroups() {
        String text = local.header().textString();
        assertThat(text).startsWith("@HD\t").contains("@SQ\tSN:11\t").doesNotContain("@PG");
        List<String> ids = text.lines()
                .filter(l -> l.startsWith("@RG\t"))
                .map(l -> l.split("\t")[1])
                .toList();
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(ids)
                .contains(
                        "ID:SRR098401",
                        "ID:NA12878",
                        "ID:SRR098401-NA12878-sub",
                        "ID:norg",
                        "ID:SRR098401-SRR098401",
                        "ID:ERR013140",
                        "ID:ERR013140-SRR098401");
        assertThat(text).contains("@RG\tID:SRR098401-SRR098401\tSM:SRR098401\n");
    }

    @Test
    void aMemberWithAnotherReferenceDictionaryIsRefusedNamingTheFirstDifference() throws IOException {
        ObjectStore other = new LocalObjectStore(dir.resolve("chrm.bams3"));
        stores.add(other);
        new Converter(ConvertOptions.defaults(), ProgressListener.NONE).convert(CohortBams.otherDictionary(), other);
        List<Cohort.Member> mixed = new ArrayList<>(local.members());
        mixed.add(new Cohort.Member("chrm", Dataset.open(other)));
        assertThatThrownBy(() -> Cohort.of(mixed))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("member 'chrm'")
                .hasMessageContaining("reference 1 is chrM (16571 bp), not 1 (249250621 bp)");
    }
}
