package io.bams3.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.bams3.convert.ConvertOptions;
import io.bams3.convert.Converter;
import io.bams3.convert.ProgressListener;
import io.bams3.format.Codec;
import io.bams3.query.Dataset;
import io.bams3.query.Region;
import io.bams3.query.RegionParser;
import io.bams3.testing.Bams3Queries;
import io.bams3.testing.Cli;
import io.bams3.testing.FaultProxy;
import io.bams3.testing.HtsjdkOracle;
import io.bams3.testing.S3MockServer;
import io.bams3.testing.TestBams;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Queries through a proxy that fails requests (503 SlowDown), stalls them past the read timeout,
 * and cuts bodies half-way: the SDK's retries and the mid-stream resume still give exactly the
 * right records. With every request failing, the query fails cleanly and leaves no thread behind.
 */
@Tag("slow")
@ExtendWith(S3MockServer.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultInjectionTest {
    private String bucket;
    private static final String PREFIX = "faults/na.bams3";

    @BeforeAll
    void convert() throws IOException {
        S3MockServer s3 = S3MockServer.get();
        bucket = s3.newBucket("faults");
        new Converter(new ConvertOptions(Codec.BGZF, 32 << 10, 2, false), ProgressListener.NONE)
                .convert(
                        TestBams.path(TestBams.NA12878),
                        new S3ObjectStore(s3.clients(), new S3Location(bucket, PREFIX)));
    }

    private S3Settings through(FaultProxy proxy, int attempts) {
        return S3MockServer.get()
                .settings()
                .withEndpoint(proxy.endpoint())
                .withRetries(attempts, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(60));
    }

    @Test
    void flakyStoreStillGivesExactRecords() throws Exception {
        try (FaultProxy proxy = new FaultProxy(S3MockServer.get().endpoint(), 99);
                S3Clients clients = new S3Clients(through(proxy, 10))) {
            proxy.faults(0.2, 0.05, 0.1);
            proxy.stallFor(Duration.ofMillis(2500));
            Dataset ds = Dataset.open(new S3ObjectStore(clients, new S3Location(bucket, PREFIX)));
            RegionParser parser = new RegionParser(ds.header());
            Random rnd = new Random(4);
            try (HtsjdkOracle oracle = new HtsjdkOracle(TestBams.path(TestBams.NA12878))) {
                for (int i = 0; i < 30; i++) {
                    String ref = rnd.nextBoolean() ? "11" : "20";
                    int beg = (ref.equals("11") ? 5_000_000 : 6_000_000) + rnd.nextInt(100_000);
                    List<Region> regions = List.of(parser.parse(ref + ":" + beg + "-" + (beg + rnd.nextInt(30_000))));
                    assertThat(HtsjdkOracle.records(Bams3Queries.bam(ds, regions)))
                            .containsExactlyElementsOf(oracle.query(regions));
                }
                assertThat(HtsjdkOracle.records(Bams3Queries.bam(ds, List.of())))
                        .containsExactlyElementsOf(oracle.all());
            }
            System.out.printf(
                    "fault proxy: %d requests, %d SlowDown, %d stalls, %d cut bodies%n",
                    proxy.requests.get(), proxy.slowDowns.get(), proxy.stalls.get(), proxy.cuts.get());
            assertThat(proxy.slowDowns.get()).isPositive();
            assertThat(proxy.stalls.get()).isPositive();
            assertThat(proxy.cuts.get()).isPositive();
        }
    }

    @Test
    void aReadResumesOnTheVersionItStartedOnOrSaysTheObjectChanged() throws Exception {
        S3MockServer s3 = S3MockServer.get();
        S3ObjectStore direct = new S3ObjectStore(s3.clients(), new S3Location(bucket, "faults/pinned"));
        byte[] first = bytes(200_000, 'a');
        byte[] second = bytes(150_000, 'b');
        try (FaultProxy proxy = new FaultProxy(s3.endpoint(), 11);
                S3Clients clients = new S3Clients(through(proxy, 3))) {
            S3ObjectStore store = new S3ObjectStore(clients, new S3Location(bucket, "faults/pinned"));
            for (ByteRange range : new ByteRange[] {null, new ByteRange(1_000, 190_000)}) {
                direct.putBytes("object", first);
                proxy.faults(0, 0, 1.0);
                try (InputStream in = store.get("object", range)) {
                    proxy.faults(0, 0, 0);
                    // cut half-way, resumed on the same version: every byte, once
                    byte[] whole = in.readAllBytes();
                    assertThat(whole).isEqualTo(range == null ? first : Arrays.copyOfRange(first, 1_000, 190_000));
                }
                proxy.faults(0, 0, 1.0);
                try (InputStream in = store.get("object", range)) {
                    proxy.faults(0, 0, 0);
                    direct.putBytes("object", second); // replaced while being read
                    assertThatThrownBy(in::readAllBytes)
                            .isInstanceOf(ObjectChangedException.class)
                            .hasMessage(
                                    "s3://" + bucket + "/faults/pinned/object was replaced while it was being read");
                }
            }
        }
    }

    private static byte[] bytes(int n, char fill) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) fill);
        for (int i = 0; i < n; i += 1000) {
            b[i] = (byte) ('0' + i / 1000 % 10); // positions differ, so a misplaced byte would show
        }
        return b;
    }

    @Test
    void accessDeniedIsReportedAsSuchThroughTheCli() throws Exception {
        try (FaultProxy proxy = new FaultProxy(S3MockServer.get().endpoint(), 3)) {
            proxy.denyAll(true);
            String ds = "s3://" + bucket + "/" + PREFIX;
            for (String[] args :
                    List.of(new String[] {"view", "-c", ds, "11"}, new String[] {"stats", ds}, new String[] {
                        "ls", "s3://" + bucket + "/faults/"
                    })) {
                List<String> argv = new ArrayList<>(List.of(args));
                argv.addAll(List.of("--endpoint-url", proxy.endpoint().toString()));
                Cli.Result r = Cli.run(argv.toArray(String[]::new));
                assertThat(r.exit()).as("%s", argv).isNotZero();
                assertThat(r.stderr().lines().toList()).as("%s", argv).hasSize(1);
                assertThat(r.stderr()).as("%s", argv).contains("access denied to s3://" + bucket + "/faults");
            }
        }
    }

    @Test
    void aStoreThatAlwaysFailsGivesACleanErrorInBoundedTime() throws Exception {
        try (FaultProxy proxy = new FaultProxy(S3MockServer.get().endpoint(), 7);
                S3Clients clients = new S3Clients(through(proxy, 3))) {
            S3ObjectStore store = new S3ObjectStore(clients, new S3Location(bucket, PREFIX));
            Dataset ds = Dataset.open(store);
            List<Region> regions = List.of(new RegionParser(ds.header()).parse("11"), Region.unplaced());
            proxy.faults(1.0, 0, 0);
            assertTimeoutPreemptively(
                    Duration.ofSeconds(120),
                    () -> assertThatThrownBy(() -> Bams3Queries.bam(ds, regions))
                            .isInstanceOf(StoreException.class)
                            .hasMessageContaining("s3://" + bucket + "/" + PREFIX)
                            .hasMessageContaining("503"));
            proxy.faults(0, 1.0, 0);
            proxy.stallFor(Duration.ofSeconds(3));
            assertTimeoutPreemptively(
                    Duration.ofSeconds(120),
                    () -> assertThatThrownBy(() -> Bams3Queries.bam(ds, regions))
                            .isInstanceOf(StoreException.class));
        }
        Thread.sleep(200);
        assertThat(Thread.getAllStackTraces().keySet().stream().map(Thread::getName))
                .noneMatch(n -> n.startsWith("bams3-fetch"));
    }
}
