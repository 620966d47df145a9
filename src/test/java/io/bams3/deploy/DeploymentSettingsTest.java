package io.bams3.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.bams3.convert.ConvertOptions;
import io.bams3.convert.Converter;
import io.bams3.convert.ProgressListener;
import io.bams3.format.Codec;
import io.bams3.htsget.HtsgetJson;
import io.bams3.htsget.Ticket;
import io.bams3.query.Region;
import io.bams3.store.LocalObjectStore;
import io.bams3.store.S3Location;
import io.bams3.store.S3ObjectStore;
import io.bams3.testing.HtsjdkOracle;
import io.bams3.testing.S3MockServer;
import io.bams3.testing.ServerProcess;
import io.bams3.testing.TestBams;
import io.bams3.testing.TicketFetcher;
import io.bams3.testing.TokenIssuer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server started with exactly the settings docker compose and the Helm chart pass: the
 * compose environment (MinIO swapped for the S3 test server) and the chart's ConfigMap as an
 * extra config location. Also what the chart's probes and grace period rely on: readiness follows
 * the store while liveness does not, and a stopping server finishes the streams it has started.
 * With the chart's token settings, tickets need a token from the issuer and data URLs are signed.
 */
@Tag("deploy")
@Tag("server")
@ExtendWith(S3MockServer.class)
class DeploymentSettingsTest {
    @TempDir
    static Path dir;

    @Test
    void composeEnvironmentGivesPresignedTicketsAtThePublicEndpointAndStructuredLogs() throws Exception {
        S3MockServer s3 = S3MockServer.get();
        String bucket = s3.newBucket("compose");
        Map<String, String> env = new HashMap<>(ComposeAndDockerfileTest.environment("server"));
        String endpoint = s3.endpoint().toString();
        env.replaceAll((k, v) -> v.replace("http://minio:9000", endpoint)
                .replace("http://localhost:9000", endpoint)
                .replace("s3://bams3/", "s3://" + bucket + "/"));
        int port = ServerProcess.freePort();
        env.put("BAMS3_TICKETS_PUBLICBASEURL", "http://127.0.0.1:" + port);
        env.put("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs");
        new Converter(new ConvertOptions(Codec.BGZF, 256 << 10, 2, false), ProgressListener.NONE)
                .convert(
                        TestBams.path(TestBams.NA12878),
                        new S3ObjectStore(s3.clients(), new S3Location(bucket, "datasets/demo/NA12878.bams3")));
        try (ServerProcess server = ServerProcess.start(env, port)) {
            assertThat(server.awaitReadiness(200)).as(server.output()).isEqualTo(200);
            HttpResponse<byte[]> r = server.get("/reads/demo/NA12878?referenceName=11&start=4999999&end=5010000");
            assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
            Ticket t = HtsgetJson.parseTicket(r.body());
            List<Ticket.Url> http = t.urls().stream().filter(u -> !u.inline()).toList();
            assertThat(http)
                    .isNotEmpty()
                    .allSatisfy(u -> assertThat(u.url())
                            .startsWith(endpoint + "/" + bucket + "/datasets/demo/")
                            .contains("X-Amz-Signature="));
            try (HtsjdkOracle oracle = new HtsjdkOracle(TestBams.path(TestBams.NA12878))) {
                List<String> expected = oracle.query(List.of(new Region(10, "11", 4_999_999, 5_010_000)));
                assertThat(HtsjdkOracle.records(TicketFetcher.fetch(t))).containsAll(expected);
            }
            String out = server.output();
            List<String> json = out.lines().filter(l -> l.startsWith("{")).toList();
            assertThat(json).as(out).isNotEmpty();
            JsonMapper mapper = JsonMapper.builder().build();
            assertThat(json)
                    .allSatisfy(l ->
                            assertThat(mapper.readTree(l).has("@timestamp")).isTrue());
            assertThat(json).anySatisfy(l -> assertThat(l).contains("/reads/demo/NA12878"));
            assertThat(out).doesNotContain("X-Amz-Signature=").doesNotContain("AWS_SECRET");
        }
    }

