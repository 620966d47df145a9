package io.bams3.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.bams3.convert.ConvertOptions;
import io.bams3.convert.Converter;
import io.bams3.convert.ProgressListener;
import io.bams3.format.Codec;
import io.bams3.htsget.HtsgetJson;
import io.bams3.store.LocalObjectStore;
import io.bams3.testing.TestBams;
import io.bams3.testing.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * No error a client sees names where datasets are stored: every way a dataset can be missing or
 * broken, on a local root and on an S3 root that does not answer, through tickets (GET and POST)
 * and the data endpoint (GET and HEAD), is an htsget error naming at most the id. The server's
 * log names the location instead.
 */
@Tag("server")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErrorLocationTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String BUCKET = "secret-bucket-name";
    private static final String PREFIX = "secret-prefix";

    @TempDir
    static Path root;

    private TestServer server;

    @BeforeAll
    void start() throws IOException {
        for (String id : List.of("ok", "damaged", "noheader", "nochunk")) {
            new Converter(new ConvertOptions(Codec.BGZF, 64 << 10, 1, false), ProgressListener.NONE)
                    .convert(TestBams.path(TestBams.MPILEUP), new LocalObjectStore(root.resolve(id + ".bams3")));
        }
        Files.writeString(root.resolve("damaged.bams3/_metadata.json"), "{\"format\":\"bams3\",");
        try (Stream<Path> files = Files.walk(root.resolve("noheader.bams3"))) {
            for (Path p : files.filter(p -> p.getFileName().toString().equals("_header.bam"))
                    .toList()) {
                Files.delete(p);
            }
        }
        try (Stream<Path> files = Files.walk(root.resolve("nochunk.bams3"))) {
            for (Path p : files.filter(p -> p.toString().endsWith(".chunk")).toList()) {
                Files.delete(p);
            }
        }
        Files.writeString(root.resolve("file.bams3"), "not a directory");
        Files.createDirectories(root.resolve("empty.bams3"));
        server = TestServer.start(Map.of(
                "bams3.roots[0].location",
                "s3://" + BUCKET + "/" + PREFIX,
                "bams3.roots[0].id-prefix",
                "s3/",
                "bams3.s3.endpoint-url",
                "http://127.0.0.1:9",
                "bams3.s3.region",
                "us-east-1",
                "bams3.roots[1].location",
                root.toString()));
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /**
     * The answers to tickets (GET, POST) and data requests (GET, HEAD) for {@code id}; a data
     * stream cut after its first byte (a chunk that fails once the header went out) has no body to
     * name anything, and is left out.
     */
    private List<HttpResponse<byte[]>> everyEndpoint(String id) {
        List<Supplier<HttpResponse<byte[]>>> requests = List.of(
                () -> server.get("/reads/" + id + "?referenceName=17"),
                () -> server.get("/reads/" + id),
                () -> server.post(
                        "/reads/" + id,
                        "{\"regions\":[{\"referenceName\":\"17\"}]}",
                        "Content-Type",
                        "application/json"),
                () -> server.get("/reads/data/" + id + "?referenceName=17"),
                () -> server.get("/reads/data/" + id + "?class=body&format=SAM"),
                () -> server.send("HEAD", "/reads/data/" + id + "?referenceName=17"));
        List<HttpResponse<byte[]>> out = new ArrayList<>();
        for (Supplier<HttpResponse<byte[]>> request : requests) {
            try {
                out.add(request.get());
            } catch (UncheckedIOException cut) {
                // the connection was cut mid-stream: the client sees a failed transfer
            }
        }
        return out;
    }

    private void assertNamesNoLocation(HttpResponse<byte[]> r) {
        String body = new String(r.body(), StandardCharsets.UTF_8);
        String what = r.request().method() + " " + r.uri() + " -> " + r.statusCode() + " " + body;
        if (r.request().method().equals("HEAD") || r.statusCode() == 200) {
            return;
        }
        assertThat(r.headers().firstValue("Content-Type").orElse("")).as(what).startsWith(HtsgetJson.MEDIA_TYPE);
        JsonNode error = JSON.readTree(r.body()).get("htsget");
        assertThat(error.propertyNames()).as(what).containsExactlyInAnyOrder("error", "message");
        String id = r.uri().getPath().replaceFirst("^/reads/(data/)?", "");
        assertThat(error.get("message").stringValue().replace(id, "ID"))
                .as(what)
                .doesNotContain(root.toString())
                .doesNotContain(BUCKET)
                .doesNotContain(PREFIX)
                .doesNotContain("s3://")
                .doesNotContain("127.0.0.1")
                .doesNotContain(".bams3")
                .doesNotContain("_metadata")
                .doesNotContain("_header")
                .doesNotContain(".chunk")
                .doesNotContain("gen/")
                .doesNotContain("Exception");
    }

    @Test
    void missingDatasetsAre404NamingOnlyTheId() {
        for (String id : List.of("nosuch", "a/b/c", "file", "empty", "ok.bams3/_metadata.json/x")) {
            for (HttpResponse<byte[]> r : everyEndpoint(id)) {
                assertNamesNoLocation(r);
                assertThat(r.statusCode()).as(r.uri().toString()).isEqualTo(404);
                if (!r.request().method().equals("HEAD")) {
                    assertThat(JSON.readTree(r.body())
                                    .get("htsget")
                                    .get("message")
                                    .stringValue())
                            .isEqualTo("no dataset with id '" + id + "'");
                }
            }
        }
    }

    @Test
    void brokenDatasetsAndAStoreThatDoesNotAnswerAreGenericErrorsAndTheLogHasTheLocation() {
        Logger log = (Logger) LoggerFactory.getLogger(ErrorResponses.class);
        Logger stream = (Logger) LoggerFactory.getLogger(ReadsController.class);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        log.addAppender(events);
        stream.addAppender(events);
        try {
            for (String id : List.of("damaged", "noheader", "nochunk", "s3/x")) {
                List<HttpResponse<byte[]>> answers = everyEndpoint(id);
                answers.forEach(this::assertNamesNoLocation);
                assertThat(answers)
                        .as(id)
                        .anySatisfy(r -> assertThat(r.statusCode()).isGreaterThanOrEqualTo(500));
            }
        } finally {
            log.detachAppender(events);
            stream.detachAppender(events);
        }
        List<String> lines =
                events.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines)
                .anySatisfy(l ->
                        assertThat(l).contains(root.resolve("damaged.bams3").toString()));
        assertThat(lines)
                .anySatisfy(l ->
                        assertThat(l).contains(root.resolve("noheader.bams3").toString()));
        assertThat(lines)
                .anySatisfy(l ->
                        assertThat(l).contains(root.resolve("nochunk.bams3").toString()));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("s3://" + BUCKET + "/" + PREFIX + "/x.bams3"));
    }

    @Test
    void aMissingDatasetsLocationIsLoggedAtDebug() {
        Logger log = (Logger) LoggerFactory.getLogger(ErrorResponses.class);
        Level level = log.getLevel();
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        log.addAppender(events);
        log.setLevel(Level.DEBUG);
        try {
            assertThat(server.get("/reads/nosuch").statusCode()).isEqualTo(404);
        } finally {
            log.setLevel(level);
            log.detachAppender(events);
        }
        assertThat(events.list.stream().map(ILoggingEvent::getFormattedMessage))
                .anySatisfy(
                        l -> assertThat(l).contains(root.resolve("nosuch.bams3").toString()));
    }
}
