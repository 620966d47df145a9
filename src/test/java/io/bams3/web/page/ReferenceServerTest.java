package io.bams3.web.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.bams3.store.S3Location;
import io.bams3.store.S3ObjectStore;
import io.bams3.testing.S3MockServer;
import io.bams3.testing.ServedDatasets;
import io.bams3.testing.TestBams;
import io.bams3.testing.TestServer;
import io.bams3.web.settings.InvalidSettingException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The viewer's reference sequence over HTTP against the real server: the FASTA of
 * na12878-chrM-Y-trunc.bam (src/test/resources/data) configured by id pattern from a local file
 * ({@code chrm}), from S3 ({@code zstd/chrm}, S3Mock) and from an http URL ({@code edge}, a JDK
 * HttpServer that honours Range), and for a whole root ({@code extra/...}). Served ranges equal the
 * file's bytes; ids without a reference, unknown ids and bad settings are clear errors.
 */
@Tag("server")
@ExtendWith(S3MockServer.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReferenceServerTest {
    static final String FASTA = "chrM-Y-trunc.hg19.fa";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TestServer server;
    private HttpServer origin;
    private byte[] fasta;
    private byte[] index;
    private Path extra;
    private String bucket;
    private final List<String> originRanges = new java.util.concurrent.CopyOnWriteArrayList<>();

    static Path fastaPath() {
        return TestBams.path(FASTA);
    }

    @BeforeAll
    void start() throws IOException {
        ServedDatasets.all();
        fasta = Files.readAllBytes(fastaPath());
        index = Files.readAllBytes(Path.of(fastaPath() + ".fai"));
        S3MockServer s3 = S3MockServer.get();
        bucket = s3.newBucket("references");
        S3ObjectStore refs = new S3ObjectStore(s3.clients(), new S3Location(bucket, "genomes/hg19"));
        refs.putBytes("trunc.fa", fasta);
        refs.putBytes("trunc.fa.fai", index);
        origin = rangedOrigin();
        // a root with one dataset (a copy of chrm's directory): its reference is the root's
        extra = Files.createTempDirectory("reference-root");
        copyTree(ServedDatasets.localRoot().resolve("chrm.bams3"), extra.resolve("copy.bams3"));
        Map<String, String> settings = new HashMap<>();
        settings.put("bams3.roots[0].location", extra.toString());
        settings.put("bams3.roots[0].id-prefix", "extra/");
        settings.put("bams3.roots[0].reference", fastaPath().toString());
        settings.put("bams3.roots[1].location", ServedDatasets.localRoot().toString());
        settings.put("bams3.references[0].id-pattern", "chrm");
        settings.put("bams3.references[0].fasta", fastaPath().toString());
        settings.put("bams3.references[1].id-pattern", "zstd/.*");
        settings.put("bams3.references[1].fasta", "s3://" + bucket + "/genomes/hg19/trunc.fa");
        settings.put("bams3.references[2].id-pattern", "edge");
        settings.put(
                "bams3.references[2].fasta",
                "http://127.0.0.1:" + origin.getAddress().getPort() + "/hg19/trunc.fa");
        settings.put("bams3.s3.endpoint-url", s3.endpoint().toString());
        settings.put("bams3.s3.region", "us-east-1");
        settings.put("bams3.tickets.mode", "streamed");
        server = TestServer.start(settings);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
        if (origin != null) {
            origin.stop(0);
        }
    }

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d+)");

    /** Serves the FASTA and its index at /hg19/trunc.fa(.fai) with HEAD and single Range requests. */
    private HttpServer rangedOrigin() throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/hg19/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body = path.equals("/hg19/trunc.fa") ? fasta : path.equals("/hg19/trunc.fa.fai") ? index : null;
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            String range = exchange.getRequestHeaders().getFirst("Range");
            int from = 0;
            int to = body.length;
            int status = 200;
            if (range != null) {
                originRanges.add(range);
                Matcher m = RANGE.matcher(range);
                if (m.matches()) {
                    from = Integer.parseInt(m.group(1));
                    to = Math.min(body.length, Integer.parseInt(m.group(2)) + 1);
                    status = 206;
                    exchange.getResponseHeaders()
                            .add("Content-Range", "bytes " + from + "-" + (to - 1) + "/" + body.length);
                }
            }
            if (exchange.getRequestMethod().equals("HEAD")) {
                exchange.getResponseHeaders().add("Content-Length", String.valueOf(body.length));
                exchange.sendResponseHeaders(200, -1);
            } else {
                exchange.sendResponseHeaders(status, to - from);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body, from, to - from);
                }
            }
            exchange.close();
        });
        http.start();
        return http;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private JsonNode json(String pathAndQuery, int status) {
        HttpResponse<byte[]> r = server.get(pathAndQuery);
        assertThat(r.statusCode())
                .as(pathAndQuery + ": " + new String(r.body(), StandardCharsets.UTF_8))
                .isEqualTo(status);
        return JSON.readTree(r.body());
    }

    @Test
    void theOverviewSaysWhetherAReferenceSequenceIsConfigured() {
        for (String id : List.of("chrm", "zstd/chrm", "edge", "extra/copy")) {
            assertThat(json("/page/api/overview/" + id, 200)
                            .get("referenceSequence")
                            .asBoolean())
                    .as(id)
                    .isTrue();
        }
        // the served root has no reference of its own, and no pattern matches these
        for (String id : List.of("na12878", "mpileup", "small/na12878")) {
            assertThat(json("/page/api/overview/" + id, 200)
                            .get("referenceSequence")
                            .asBoolean())
                    .as(id)
                    .isFalse();
        }
    }

    @Test
    void theWholeFastaAndItsIndexAreServedFromEverySource() {
        for (String id : List.of("chrm", "zstd/chrm", "edge", "extra/copy")) {
            HttpResponse<byte[]> whole = server.get("/page/api/reference/" + id + "/sequence.fa");
            assertThat(whole.statusCode()).as(id).isEqualTo(200);
            assertThat(whole.body()).as(id).isEqualTo(fasta);
            assertThat(whole.headers().firstValue("Accept-Ranges")).hasValue("bytes");
            assertThat(whole.headers().firstValueAsLong("Content-Length")).hasValue(fasta.length);
            HttpResponse<byte[]> fai = server.get("/page/api/reference/" + id + "/sequence.fa.fai");
            assertThat(fai.statusCode()).as(id).isEqualTo(200);
            assertThat(fai.body()).as(id).isEqualTo(index);
            assertThat(new String(fai.body(), StandardCharsets.US_ASCII))
                    .startsWith("chrM\t16571\t6\t50\t51\nchrY\t24316\t16915\t50\t51");
        }
    }

    @Test
    void rangesOfTheFastaEqualTheFilesBytes() {
        Random random = new Random(11);
        for (String id : List.of("chrm", "zstd/chrm", "edge")) {
            for (int i = 0; i < 20; i++) {
                int from = random.nextInt(fasta.length);
                int last = Math.min(fasta.length - 1, from + random.nextInt(5000));
                HttpResponse<byte[]> r =
                        server.get("/page/api/reference/" + id + "/sequence.fa", "Range", "bytes=" + from + "-" + last);
                assertThat(r.statusCode()).as(id + " " + from + "-" + last).isEqualTo(206);
                assertThat(r.headers().firstValue("Content-Range"))
                        .hasValue("bytes " + from + "-" + last + "/" + fasta.length);
                assertThat(r.body()).isEqualTo(Arrays.copyOfRange(fasta, from, last + 1));
            }
            // open-ended, suffix, and a last byte past the end (clipped)
            assertThat(server.get("/page/api/reference/" + id + "/sequence.fa", "Range", "bytes=41000-")
                            .body())
                    .isEqualTo(Arrays.copyOfRange(fasta, 41_000, fasta.length));
            assertThat(server.get("/page/api/reference/" + id + "/sequence.fa", "Range", "bytes=-100")
                            .body())
                    .isEqualTo(Arrays.copyOfRange(fasta, fasta.length - 100, fasta.length));
            assertThat(server.get("/page/api/reference/" + id + "/sequence.fa", "Range", "bytes=41700-99999")
                            .body())
                    .isEqualTo(Arrays.copyOfRange(fasta, 41_700, fasta.length));
            HttpResponse<byte[]> outside =
                    server.get("/page/api/reference/" + id + "/sequence.fa", "Range", "bytes=999999-");
            assertThat(outside.statusCode()).isEqualTo(416);
            assertThat(outside.headers().firstValue("Content-Range")).hasValue("bytes */" + fasta.length);
        }
        // the http origin was asked for ranges, not for the whole file, for ranged requests
        assertThat(originRanges).contains("bytes=41000-41717");
    }

    @Test
    void withoutAReferenceOrADatasetTheEndpoints404WithoutALocation() {
        for (String path : List.of(
                "/page/api/reference/na12878/sequence.fa",
                "/page/api/reference/na12878/sequence.fa.fai",
                "/page/api/reference/no/such/sequence.fa",
                "/page/api/reference/extra/no-such/sequence.fa.fai",
                "/page/api/reference/chrm/other.fa")) {
            JsonNode error = json(path, 404);
            assertThat(error.at("/htsget/error").asString()).as(path).isEqualTo("NotFound");
            String text = error.toString();
            assertThat(text)
                    .as(path)
                    .doesNotContain(fastaPath().toString())
                    .doesNotContain(fastaPath().getParent().toString())
                    .doesNotContain(bucket)
                    .doesNotContain("127.0.0.1")
                    .doesNotContain(extra.toString());
        }
        assertThat(json("/page/api/reference/na12878/sequence.fa", 404)
                        .at("/htsget/message")
                        .asString())
                .isEqualTo("no reference sequence is configured for 'na12878'");
        assertThat(json("/page/api/reference/x%22%3E/sequence.fa", 400)
                        .at("/htsget/error")
                        .asString())
                .isEqualTo("InvalidInput");
    }

    @Test
    void aBadReferenceSettingStopsTheStartWithTheSettingNamed() {
        Map<String, String> base =
                Map.of("bams3.roots[0].location", ServedDatasets.localRoot().toString());
        Map<String, String> missing = new HashMap<>(base);
        missing.put("bams3.roots[0].reference", fastaPath() + ".missing");
        assertThatThrownBy(() -> TestServer.start(missing).close())
                .hasRootCauseInstanceOf(InvalidSettingException.class)
                .rootCause()
                .hasMessageContaining("bams3.roots[0].reference names no readable file");
        Map<String, String> noIndex = new HashMap<>(base);
        noIndex.put("bams3.references[0].id-pattern", "chrm");
        noIndex.put("bams3.references[0].fasta", TestBams.path(TestBams.MPILEUP).toString());
        assertThatThrownBy(() -> TestServer.start(noIndex).close())
                .rootCause()
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("bams3.references[0].fasta + \".fai\"");
        Map<String, String> badPattern = new HashMap<>(base);
        badPattern.put("bams3.references[0].id-pattern", "chr(");
        badPattern.put("bams3.references[0].fasta", fastaPath().toString());
        assertThatThrownBy(() -> TestServer.start(badPattern).close())
                .rootCause()
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("bams3.references[0].id-pattern is not a regular expression");
        Map<String, String> bucketOnly = new HashMap<>(base);
        bucketOnly.put("bams3.references[0].id-pattern", "chrm");
        bucketOnly.put("bams3.references[0].fasta", "s3://bucket/");
        assertThatThrownBy(() -> TestServer.start(bucketOnly).close())
                .rootCause()
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("bams3.references[0].fasta names an S3 bucket or prefix, not an object");
        Map<String, String> ftp = new HashMap<>(base);
        ftp.put("bams3.roots[0].reference", "ftp://example.org/hg19.fa");
        assertThatThrownBy(() -> TestServer.start(ftp).close())
                .rootCause()
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("bams3.roots[0].reference has a scheme other than s3, http or https");
    }
}