    @Test
    void chartConfigMapConfiguresTheServerAndReadinessFollowsTheStore() throws Exception {
        // the chart's ConfigMap, rendered with a store nobody listens on
        int dead = ServerProcess.freePort();
        var docs = HelmChartTest.render(Map.of(
                "bams3.s3.endpointUrl",
                "http://127.0.0.1:" + dead,
                "bams3.s3.region",
                "us-east-1",
                "bams3.logFormat",
                ""));
        ConfigMap cm = docs.stream()
                .filter(ConfigMap.class::isInstance)
                .map(ConfigMap.class::cast)
                .findFirst()
                .orElseThrow();
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.writeString(config.resolve("application.yml"), cm.getData().get("application.yml"));
        Map<String, String> env = new HashMap<>();
        env.put("SPRING_CONFIG_ADDITIONAL_LOCATION", "file:" + config + "/");
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        try (ServerProcess server = ServerProcess.start(env, ServerProcess.freePort())) {
            assertThat(server.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
            assertThat(server.awaitReadiness(503)).isEqualTo(503);
            assertThat(new String(server.get("/actuator/health/readiness").body()))
                    .contains("DOWN");
            HttpResponse<byte[]> info = server.get("/reads/service-info");
            assertThat(info.statusCode()).isEqualTo(200);
            // the chart publishes no OpenAPI description or Swagger UI
            for (String path : List.of("/v3/api-docs", "/swagger-ui.html", "/swagger-ui/index.html")) {
                assertThat(server.get(path).statusCode()).as(path).isEqualTo(404);
            }
            HttpResponse<byte[]> ticket = server.get("/reads/x?referenceName=1");
            assertThat(ticket.statusCode()).isEqualTo(503);
            assertThat(new String(ticket.body())).contains("\"Unavailable\"");
        }
    }

    @Test
    void chartInJwtModeAsksTicketsForATokenAndSignsTheDataUrls() throws Exception {
        Path root = dir.resolve("jwt-root");
        new Converter(new ConvertOptions(Codec.BGZF, 256 << 10, 2, false), ProgressListener.NONE)
                .convert(TestBams.path(TestBams.NA12878), new LocalObjectStore(root.resolve("cohort/NA12878.bams3")));
        String region = "?referenceName=11&start=4999999&end=5010000";
        try (TokenIssuer issuer = new TokenIssuer()) {
            Map<String, Object> values = new HashMap<>();
            values.put("bams3.roots[0].location", root.toString());
            values.put("bams3.tickets.mode", "streamed");
            values.put("bams3.auth.mode", "jwt");
            values.put("bams3.auth.issuerUri", issuer.issuerUrl(TokenIssuer.ISSUER));
            values.put("bams3.auth.audiences[0]", TokenIssuer.AUDIENCE);
            values.put("bams3.tickets.dataUrlSecret.name", "url-signing");
            values.put("bams3.tickets.dataUrlSecret.previousKeys[0]", "retired");
            values.put("bams3.logFormat", "");
            var docs = HelmChartTest.render(values);
            Path config = Files.createDirectories(dir.resolve("jwt-config"));
            Files.writeString(config.resolve("application.yml"), HelmChartTest.applicationYml(docs));
            Map<String, String> env = new HashMap<>();
            env.put("SPRING_CONFIG_ADDITIONAL_LOCATION", "file:" + config + "/");
            // the Deployment's variables from the Secret, with values standing in for the Secret's
            docs.stream()
                    .filter(Deployment.class::isInstance)
                    .map(Deployment.class::cast)
                    .flatMap(d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream())
                    .filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                    .forEach(e -> env.put(
                            e.getName(),
                            "key-" + e.getValueFrom().getSecretKeyRef().getKey() + "-from-the-secret"));
            assertThat(env).containsKeys("BAMS3_TICKETS_DATAURLSECRET", "BAMS3_TICKETS_DATAURLPREVIOUSSECRETS_0");
            // the server fetches the issuer's discovery document and keys with Nimbus' default
            // timeouts (500 ms): a cold mock issuer on a busy machine can be slower than that
            for (String url : List.of(
                    issuer.issuerUrl(TokenIssuer.ISSUER) + "/.well-known/openid-configuration",
                    issuer.jwksUrl(TokenIssuer.ISSUER))) {
                for (int i = 0; i < 3; i++) {
                    assertThat(ServerProcess.HTTP
                                    .send(
                                            HttpRequest.newBuilder(URI.create(url))
                                                    .build(),
                                            HttpResponse.BodyHandlers.discarding())
                                    .statusCode())
                            .isEqualTo(200);
                }
            }
            try (ServerProcess server = ServerProcess.start(env, ServerProcess.freePort())) {
                assertThat(server.awaitReadiness(200)).as(server.output()).isEqualTo(200);
                assertThat(new String(server.get("/reads/service-info").body()))
                        .contains("\"authentication\":{\"type\":\"bearer\",\"issuer\":\""
                                + issuer.issuerUrl(TokenIssuer.ISSUER) + "\"}");

                HttpResponse<byte[]> anonymous = server.get("/reads/cohort/NA12878" + region);
                assertThat(anonymous.statusCode()).isEqualTo(401);
                assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
                        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
                assertThat(new String(anonymous.body())).contains("\"InvalidAuthentication\"");

                String other = issuer.token("bob", Map.of("bams3_datasets", List.of("other/*")));
                HttpResponse<byte[]> denied = withToken(server, "/reads/cohort/NA12878" + region, other);
                assertThat(denied.statusCode()).isEqualTo(403);
                assertThat(new String(denied.body())).contains("\"PermissionDenied\"");

                String granted = issuer.token("alice", Map.of("bams3_datasets", List.of("cohort/*")));
                HttpResponse<byte[]> r = withToken(server, "/reads/cohort/NA12878" + region, granted);
                assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
                Ticket t = HtsgetJson.parseTicket(r.body());
                List<Ticket.Url> data =
                        t.urls().stream().filter(u -> !u.inline()).toList();
                assertThat(data)
                        .isNotEmpty()
                        .allSatisfy(u ->
                                assertThat(u.url()).contains("/reads/data/").contains("&kid="));
                // the data URLs are followed without the token, as samtools and htsjdk do
                try (HtsjdkOracle oracle = new HtsjdkOracle(TestBams.path(TestBams.NA12878))) {
                    List<String> expected = oracle.query(List.of(new Region(10, "11", 4_999_999, 5_010_000)));
                    assertThat(expected).isNotEmpty();
                    assertThat(HtsjdkOracle.records(TicketFetcher.fetch(t))).isEqualTo(expected);
                }
            }
        }
    }

    private static HttpResponse<byte[]> withToken(ServerProcess server, String path, String token) throws Exception {
        return ServerProcess.HTTP.send(
                HttpRequest.newBuilder(URI.create(server.base + path))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void aStoppingServerFinishesItsStreams() throws Exception {
        Path root = dir.resolve("root");
        new Converter(new ConvertOptions(Codec.ZSTD, 64 << 10, 2, false), ProgressListener.NONE)
                .convert(TestBams.path(TestBams.CHRM), new LocalObjectStore(root.resolve("chrm.bams3")));
        Map<String, String> env = Map.of(
                "BAMS3_ROOTS_0_LOCATION",
                root.toString(),
                "BAMS3_DEMO_ENABLED",
                "false",
                "SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE",
                "30s");
        ServerProcess server = ServerProcess.start(env, ServerProcess.freePort());
        try {
            HttpResponse<InputStream> stream = ServerProcess.HTTP.send(
                    HttpRequest.newBuilder(URI.create(server.base + "/reads/data/chrm?format=SAM"))
                            .build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(stream.statusCode()).isEqualTo(200);
            InputStream in = stream.body();
            byte[] first = in.readNBytes(4096);
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> server.process.destroy());
            stopping.join();
            Thread.sleep(300);
            // read the rest slowly at first: the server waits for it instead of cutting it
            byte[] rest = in.readAllBytes();
            String sam = new String(first) + new String(rest);
            long records = sam.lines().filter(l -> !l.startsWith("@")).count();
            assertThat(records).isEqualTo(58_746);
            assertThat(server.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            server.close();
        }
    }
}
