package io.bams3.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import io.bams3.testing.ServedDatasets;
import io.bams3.testing.TestServer;
import io.bams3.testing.TokenIssuer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.json.JsonMapper;

/**
 * With {@code bams3.auth.mode=jwt} the pages and their assets open without a token, while their
 * JSON needs the same bearer token as the htsget API and shows only the ids its grants permit.
 */
@Tag("server")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PageAuthTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private TokenIssuer issuer;
    private TestServer server;

    @BeforeAll
    void start() throws InterruptedException {
        issuer = new TokenIssuer();
        Map<String, String> settings = new HashMap<>(issuer.serverSettings());
        settings.put("bams3.roots[0].location", ServedDatasets.localRoot().toString());
        // every dataset of the root has a reference sequence: its endpoints follow the same grants
        settings.put("bams3.roots[0].reference", ReferenceServerTest.fastaPath().toString());
        settings.put("bams3.tickets.mode", "streamed");
        settings.put("bams3.tickets.data-url-secret", "a-secret-of-some-length");
        server = TestServer.start(settings);
        // the issuer's keys are fetched with the first token; a busy machine may time out once
        for (int attempt = 0;
                attempt < 5 && get("/page/api/datasets", token("chrm")).statusCode() == 503;
                attempt++) {
            Thread.sleep(1000);
        }
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
        if (issuer != null) {
            issuer.close();
        }
    }

    private String token(String... globs) {
        return issuer.token("alice", Map.of("bams3_datasets", List.of(globs)));
    }

    private HttpResponse<byte[]> get(String path, String token) {
        return token == null ? server.get(path) : server.get(path, "Authorization", "Bearer " + token);
    }

    @Test
    void thePagesAndAssetsOpenWithoutAToken() {
        for (String path : List.of(
                "/", "/view/chrm", "/view?ids=chrm", "/page/assets/view.js", "/page/assets/igv-3.8.10/igv.min.js")) {
            HttpResponse<byte[]> r = server.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
        }
    }

    @Test
    void theirJsonNeedsAToken() {
        for (String path : List.of(
                "/page/api/datasets",
                "/page/api/overview/chrm",
                "/page/api/genome/chrm",
                "/page/api/chrom-sizes/chrm",
                "/page/api/reference/chrm/sequence.fa",
                "/page/api/reference/chrm/sequence.fa.fai")) {
            HttpResponse<byte[]> r = server.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(401);
            assertThat(JSON.readTree(r.body()).at("/htsget/error").asString()).isEqualTo("InvalidAuthentication");
        }
    }

    @Test
    void aCallerSeesOnlyWhatItsGrantsPermit() {
        String chrmOnly = token("chrm", "zstd/*");
        HttpResponse<byte[]> list = get("/page/api/datasets?limit=500", chrmOnly);
        assertThat(list.statusCode()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        JSON.readTree(list.body()).get("items").forEach(i -> ids.add(i.get("id").asString()));
        assertThat(ids).containsExactly("chrm", "zstd/chrm");
        assertThat(get("/page/api/overview/chrm", chrmOnly).statusCode()).isEqualTo(200);
        assertThat(get("/page/api/chrom-sizes/zstd/chrm", chrmOnly).statusCode())
                .isEqualTo(200);
        HttpResponse<byte[]> bases = server.get(
                "/page/api/reference/chrm/sequence.fa", "Authorization", "Bearer " + chrmOnly, "Range", "bytes=6-15");
        assertThat(bases.statusCode()).isEqualTo(206);
        assertThat(new String(bases.body(), StandardCharsets.US_ASCII)).isEqualTo("GATCACAGGT");
        for (String path : List.of(
                "/page/api/overview/na12878",
                "/page/api/genome/na12878",
                "/page/api/chrom-sizes/na12878",
                "/page/api/reference/na12878/sequence.fa",
                "/page/api/reference/na12878/sequence.fa.fai")) {
            HttpResponse<byte[]> r = get(path, chrmOnly);
            assertThat(r.statusCode()).as(path).isEqualTo(403);
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("PermissionDenied");
        }
        HttpResponse<byte[]> all = get("/page/api/datasets?limit=500", token("**"));
        assertThat(JSON.readTree(all.body()).get("total").asInt())
                .isEqualTo(ServedDatasets.all().size());
    }
}
