package io.bams3.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bams3.convert.ConvertOptions;
import io.bams3.convert.Converter;
import io.bams3.convert.ProgressListener;
import io.bams3.format.Codec;
import io.bams3.store.LocalObjectStore;
import io.bams3.store.ObjectStore;
import io.bams3.store.S3Location;
import io.bams3.store.S3ObjectStore;
import io.bams3.testing.Cli;
import io.bams3.testing.CohortBams;
import io.bams3.testing.S3MockServer;
import io.bams3.testing.Samtools;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bams3 view COHORT} against the oracle (samtools on each member's source BAM, RG as
 * docs/FORMAT.md §15 says, merged by position then member order), through the command line, with
 * the cohort and its members on local disk and on S3Mock (relative dataset references).
 */
@Tag("samtools")
@ExtendWith(S3MockServer.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CohortViewTest {
    @TempDir
    static Path dir;

    private List<CohortBams.Member> members;
    private String localCohort;
    private String s3Cohort;
    private String endpoint;

    @BeforeAll
    void setUp() throws IOException {
        assumeTrue(Samtools.available(), "samtools is not installed");
        members = CohortBams.write(dir);
        S3MockServer s3 = S3MockServer.get();
        endpoint = s3.endpoint().toString();
        String bucket = s3.newBucket("cohort-cli");
        List<String> localArgs = new ArrayList<>(List.of("cohort", "create"));
        List<String> s3Args = new ArrayList<>(List.of("cohort", "create"));
        for (CohortBams.Member m : members) {
            String rel = "ds/" + m.sample() + ".bams3";
            convert(m.bam(), new LocalObjectStore(dir.resolve(rel)));
            convert(m.bam(), new S3ObjectStore(s3.clients(), new S3Location(bucket, "cohorts/" + rel)));
            localArgs.addAll(List.of("--member", m.sample() + "=" + rel));
            s3Args.addAll(List.of("--member", m.sample() + "=" + rel));
        }
        localCohort = dir.resolve("five.cohort").toString();
        s3Cohort = "s3://" + bucket + "/cohorts/five.cohort";
        localArgs.add(localCohort);
        s3Args.addAll(List.of(s3Cohort, "--endpoint-url", endpoint));
        ok(Cli.run(localArgs.toArray(String[]::new)));
        ok(Cli.run(s3Args.toArray(String[]::new)));
    }

    private static void convert(Path bam, ObjectStore store) throws IOException {
        // small chunks, so regions cut chunks and every member is read in several pieces
        new Converter(new ConvertOptions(Codec.BGZF, 64 << 10, 2, false), ProgressListener.NONE).convert(bam, store);
    }

    private static Cli.Result ok(Cli.Result r) {
        assertThat(r.exit()).as(r.stderr()).isZero();
        return r;
    }

    /** {@code bams3 view} on both stores; asserts they agree and returns the lines. */
    private List<String> view(String... args) {
        List<String> local = ok(Cli.run(Stream.concat(Stream.of("view", localCohort), Stream.of(args))
                        .toArray(String[]::new)))
                .out()
                .lines()
                .toList();
        List<String> s3 = ok(Cli.run(
                        Stream.concat(Stream.of("view", s3Cohort, "--endpoint-url", endpoint), Stream.of(args))
                                .toArray(String[]::new)))
                .out()
                .lines()
                .toList();
        assertThat(s3).as("s3 %s", List.of(args)).containsExactlyElementsOf(local);
        return local;
    }

    @Test
    void randomRegionsMatchTheOracle() {
        int nonEmpty = 0;
        for (String region : CohortBams.randomRegions(7, 10)) {
            List<String> expected = CohortBams.expected(members, List.of(region));
            assertThat(view(region)).as(region).containsExactlyElementsOf(expected);
            nonEmpty += expected.isEmpty() ? 0 : 1;
        }
        assertThat(nonEmpty).isGreaterThan(5);
    }

    @Test
    void severalRegionsUnplacedAndEverything() {
        for (List<String> regions : List.of(
                List.of("20:6000000-6020000", "11:5010000-5030000", "17:1-200000", "20:6010000-6030000"),
                List.of("*"),
                List.of("11", "*"),
                List.<String>of())) {
            List<String> expected = CohortBams.expected(members, regions);
            assertThat(expected).isNotEmpty();
            assertThat(view(regions.toArray(String[]::new))).as("%s", regions).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void samplesSelectMembersInMemberOrder() {
        String region = "11:5000000-5100000";
        List<String> expected = CohortBams.expected(List.of(members.get(0), members.get(3)), List.of(region));
        assertThat(expected).isNotEmpty();
        assertThat(view("--samples", "norg,NA12878", region)).containsExactlyElementsOf(expected);

        Cli.Result unknown = Cli.run("view", localCohort, "--samples", "NA12878,nobody", region);
        assertThat(unknown.exit()).isNotZero();
        assertThat(unknown.stderr().lines().toList()).hasSize(1);
        assertThat(unknown.stderr()).contains("'nobody'");
        assertThat(unknown.out()).isEmpty();

        Cli.Result onDataset = Cli.run("view", dir.resolve("ds/NA12878.bams3").toString(), "--samples", "a", "11");
        assertThat(onDataset.exit()).isNotZero();
        assertThat(onDataset.stderr()).contains("--samples applies to a cohort");
    }

    @Test
    void countMatchesTheOracle() {
        for (List<String> regions : List.of(List.of("20:6000000-6050000", "17"), List.of("*"), List.<String>of())) {
            List<String> args = new ArrayList<>(List.of("-c"));
            args.addAll(regions);
            assertThat(view(args.toArray(String[]::new)))
                    .as("%s", regions)
                    .containsExactly(
                            String.valueOf(CohortBams.expected(members, regions).size()));
        }
    }

    @Test
    void headerAndBamOutputReadBackBySamtools() {
        List<String> header = view("-H");
        assertThat(header.get(0)).startsWith("@HD\t");
        assertThat(header).contains("@RG\tID:norg\tSM:norg", "@RG\tID:SRR098401-SRR098401\tSM:SRR098401");
        List<String> withHeader = view("-h", "17:1000-2000");
        assertThat(withHeader.subList(0, header.size())).containsExactlyElementsOf(header);

        List<String> regions = List.of("11:5010000-5020000", "17", "*");
        List<String> expected = CohortBams.expected(members, regions);
        for (String cohort : List.of(localCohort, s3Cohort)) {
            Path bam = dir.resolve("out-" + Math.abs(cohort.hashCode()) + ".bam");
            List<String> args =
                    new ArrayList<>(List.of("view", "-b", "-o", bam.toString(), cohort, "--endpoint-url", endpoint));
            args.addAll(regions);
            ok(Cli.run(args.toArray(String[]::new)));
            assertThat(Samtools.run("view", bam.toString())).as(cohort).containsExactlyElementsOf(expected);
            assertThat(Samtools.run("view", "--no-PG", "-H", bam.toString())).containsExactlyElementsOf(header);
        }
    }
}
