package io.bams3.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bams3.convert.ConvertOptions;
import io.bams3.convert.Converter;
import io.bams3.convert.ProgressListener;
import io.bams3.format.BlockIndex;
import io.bams3.format.Codec;
import io.bams3.store.LocalObjectStore;
import io.bams3.testing.DatasetEditor;
import io.bams3.testing.Samtools;
import io.bams3.testing.TestBams;
import io.bams3.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data stream that fails is an error to the client whenever it fails: before its first byte it
 * is an htsget error response, after it the connection is cut. Never a complete, short answer,
 * whatever the failure's cause (a unit cut short by a moved block offset fails with an
 * end-of-stream inside, which a container may take for a client that went away).
 */
@Tag("server")
@Tag("samtools")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DataFailureTest {
    private static final String REF = "11";

    @TempDir
    static Path root;

    private TestServer server;
    /** A region that reads only unit 1 of chunk 1, whose end offset was moved back 3 bytes. */
    private String cutRegion;
    /** The whole of chunk 0 (streamed as stored), which comes before it. */
    private String firstChunk;

    @BeforeAll
    void start() throws IOException {
        Path ds = root.resolve("moved.bams3");
        new Converter(new ConvertOptions(Codec.BGZF, 64 << 10, 2, false), ProgressListener.NONE)
                .convert(TestBams.path(TestBams.NA12878), new LocalObjectStore(ds));
        DatasetEditor editor = new DatasetEditor(ds);
        BlockIndex index = editor.blockIndex(REF, 1);
        assertThat(index.size()).isGreaterThanOrEqualTo(3);
        assertThat(index.firstPos()[2]).isGreaterThan(index.firstPos()[1]);
        long[] moved = index.offsets().clone();
        moved[2] -= 3;
        editor.writeBlockIndex(
                REF, 1, new BlockIndex(moved, index.firstPos(), index.maxEnd(), index.records(), index.crc32c()));
        // [firstPos[1], firstPos[2]) selects units up to 1 and not 2: the range ends at the moved offset
        cutRegion = REF + ":" + index.firstPos()[1] + "-" + index.firstPos()[2];
        var chunk0 = editor.table(REF).get(0);
        firstChunk = REF + ":" + chunk0.firstPos() + "-" + (chunk0.lastPos() + 1);
        server = TestServer.start(Map.of("bams3.roots[0].location", root.toString()));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void aFailureBeforeTheFirstByteIsAnErrorResponseNotAnEmptyBody() {
        for (String cls : List.of("&class=body", "")) {
            HttpResponse<byte[]> r =
                    server.get("/reads/data/moved?interval=" + cutRegion + cls, "Origin", "https://igv.example.org");
            String body = new String(r.body(), StandardCharsets.UTF_8);
            assertThat(r.statusCode()).as(body).isEqualTo(500);
            assertThat(body).contains("\"InternalError\"").doesNotContain(root.toString());
            assertThat(r.headers().firstValue("Access-Control-Allow-Origin"))
                    .as("a browser can read the error")
                    .hasValue("https://igv.example.org");
            assertThat(r.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).contains("json"));
        }
    }

    @Test
    void aFailureAfterTheFirstByteCutsTheConnection() {
        String url = server.base() + "/reads/data/moved?class=body&interval=" + firstChunk + "&interval=" + cutRegion;
        long[] received = {0};
        assertThatThrownBy(() -> {
                    HttpResponse<InputStream> r = HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(URI.create(url)).build(),
                                    HttpResponse.BodyHandlers.ofInputStream());
                    assertThat(r.statusCode()).isEqualTo(200);
                    try (InputStream in = r.body()) {
                        byte[] buf = new byte[65536];
                        for (int n; (n = in.read(buf)) >= 0; ) {
                            received[0] += n;
                        }
                    }
                })
                .as("the transfer must fail, not end")
                .isInstanceOf(IOException.class);
        assertThat(received[0])
                .as("the first chunk was streamed before the failure")
                .isGreaterThan(8192);
    }

    @Test
    void samtoolsFailsOnTheTicketInsteadOfCountingZero() throws Exception {
        assumeTrue(Samtools.available(), "samtools is not installed");
        String[] se = cutRegion.substring(REF.length() + 1).split("-");
        for (String query : List.of(
                "referenceName=" + REF + "&start=" + se[0] + "&end=" + se[1],
                "referenceName=" + REF + "&start=" + firstChunk.split("[:-]")[1] + "&end=" + se[1])) {
            Process p = new ProcessBuilder("samtools", "view", "-c", server.base() + "/reads/moved?" + query)
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor())
                    .as("samtools view -c on %s printed: %s", query, out)
                    .isNotZero();
        }
    }
}
