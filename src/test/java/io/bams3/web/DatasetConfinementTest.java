package io.bams3.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.bams3.convert.ConvertOptions;
import io.bams3.convert.Converter;
import io.bams3.convert.ProgressListener;
import io.bams3.format.Codec;
import io.bams3.htsget.HtsgetJson;
import io.bams3.store.LocalObjectStore;
import io.bams3.testing.Cli;
import io.bams3.testing.TestBams;
import io.bams3.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a client can reach is what lies inside a configured root, and nothing else: an id cannot
 * climb out of its root through the part after a prefix, no symbolic link under a root is followed
 * (a linked dataset, a linked directory on the way to one, a linked chunk whose bytes and CRC are
 * right), and the ids the API's own routes take are no datasets, whatever the method.
 */
@Tag("server")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatasetConfinementTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String MARKER = "OUTSIDE-THE-ROOT-";

    @TempDir
    static Path dir;

    private Path cohortRoot;
    private Path plainRoot;
    private Path outside;
    private TestServer server;

    private static void convert(Path dataset) throws IOException {
        new Converter(new ConvertOptions(Codec.BGZF, 64 << 10, 1, false), ProgressListener.NONE)
                .convert(TestBams.path(TestBams.MPILEUP), new LocalObjectStore(dataset));
    }

    private static Path firstChunk(Path dataset) throws IOException {
        try (Stream<Path> files = Files.walk(dataset)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".chunk"))
                    .sorted()
                    .findFirst()
                    .orElseThrow();
        }
    }

    @BeforeAll
    void start() throws IOException {
        // <dir>/c is a root whose ids start with "cohort" (no trailing '/'); <dir>/mp.bams3 is outside it
        cohortRoot = Files.createDirectories(dir.resolve("c"));
        convert(cohortRoot.resolve("inside.bams3"));
        convert(dir.resolve("mp.bams3"));

        plainRoot = Files.createDirectories(dir.resolve("r"));
        outside = Files.createDirectories(dir.resolve("outside"));
        convert(outside.resolve("real.bams3"));
        convert(plainRoot.resolve("ok.bams3"));
        // a dataset directory that is a link to one outside the root
        Files.createSymbolicLink(plainRoot.resolve("linked.bams3"), outside.resolve("real.bams3"));
        // a directory on the way to a dataset that is a link to outside
        Files.createSymbolicLink(plainRoot.resolve("via"), outside);
        // a chunk that is a link to a copy of itself outside the root: right bytes, right CRC
        convert(plainRoot.resolve("chunklink.bams3"));
        Path chunk = firstChunk(plainRoot.resolve("chunklink.bams3"));
        Path copy = Files.copy(chunk, outside.resolve("copy.chunk"));
        Files.delete(chunk);
        Files.createSymbolicLink(chunk, copy);
        // a chunk that is a link to a file outside the root that no client may read
        convert(plainRoot.resolve("secretlink.bams3"));
        chunk = firstChunk(plainRoot.resolve("secretlink.bams3"));
        Path secret = outside.resolve("secret.txt");
        Files.writeString(secret, MARKER.repeat((int) (Files.size(chunk) / MARKER.length()) + 100));
        Files.delete(chunk);
        Files.createSymbolicLink(chunk, secret);
        // datasets whose ids the API's routes take
        convert(plainRoot.resolve("data/mp.bams3"));
        convert(plainRoot.resolve("service-info.bams3"));

        server = TestServer.start(Map.of(
                "bams3.roots[0].location",
                cohortRoot.toString(),
                "bams3.roots[0].id-prefix",
                "cohort",
                "bams3.roots[1].location",
                plainRoot.toString()));
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static void assertError(HttpResponse<byte[]> r, int status, String error) {
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertThat(r.statusCode())
                .as("%s %s: %s", r.request().method(), r.uri(), body.substring(0, Math.min(300, body.length())))
                .isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith(HtsgetJson.MEDIA_TYPE);
        JsonNode root = JSON.readTree(r.body());
        assertThat(root.get("htsget").get("error").stringValue()).as(body).isEqualTo(error);
        assertThat(body).doesNotContain(dir.toString()).doesNotContain(".bams3");
    }

    private HttpResponse<byte[]> post(String path) {
        return server.post(path, "{}", "Content-Type", "application/json");
    }

    @Test
    void theSoundDatasetsAnswer() {
        assertThat(server.get("/reads/cohortinside?referenceName=17").statusCode())
                .isEqualTo(200);
        assertThat(server.get("/reads/data/ok?referenceName=17").statusCode()).isEqualTo(200);
    }

    @Test
    void thePartOfAnIdAfterItsPrefixCannotClimbOutOfTheRoot() {
        // issue 10: "cohort../mp" was served from <root>/c/../mp.bams3
        for (String id : List.of("cohort../mp", "cohort../c/inside", "cohort./inside", "cohort.hidden")) {
            assertError(server.get("/reads/" + id + "?referenceName=17"), 400, "InvalidInput");
            assertError(post("/reads/" + id), 400, "InvalidInput");
            assertError(server.get("/reads/data/" + id + "?referenceName=17"), 400, "InvalidInput");
            assertThat(server.send("HEAD", "/reads/data/" + id).statusCode()).isEqualTo(400);
        }
    }

    @Test
    void aDatasetDirectoryOrADirectoryOnTheWayThatIsASymbolicLinkIsNotFound() {
        for (String id : List.of("linked", "via/real")) {
            assertError(server.get("/reads/" + id + "?referenceName=17"), 404, "NotFound");
            assertError(post("/reads/" + id), 404, "NotFound");
            assertError(server.get("/reads/data/" + id + "?referenceName=17"), 404, "NotFound");
        }
    }

    @Test
    void aChunkThatIsASymbolicLinkIsNeverServedEvenWithTheRightBytes() {
        // the records alone: the failure comes before the first byte, an htsget error
        for (String query : List.of("class=body", "class=body&format=SAM")) {
            assertError(server.get("/reads/data/chunklink?" + query), 500, "InternalError");
        }
        // after the header: the transfer is cut, never a clean 200
        for (String query : List.of("", "format=SAM")) {
            String response = rawGet("/reads/data/chunklink?" + query);
            assertThat(response).as(query).doesNotEndWith("\r\n0\r\n\r\n");
        }
    }

    @Test
    void noByteOfAFileOutsideTheRootGoesOutThroughALinkedChunk() {
        for (String query : List.of("class=body", "class=body&format=SAM", "format=SAM", "")) {
            String response = rawGet("/reads/data/secretlink?" + query);
            assertThat(response).as(query).doesNotContain(MARKER).doesNotEndWith("\r\n0\r\n\r\n");
        }
    }

    @Test
    void exportRefusesALinkedChunk() {
        Path out = dir.resolve("exported.bam");
        Cli.Result r = Cli.run("export", plainRoot.resolve("chunklink.bams3").toString(), out.toString());
        assertThat(r.exit()).as(r.stderr()).isNotZero();
        assertThat(out).doesNotExist();
    }

    @Test
    void idsTheApiRoutesTakeAreNoDatasetsWhateverTheMethod() {
        // POST on the data endpoint is not a ticket request for the id "data/..."
        HttpResponse<byte[]> p = post("/reads/data/mp");
        assertError(p, 405, "InvalidInput");
        assertThat(p.headers().firstValue("Allow").orElse("")).contains("GET").doesNotContain("POST");
        // nor does the data endpoint serve the datasets whose ids the routes take
        assertError(server.get("/reads/data/data/mp?referenceName=17"), 400, "InvalidInput");
        assertError(server.get("/reads/data/service-info?referenceName=17"), 400, "InvalidInput");
        assertError(post("/reads/service-info"), 405, "InvalidInput");
        assertThat(server.get("/reads/service-info").statusCode()).isEqualTo(200);
    }

    /** A GET over a plain socket: everything the server sent before it closed or cut the connection. */
    private String rawGet(String target) {
        try (Socket s = new Socket("127.0.0.1", Integer.parseInt(server.port()))) {
            s.setSoTimeout(30_000);
            s.getOutputStream()
                    .write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = s.getInputStream().read(buf)) >= 0; ) {
                    got.write(buf, 0, n);
                }
            } catch (IOException cut) {
                // a cut connection ends what was received
            }
            return got.toString(StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
