package io.bams3.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.bams3.cli.Main;
import io.bams3.cli.ServeCommandAccess;
import io.bams3.query.Region;
import io.bams3.testing.HtsjdkOracle;
import io.bams3.testing.TestBams;
import io.bams3.testing.TestServer;
import io.bams3.testing.TicketFetcher;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The README's first command: a server on an empty local root creates the bundled demo dataset
 * and answers for it; its OpenAPI description is the one committed under openapi/.
 */
@Tag("server")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServeTest {
    static final Path COMMITTED = Path.of("openapi/bams3-htsget.json");
    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @TempDir
    static Path root;

    private TestServer server;

    @BeforeAll
    void start() {
        server = TestServer.start(Map.of("bams3.roots[0].location", root.toString(), "bams3.demo.enabled", "true"));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void theDemoDatasetIsCreatedOnFirstStartAndServed() throws IOException {
        assertThat(root.resolve("demo/NA12878.bams3/_metadata.json")).exists();
        byte[] bam = TicketFetcher.fetch(server.get("/reads/demo/NA12878?referenceName=11&start=4999999&end=5010000")
                .body());
        try (HtsjdkOracle oracle = new HtsjdkOracle(TestBams.path(TestBams.NA12878))) {
            assertThat(HtsjdkOracle.records(bam))
                    .hasSize(878)
                    .containsExactlyElementsOf(oracle.query(List.of(new Region(10, "11", 4_999_999, 5_010_000))));
        }
    }

    @Test
    void theServedOpenApiIsTheCommittedContract() throws IOException {
        HttpResponse<byte[]> r = server.get("/v3/api-docs");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode served = JSON.readTree(r.body());
        Path actual = Path.of("target/openapi-served.json");
        Files.createDirectories(actual.getParent());
        Files.writeString(actual, JSON.writeValueAsString(served) + "\n");
        assertThat(COMMITTED)
                .as("commit the contract: cp %s %s", actual, COMMITTED)
                .exists();
        assertThat(served)
                .as("the served API differs from %s; review and cp %s %s", COMMITTED, actual, COMMITTED)
                .isEqualTo(JSON.readTree(Files.readString(COMMITTED)));
        assertThat(served.get("paths").propertyNames())
                .contains("/reads/{id}", "/reads/data/{id}", "/reads/service-info");
        assertThat(server.get("/swagger-ui/index.html").statusCode()).isEqualTo(200);
    }

    @Test
    void serveCommandOptionsBecomeServerSettings() {
        var cmd = Main.commandLine();
        var parsed = cmd.parseArgs(
                "serve",
                "--root",
                "/data/a",
                "--root",
                "s3://b/p",
                "--port",
                "9000",
                "--mode",
                "presigned",
                "--no-demo",
                "--endpoint-url",
                "http://minio:9000",
                "--spring.main.lazy-initialization=true");
        ServeCommandAccess access = new ServeCommandAccess(parsed.subcommand());
        assertThat(access.springArguments())
                .containsExactly(
                        "--bams3.roots[0].location=/data/a",
                        "--bams3.roots[1].location=s3://b/p",
                        "--server.port=9000",
                        "--bams3.tickets.mode=presigned",
                        "--bams3.demo.enabled=false",
                        "--bams3.s3.endpoint-url=http://minio:9000",
                        "--spring.main.lazy-initialization=true");
    }
}
