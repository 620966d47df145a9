package io.bams3.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import htsjdk.samtools.SamInputResource;
import htsjdk.samtools.SamReaderFactory;
import io.bams3.convert.ConvertOptions;
import io.bams3.convert.Converter;
import io.bams3.convert.ProgressListener;
import io.bams3.format.Codec;
import io.bams3.htsget.HtsgetJson;
import io.bams3.htsget.Ticket;
import io.bams3.query.Region;
import io.bams3.store.LocalObjectStore;
import io.bams3.testing.HtsjdkOracle;
import io.bams3.testing.Samtools;
import io.bams3.testing.TestBams;
import io.bams3.testing.TestFiles;
import io.bams3.testing.TestServer;
import io.bams3.testing.TicketFetcher;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
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

/**
 * What a client sees when data is damaged, URLs are signed, or a dataset is rewritten: a corrupt
 * or missing chunk cuts the stream (never a short but well-formed BAM), signed data URLs cannot be
 * altered or replayed after expiry, and a rewritten dataset is served after the cache TTL.
 */
@Tag("server")
@Tag("samtools")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DataIntegrityTest {
    private static final String SECRET = "a-test-secret-of-some-length";

    @TempDir
    static Path root;

    private TestServer server;

    @BeforeAll
    void start() throws IOException {
        for (String id : List.of("corrupt", "missing", "intact", "mutable")) {
            convert(TestBams.path(id.equals("mutable") ? TestBams.MPILEUP : TestBams.NA12878), id, false);
        }
        Path victim = chunks("corrupt").get(4);
        byte[] data = Files.readAllBytes(victim);
        data[data.length / 2] ^= 0x5a;
        Files.write(victim, data);
        Files.delete(chunks("missing").get(4));
        server = TestServer.start(Map.of(
                "bams3.roots[0].location",
                root.toString(),
                "bams3.tickets.data-url-secret",
                SECRET,
                "bams3.tickets.data-url-lifetime",
                "3s",
                "bams3.cache.ttl",
                "1s"));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private static void convert(Path bam, String id, boolean force) {
        try {
            new Converter(new ConvertOptions(Codec.BGZF, 64 << 10, 2, force), ProgressListener.NONE)
                    .convert(bam, new LocalObjectStore(root.resolve(id + ".bams3")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> chunks(String id) throws IOException {
        try (Stream<Path> files =
                Files.walk(TestFiles.generation(root.resolve(id + ".bams3")).resolve("data/11"))) {
            return files.filter(p -> p.toString().endsWith(".chunk")).sorted().toList();
        }
    }

    private String dataUrl(String id) {
        Ticket t = HtsgetJson.parseTicket(server.get("/reads/" + id).body());
        return t.urls().stream()
                .filter(u -> !u.inline())
                .findFirst()
                .orElseThrow()
                .url();
    }

    @Test
    void aCorruptOrMissingChunkCutsTheStreamInsteadOfEndingIt() throws Exception {
        assertThat(chunks("intact")).hasSizeGreaterThan(5);
        for (String id : List.of("corrupt", "missing")) {
            String url = dataUrl(id);
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).build();
            long[] received = {0};
            assertThatThrownBy(() -> {
                        HttpResponse<InputStream> r =
                                HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
                        assertThat(r.statusCode()).isEqualTo(200);
                        try (InputStream in = r.body()) {
                            byte[] buf = new byte[65536];
                            for (int n; (n = in.read(buf)) >= 0; ) {
                                received[0] += n;
                            }
                        }
                    })
                    .as("%s: the transfer must fail, not end", id)
                    .isInstanceOf(IOException.class);
            assertThat(received[0])
                    .as("%s: records before the damaged chunk were streamed", id)
                    .isPositive();
        }
        assertThat(HtsjdkOracle.records(
                        TicketFetcher.fetch(server.get("/reads/intact").body())))
                .hasSize(39_918);
        String prom = new String(server.get("/actuator/prometheus").body(), StandardCharsets.UTF_8);
        assertThat(prom)
                .containsPattern("bams3_data_requests_seconds_count\\{[^}]*outcome=\"InternalError\"[^}]*} [1-9]");
    }

    @Test
    void samtoolsFailsOnACorruptOrMissingChunkInsteadOfReadingAShortFile() throws Exception {
        assumeTrue(Samtools.available(), "samtools is not installed");
        for (String id : List.of("corrupt", "missing")) {
            List<String> cmd = List.of("samtools", "view", "-c", server.base() + "/reads/" + id);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as("samtools on %s: %s", id, out).isNotZero();
        }
    }

    @Test
    void aDamagedBlockIndexIsAnInternalErrorNotBadInput() throws IOException {
        Path idx;
        try (Stream<Path> files =
                Files.walk(TestFiles.generation(root.resolve("corrupt.bams3")).resolve("_index/11"))) {
            idx = files.filter(p -> !p.getFileName().toString().equals("chunks.idx")
                            && p.toString().endsWith(".idx"))
                    .sorted()
                    .toList()
                    .get(2);
        }
        byte[] saved = Files.readAllBytes(idx);
        byte[] bad = saved.clone();
        bad[bad.length / 2] ^= 1;
        Files.write(idx, bad);
        try {
            String name = idx.getFileName().toString();
            long start = Long.parseLong(name.substring(0, name.indexOf('-'))) + 10;
            HttpResponse<byte[]> r =
                    server.get("/reads/corrupt?referenceName=11&start=" + start + "&end=" + (start + 100));
            assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(500);
            assertThat(new String(r.body()))
                    .contains("\"InternalError\"")
                    .contains("damaged")
                    .as("the message names no storage location")
                    .doesNotContain(root.toString());
        } finally {
            Files.write(idx, saved);
        }
    }

    @Test
    void signedDataUrlsCannotBeAlteredOrReplayedAfterExpiry() throws Exception {
        String url = dataUrl("intact");
        assertThat(url).contains("&expires=").contains("&signature=");
        String path = url.substring(server.base().length());
        assertThat(server.get(path).statusCode()).isEqualTo(200);
        String unsigned = path.substring(0, path.indexOf("&expires="));
        String altered = path.replace("class=body", "class=body&interval=20%3A0-100");
        for (String p : List.of(unsigned, altered, path.replace("/intact?", "/mutable?"))) {
            HttpResponse<byte[]> r = server.get(p);
            assertThat(r.statusCode()).as(p).isEqualTo(403);
            assertThat(new String(r.body())).contains("\"PermissionDenied\"");
        }
        Thread.sleep(4_200);
        HttpResponse<byte[]> late = server.get(path);
        assertThat(late.statusCode()).isEqualTo(403);
        assertThat(new String(late.body())).contains("expired");
    }

    @Test
    void aRewrittenDatasetIsServedAfterTheCacheTtl() throws Exception {
        String before = header("mutable");
        assertThat(before).contains("SN:17");
        convert(TestBams.path(TestBams.CHRM), "mutable", true);
        Thread.sleep(1_500);
        String after = header("mutable");
        assertThat(after).contains("SN:chrM").doesNotContain("SN:17\t");
        try (HtsjdkOracle oracle = new HtsjdkOracle(TestBams.path(TestBams.CHRM))) {
            assertThat(HtsjdkOracle.records(TicketFetcher.fetch(
                            server.get("/reads/mutable?referenceName=chrM").body())))
                    .containsExactlyElementsOf(oracle.query(List.of(new Region(0, "chrM", 0, 16_571))));
        }
    }

    private String header(String id) throws IOException {
        byte[] bam =
                TicketFetcher.fetch(server.get("/reads/" + id + "?class=header").body());
        try (var r = SamReaderFactory.makeDefault().open(SamInputResource.of(new ByteArrayInputStream(bam)))) {
            return r.getFileHeader().getSAMString();
        }
    }
}
