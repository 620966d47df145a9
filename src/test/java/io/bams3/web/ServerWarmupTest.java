package io.bams3.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.bams3.catalog.DatasetCatalog;
import io.bams3.convert.ConvertOptions;
import io.bams3.convert.Converter;
import io.bams3.convert.ProgressListener;
import io.bams3.format.Codec;
import io.bams3.store.S3Location;
import io.bams3.store.S3ObjectStore;
import io.bams3.store.StoreStats;
import io.bams3.testing.S3MockServer;
import io.bams3.testing.ServerProcess;
import io.bams3.testing.TestBams;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The warm-up before readiness: readiness is refused while it runs and liveness is not; it asks
 * every S3 root (a HEAD and a GET) without opening any served dataset; a root that does not answer
 * holds readiness back only for {@code bams3.warmup.timeout}, with one log line.
 */
@Tag("server")
@ExtendWith(S3MockServer.class)
class ServerWarmupTest {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void readinessIsRefusedUntilTheWarmupHasRunAndOneDatasetOfTheS3RootWasReadOutsideTheServedCaches()
            throws Exception {
        S3MockServer s3 = S3MockServer.get();
        String bucket = s3.newBucket("warmup");
        new Converter(new ConvertOptions(Codec.BGZF, 256 << 10, 1, false), ProgressListener.NONE)
                .convert(
                        TestBams.path(TestBams.NA12878),
                        new S3ObjectStore(s3.clients(), new S3Location(bucket, "datasets/na12878.bams3")));
        int port = ServerProcess.freePort();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Logger log = (Logger) LoggerFactory.getLogger(ServerWarmup.class);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        WarmupStep hold = () -> {
            held.countDown();
            release.await(60, TimeUnit.SECONDS);
        };
        CompletableFuture<ConfigurableApplicationContext> started = start(
                port,
                app -> app.addInitializers(ctx -> {
                    ctx.getBeanFactory().registerSingleton("heldWarmupStep", hold);
                    // once Spring Boot has set up logging; the tests' level is WARN
                    log.addAppender(events);
                    log.setLevel(Level.INFO);
                }),
                "--bams3.roots[0].location=s3://" + bucket + "/datasets",
                "--bams3.s3.endpoint-url=" + s3.endpoint(),
                "--bams3.s3.region=us-east-1",
                "--bams3.warmup.rounds=1");
        try {
            assertThat(held.await(90, TimeUnit.SECONDS)).as("the warm-up ran").isTrue();
            // the web server is up, the warm-up is not done: alive but not ready
            HttpResponse<String> readiness = get(port, "/actuator/health/readiness");
            assertThat(readiness.statusCode()).isEqualTo(503);
            assertThat(readiness.body()).contains("OUT_OF_SERVICE");
            assertThat(get(port, "/actuator/health/liveness").statusCode()).isEqualTo(200);
            assertThat(started).isNotDone();

            release.countDown();
            ConfigurableApplicationContext context = started.get(60, TimeUnit.SECONDS);
            try {
                ApplicationAvailability availability = context.getBean(ApplicationAvailability.class);
                assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
                DatasetCatalog catalog = context.getBean(DatasetCatalog.class);
                StoreStats stats = catalog.stats();
                // read before the first probe, which sends a HEAD of its own
                long gets = stats.getRequests();
                long others = stats.otherRequests();
                // the probe's GET, then the dataset's metadata, header, reference entry, chunk table,
                // block index and one range of records
                assertThat(gets).as("GETs of the root").isGreaterThanOrEqualTo(7);
                assertThat(others).as("HEAD of the root").isGreaterThanOrEqualTo(1);
                // the loopback ticket for an id no root holds is a failed load, never an opened dataset
                assertThat(catalog.datasetCache().stats().loadSuccessCount())
                        .as("served datasets opened")
                        .isZero();
                assertThat(catalog.indexCache().stats().loadCount()).isZero();
                // the warm-up's own ticket and data requests are not the service's traffic
                MeterRegistry meters = context.getBean(MeterRegistry.class);
                assertThat(meters.find("bams3.tickets").meters()).isEmpty();
                assertThat(meters.find("bams3.data.requests").meters()).isEmpty();
                assertThat(events.list)
                        .singleElement()
                        .satisfies(e -> assertThat(e.getFormattedMessage())
                                .startsWith("warm-up finished in")
                                .contains("s3 roots answered 1/1")
                                .contains("s3 dataset read")
                                .doesNotContain("na12878")
                                .contains("self-query dataset")
                                .contains("loopback 9 requests")
                                .doesNotContain("failed"));
                HttpResponse<String> ready = get(port, "/actuator/health/readiness");
                assertThat(ready.statusCode()).isEqualTo(200);
                assertThat(ready.body()).contains("UP");
                // and the server answers
                assertThat(get(port, "/reads/na12878?referenceName=11&start=5000000&end=5000100")
                                .statusCode())
                        .isEqualTo(200);
            } finally {
                context.close();
            }
        } finally {
            release.countDown();
            started.thenAccept(ConfigurableApplicationContext::close);
            log.detachAppender(events);
            log.setLevel(null);
        }
    }

