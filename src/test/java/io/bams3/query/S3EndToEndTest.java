package io.bams3.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bams3.convert.ConvertOptions;
import io.bams3.convert.Converter;
import io.bams3.convert.ProgressListener;
import io.bams3.format.Codec;
import io.bams3.format.DatasetLayout;
import io.bams3.store.ObjectInfo;
import io.bams3.store.S3Location;
import io.bams3.store.S3ObjectStore;
import io.bams3.testing.Cli;
import io.bams3.testing.EdgeCaseBam;
import io.bams3.testing.HtsjdkOracle;
import io.bams3.testing.S3MockServer;
import io.bams3.testing.Samtools;
import io.bams3.testing.TestBams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/** Datasets converted straight into an S3 server, then read back region by region. */
@Tag("samtools")
@Tag("slow")
@ExtendWith(S3MockServer.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3EndToEndTest {
    @TempDir
    static Path dir;

    private S3MockServer s3;
    private String bucket;
    private Path edge;

    @BeforeAll
    void convert() throws IOException {
        s3 = S3MockServer.get();
        bucket = s3.newBucket("e2e");
        edge = EdgeCaseBam.write(dir.resolve("edge.bam"), 5);
        convert(TestBams.path(TestBams.NA12878), "datasets/na.bams3", Codec.BGZF, 48 << 10);
        convert(edge, "datasets/edge/edge.bams3", Codec.ZSTD, 64 << 10);
        convert(TestBams.path(TestBams.CHRM), "datasets/chrm.bams3", Codec.BGZF, 128 << 10);
    }

    private void convert(Path bam, String prefix, Codec codec, long chunk) throws IOException {
        new Converter(new ConvertOptions(codec, chunk, 2, false), ProgressListener.NONE)
                .convert(bam, new S3ObjectStore(s3.clients(), new S3Location(bucket, prefix)));
    }

    private Dataset open(String prefix) {
        return Dataset.open(new S3ObjectStore(s3.clients(), new S3Location(bucket, prefix)));
    }

    @Test
    void regionsOnS3MatchTheOracles() throws IOException {
        RegionIdentityTest.assertIdenticalToOracles(
                "s3 na", TestBams.path(TestBams.NA12878), open("datasets/na.bams3"), new Random(1));
        RegionIdentityTest.assertIdenticalToOracles(
                "s3 edge zstd", edge, open("datasets/edge/edge.bams3"), new Random(2));
        RegionIdentityTest.assertIdenticalToOracles(
                "s3 chrM", TestBams.path(TestBams.CHRM), open("datasets/chrm.bams3"), new Random(3));
    }

    @Test
    void regionsOnS3GiveTheSamLinesOfSamtoolsView() {
        assumeTrue(Samtools.available(), "samtools is not installed");
        RegionIdentityTest.assertSamLinesIdenticalToSamtools(
                "s3 na", TestBams.path(TestBams.NA12878), open("datasets/na.bams3"), new Random(1));
        RegionIdentityTest.assertSamLinesIdenticalToSamtools(
                "s3 edge zstd", edge, open("datasets/edge/edge.bams3"), new Random(2));
        RegionIdentityTest.assertSamLinesIdenticalToSamtools(
                "s3 chrM", TestBams.path(TestBams.CHRM), open("datasets/chrm.bams3"), new Random(3));
    }

    @Test
    void exportValidateAndLsThroughTheCli() throws IOException {
        String ep = s3.endpoint().toString();
        String ds = "s3://" + bucket + "/datasets/na.bams3";
        Path out = dir.resolve("na.bam");
        Cli.Result export = Cli.run("export", ds, out.toString(), "--endpoint-url", ep);
        assertThat(export.exit()).as(export.stderr()).isZero();
        try (HtsjdkOracle oracle = new HtsjdkOracle(TestBams.path(TestBams.NA12878))) {
            assertThat(HtsjdkOracle.records(Files.readAllBytes(out))).containsExactlyElementsOf(oracle.all());
        }
        assertThat(Cli.run("validate", ds, "--endpoint-url", ep).exit()).isZero();
        assertThat(Cli.run("stats", ds, "--endpoint-url", ep).out()).contains("11\t135006516\t");

        Cli.Result ls = Cli.run("ls", "s3://" + bucket + "/datasets/", "--endpoint-url", ep);
        assertThat(ls.exit()).as(ls.stderr()).isZero();
        assertThat(ls.out().lines().skip(1).map(l -> l.split("\t")[0]))
                .containsExactly(
                        "s3://" + bucket + "/datasets/chrm.bams3",
                        "s3://" + bucket + "/datasets/edge/edge.bams3",
                        "s3://" + bucket + "/datasets/na.bams3");
        assertThat(ls.out()).contains("\t39918\t").contains("\tzstd\t");
    }

    @Test
    void validateCatchesATamperedObjectAndViewRefusesIt() throws IOException {
        String prefix = "datasets/tamper.bams3";
        convert(TestBams.path(TestBams.MPILEUP), prefix, Codec.BGZF, 16 << 10);
        S3ObjectStore store = new S3ObjectStore(s3.clients(), new S3Location(bucket, prefix));
        String key = store.list(DatasetLayout.GENERATIONS_DIR).stream()
                .map(ObjectInfo::key)
                .filter(k -> k.endsWith(".chunk"))
                .findFirst()
                .orElseThrow();
        byte[] chunk = store.getBytes(key);
        chunk[chunk.length / 3] ^= 0x10;
        s3.clients().client().putObject(b -> b.bucket(bucket).key(prefix + "/" + key), RequestBody.fromBytes(chunk));
        String ds = "s3://" + bucket + "/" + prefix;
        String ep = s3.endpoint().toString();
        Cli.Result v = Cli.run("validate", ds, "--endpoint-url", ep);
        assertThat(v.exit()).isNotZero();
        assertThat(v.stderr()).contains(key.substring(key.indexOf(DatasetLayout.DATA_DIR)));
        Cli.Result view = Cli.run("view", "-c", ds, "--endpoint-url", ep);
        assertThat(view.exit()).isNotZero();
        assertThat(view.stderr().lines().toList()).hasSize(1);
    }

    @Test
    void aBamInTheBucketConvertsStreamedAndReRunsKeepTheDataset() throws IOException {
        String ep = s3.endpoint().toString();
        s3.clients()
                .client()
                .putObject(
                        b -> b.bucket(bucket).key("bams/chrm.bam"), RequestBody.fromFile(TestBams.path(TestBams.CHRM)));
        String ds = "s3://" + bucket + "/from-s3/chrm.bams3";
        Cli.Result first =
                Cli.run("convert", "--skip-existing", "s3://" + bucket + "/bams/chrm.bam", ds, "--endpoint-url", ep);
        assertThat(first.exit()).as(first.stderr()).isZero();
        assertThat(first.stderr()).contains("58,746 records");
        RegionIdentityTest.assertIdenticalToOracles(
                "converted from s3", TestBams.path(TestBams.CHRM), open("from-s3/chrm.bams3"), new Random(9));
        assertThat(open("from-s3/chrm.bams3").metadata().source().name()).isEqualTo("chrm.bam");
        long objects = s3.clients()
                .client()
                .listObjectsV2(b -> b.bucket(bucket).prefix("from-s3/"))
                .keyCount();
        Cli.Result again =
                Cli.run("convert", "--skip-existing", "s3://" + bucket + "/bams/chrm.bam", ds, "--endpoint-url", ep);
        assertThat(again.exit()).as(again.stderr()).isZero();
        assertThat(again.stderr()).contains("exists; kept");
        assertThat(s3.clients()
                        .client()
                        .listObjectsV2(b -> b.bucket(bucket).prefix("from-s3/"))
                        .keyCount())
                .isEqualTo(objects);
        Cli.Result plain = Cli.run("convert", "s3://" + bucket + "/bams/chrm.bam", ds, "--endpoint-url", ep);
        assertThat(plain.exit())
                .as("without --skip-existing an existing dataset is an error")
                .isNotZero();
        Cli.Result missing = Cli.run(
                "convert",
                "s3://" + bucket + "/bams/nope.bam",
                "s3://" + bucket + "/from-s3/nope.bams3",
                "--endpoint-url",
                ep);
        assertThat(missing.exit()).isNotZero();
        assertThat(missing.stderr().trim())
                .isEqualTo("bams3 convert: error: no such object: s3://" + bucket + "/bams/nope.bam");
    }

    @Test
    void missingDatasetBucketAndRegionErrorsAreClear() {
        String ep = s3.endpoint().toString();
        Cli.Result noDataset = Cli.run("view", "s3://" + bucket + "/nope.bams3", "11", "--endpoint-url", ep);
        assertThat(noDataset.exit()).isNotZero();
        assertThat(noDataset.stderr()).contains("not a BAMS3 dataset").contains("s3://" + bucket + "/nope.bams3");
        Cli.Result noBucket = Cli.run("stats", "s3://no-such-bucket-here/x.bams3", "--endpoint-url", ep);
        assertThat(noBucket.exit()).isNotZero();
        assertThat(noBucket.stderr()).containsIgnoringCase("no such bucket");
        assertThat(noBucket.stderr().lines().toList()).hasSize(1);
    }

    @Test
    void missingCredentialsGiveOneClearLine() {
        Cli.Result r = Cli.run(
                "stats",
                "s3://" + bucket + "/datasets/na.bams3",
                "--endpoint-url",
                s3.endpoint().toString(),
                "--profile",
                "no-such-profile-anywhere");
        assertThat(r.exit()).isNotZero();
        assertThat(r.stderr().lines().toList()).hasSize(1);
        assertThat(r.stderr()).contains("s3://" + bucket + "/datasets/na.bams3").containsIgnoringCase("profile");
    }

    @Test
    void aFailedConversionLeavesNoObjectsBehind() throws IOException {
        byte[] whole = Files.readAllBytes(TestBams.path(TestBams.CHRM));
        Path cut = dir.resolve("cut.bam");
        Files.write(cut, Arrays.copyOf(whole, whole.length - 1000));
        String prefix = "datasets/failed.bams3";
        Cli.Result r = Cli.run(
                "convert",
                cut.toString(),
                "s3://" + bucket + "/" + prefix,
                "--endpoint-url",
                s3.endpoint().toString(),
                "--chunk-bytes",
                "64k");
        assertThat(r.exit()).isNotZero();
        S3ObjectStore store = new S3ObjectStore(s3.clients(), new S3Location(bucket, prefix));
        assertThat(store.list("")).isEmpty();
        assertThat(s3.clients()
                        .client()
                        .listMultipartUploads(b -> b.bucket(bucket).prefix(prefix))
                        .uploads())
                .isEmpty();
    }
}