    @Test
    void aRootThatNeverAnswersHoldsReadinessBackOnlyUntilTheTimeoutAndIsLoggedOnce() throws Exception {
        Logger log = (Logger) LoggerFactory.getLogger(ServerWarmup.class);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        List<Socket> accepted = new CopyOnWriteArrayList<>();
        // accepts connections and never answers: every request waits for its timeout
        try (ServerSocket silent = new ServerSocket(0)) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (Exception e) {
                    // closed
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String secret = "warmup-test-secret-" + Long.toHexString(System.nanoTime());
            long t = System.nanoTime();
            ConfigurableApplicationContext context = start(
                            ServerProcess.freePort(),
                            // once Spring Boot has set up logging, which drops appenders added before
                            app -> app.addInitializers(ctx -> log.addAppender(events)),
                            "--bams3.roots[0].location=s3://silent-bucket/datasets",
                            "--bams3.s3.endpoint-url=http://127.0.0.1:" + silent.getLocalPort(),
                            "--bams3.s3.region=us-east-1",
                            "--bams3.tickets.data-url-secret=" + secret,
                            "--bams3.warmup.timeout=2s",
                            "--bams3.warmup.rounds=0")
                    .get(90, TimeUnit.SECONDS);
            try {
                ApplicationAvailability availability = context.getBean(ApplicationAvailability.class);
                // started and ready as far as the warm-up goes; the readiness probe itself then
                // follows the store, as before (DOWN while the root does not answer)
                assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
                assertThat(availability.getLivenessState()).isEqualTo(LivenessState.CORRECT);
                List<ILoggingEvent> lines = events.list.stream()
                        .filter(e -> e.getLevel() == Level.WARN)
                        .toList();
                assertThat(lines).hasSize(1);
                String line = lines.get(0).getFormattedMessage();
                assertThat(line)
                        .contains("warm-up abandoned after")
                        .contains("bams3.warmup.timeout=PT2S")
                        .contains("no answer from s3://silent-bucket/datasets")
                        .doesNotContain("\n")
                        .doesNotContain(secret);
            } finally {
                context.close();
            }
            assertThat(Duration.ofNanos(System.nanoTime() - t)).isLessThan(Duration.ofSeconds(60));
        } finally {
            log.detachAppender(events);
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    /**
     * Starts the server in the background on {@code port}, set up further by {@code customize}
     * (an extra warm-up step, say); the future completes when it reports ready.
     */
    private static CompletableFuture<ConfigurableApplicationContext> start(
            int port, Consumer<SpringApplication> customize, String... settings) {
        List<String> args = new ArrayList<>(List.of("--server.port=" + port, "--bams3.demo.enabled=false"));
        args.addAll(List.of(settings));
        SpringApplication app = new SpringApplication(Bams3Server.class);
        customize.accept(app);
        return CompletableFuture.supplyAsync(() -> app.run(args.toArray(String[]::new)));
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
