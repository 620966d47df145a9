package io.bams3.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import htsjdk.samtools.DefaultSAMRecordFactory;
import htsjdk.samtools.HtsgetBAMFileReader;
import htsjdk.samtools.ValidationStringency;
import io.bams3.convert.ConvertOptions;
import io.bams3.convert.Converter;
import io.bams3.convert.ProgressListener;
import io.bams3.format.Codec;
import io.bams3.htsget.HtsgetJson;
import io.bams3.htsget.Ticket;
import io.bams3.store.LocalObjectStore;
import io.bams3.testing.Samtools;
import io.bams3.testing.TestServer;
import io.bams3.testing.TokenIssuer;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The server with {@code bams3.auth.mode=jwt} against a real OpenID Connect issuer
 * (mock-oauth2-server): which tokens are refused and how (401 InvalidAuthentication with
 * {@code WWW-Authenticate: Bearer}), which grants open which ids (403 PermissionDenied otherwise,
 * the same for ids that exist and ids that do not), GA4GH Passport visas, signed data URLs, and
 * the clients: plain HTTP, samtools with {@code HTS_AUTH_LOCATION}, htsjdk.
 */
@Tag("server")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenAccessTest {
    private static final Path SAMPLE = Path.of("src/test/resources/v1/na12878-sample.bam");
    private static final String SECRET = "a-data-url-secret-for-tests";
    private static final String VISA_ISSUER = "visa-broker";
    private static final String ROGUE_ISSUER = "rogue-broker";
    private static final String ACCESSION = "https://dac.example.org/datasets/EGAD00001000001";
    private static final String REGION = "?referenceName=11&start=5000000&end=5100000";

    @TempDir
    static Path dir;

    private TokenIssuer issuer;
    private TestServer server;

    @BeforeAll
    void start() throws Exception {
        Path root = dir.resolve("root");
        for (String id : List.of("cohort/a", "cohort/b", "cohort2/x", "NA12878")) {
            new Converter(new ConvertOptions(Codec.BGZF, 64 << 10, 2, false), ProgressListener.NONE)
                    .convert(SAMPLE, new LocalObjectStore(root.resolve(id + ".bams3")));
        }
        issuer = new TokenIssuer();
        Map<String, String> settings = new HashMap<>(issuer.serverSettings());
        settings.put("bams3.roots[0].location", root.toString());
        settings.put("bams3.tickets.mode", "streamed");
        settings.put("bams3.tickets.data-url-secret", SECRET);
        settings.put("bams3.auth.passport.trusted-issuers[0].issuer", issuer.issuerUrl(VISA_ISSUER));
        settings.put("bams3.auth.passport.trusted-issuers[0].jwk-set-uri", issuer.jwksUrl(VISA_ISSUER));
        settings.put("bams3.auth.passport.datasets[0].value", ACCESSION);
        settings.put("bams3.auth.passport.datasets[0].ids[0]", "cohort/*");
        settings.put("logging.level.io.bams3.web.access", "INFO");
        settings.put("logging.level.io.bams3.web.ErrorResponses", "DEBUG");
        server = TestServer.start(settings);
        // the issuer's discovery document and keys are fetched with the first token; on a busy
        // machine that first fetch may time out (503, see anIssuerThatCannotBeReachedIs503...)
        for (int attempt = 0;
                attempt < 5 && ticket("cohort/a", granting("cohort/a")).statusCode() == 503;
                attempt++) {
            Thread.sleep(1000);
        }
    }

    @AfterAll
    void stop() {
        if (server != null) server.close();
        if (issuer != null) issuer.close();
    }

    private HttpResponse<byte[]> ticket(String id, String token) {
        return token == null
                ? server.get("/reads/" + id + REGION)
                : server.get("/reads/" + id + REGION, "Authorization", "Bearer " + token);
    }

    private static String body(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    private static void assertInvalidAuthentication(HttpResponse<byte[]> r, String what) {
        assertThat(r.statusCode()).as(what).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate"))
                .as(what)
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(r.headers().firstValue("Content-Type")).as(what).hasValue(HtsgetJson.MEDIA_TYPE);
        assertThat(body(r)).as(what).contains("\"error\":\"InvalidAuthentication\"");
    }

    private static void assertPermissionDenied(HttpResponse<byte[]> r, String what) {
        assertThat(r.statusCode()).as(what).isEqualTo(403);
        assertThat(r.headers().firstValue("Content-Type")).as(what).hasValue(HtsgetJson.MEDIA_TYPE);
        assertThat(body(r)).as(what).contains("\"error\":\"PermissionDenied\"");
    }

    private String granting(String... globs) {
        return issuer.token("alice", Map.of("bams3_datasets", List.of(globs)));
    }

    /** A token with the right issuer, audience and claims, signed by {@code signer} with {@code alg}. */
    private JWTClaimsSet claims() {
        return new JWTClaimsSet.Builder()
                .issuer(issuer.issuerUrl(TokenIssuer.ISSUER))
                .audience(TokenIssuer.AUDIENCE)
                .subject("mallory")
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(3600)))
                .claim("bams3_datasets", List.of("**"))
                .build();
    }

    @Test
    void tokensThatAreMissingMalformedOrNotFromTheIssuerAre401() throws Exception {
        assertInvalidAuthentication(ticket("cohort/a", null), "no token");
        assertInvalidAuthentication(ticket("cohort/a", "not-a-jwt"), "garbage");
        assertInvalidAuthentication(
                server.get("/reads/cohort/a" + REGION, "Authorization", "Basic YWxpY2U6c2VjcmV0"), "basic auth");
        Map<String, Object> all = Map.of("bams3_datasets", List.of("**"));
        assertInvalidAuthentication(
                ticket(
                        "cohort/a",
                        issuer.signed(TokenIssuer.ISSUER, "alice", TokenIssuer.AUDIENCE, all, -120)
                                .serialize()),
                "expired two minutes ago (beyond the 30 s skew)");
        Map<String, Object> later =
                Map.of("bams3_datasets", List.of("**"), "nbf", Instant.now().getEpochSecond() + 600);
        assertInvalidAuthentication(
                ticket(
                        "cohort/a",
                        issuer.signed(TokenIssuer.ISSUER, "alice", TokenIssuer.AUDIENCE, later, 3600)
                                .serialize()),
                "not valid for ten minutes");
        assertInvalidAuthentication(
                ticket(
                        "cohort/a",
                        issuer.signed(TokenIssuer.ISSUER, "alice", "another-service", all, 3600)
                                .serialize()),
                "minted for another audience");
        assertInvalidAuthentication(
                ticket(
                        "cohort/a",
                        issuer.signed(ROGUE_ISSUER, "alice", TokenIssuer.AUDIENCE, all, 3600)
                                .serialize()),
                "from another issuer");

        RSAKey other = new RSAKeyGenerator(2048).keyID(TokenIssuer.ISSUER).generate();
        SignedJWT forged = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(TokenIssuer.ISSUER)
                        .build(),
                claims());
        forged.sign(new RSASSASigner(other));
        assertInvalidAuthentication(ticket("cohort/a", forged.serialize()), "signed by another key, same kid");

        assertInvalidAuthentication(ticket("cohort/a", new PlainJWT(claims()).serialize()), "alg none");
        SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims());
        hmac.sign(new MACSigner("a-shared-secret-that-is-32-bytes!".getBytes(StandardCharsets.UTF_8)));
        assertInvalidAuthentication(ticket("cohort/a", hmac.serialize()), "HMAC-signed");

        // the same request with a good token is served, so the refusals above are the token's
        assertThat(ticket("cohort/a", granting("cohort/a")).statusCode()).isEqualTo(200);
    }

    @Test
    void grantsOpenOnlyTheIdsTheyMatch() {
        String cohort = granting("cohort/*");
        assertThat(ticket("cohort/a", cohort).statusCode()).isEqualTo(200);
        assertThat(ticket("cohort/b", cohort).statusCode()).isEqualTo(200);
        assertPermissionDenied(ticket("cohort2/x", cohort), "cohort/* against cohort2/x");
        assertPermissionDenied(ticket("NA12878", cohort), "cohort/* against NA12878");
        for (String escape : List.of("cohort/..%2Fcohort2/x", "cohort/%2e%2e/cohort2/x", "cohort/a/../../NA12878")) {
            HttpResponse<byte[]> r = ticket(escape, cohort);
            assertThat(r.statusCode()).as(escape).isIn(400, 403, 404);
            assertThat(r.headers().firstValue("Content-Type")).as(escape).hasValue(HtsgetJson.MEDIA_TYPE);
        }

        String one = granting("NA12878");
        assertThat(ticket("NA12878", one).statusCode()).isEqualTo(200);
        assertPermissionDenied(ticket("cohort/a", one), "a token for another id");

        String scoped = issuer.token("bob", Map.of("scope", "openid profile htsget:read:cohort2/*"));
        assertThat(ticket("cohort2/x", scoped).statusCode()).isEqualTo(200);
        assertPermissionDenied(ticket("cohort/a", scoped), "a scope for cohort2/*");

        assertPermissionDenied(ticket("cohort/a", issuer.token("carol", Map.of())), "a valid token without grants");
    }

    @Test
    void anIdOutsideTheGrantsIs403WhetherOrNotItExists() {
        String cohort = granting("cohort/*");
        HttpResponse<byte[]> exists = ticket("NA12878", cohort);
        HttpResponse<byte[]> missing = ticket("NA12879", cohort);
        assertPermissionDenied(exists, "an id that exists");
        assertPermissionDenied(missing, "an id that does not");
        assertThat(body(missing)).isEqualTo(body(exists).replace("NA12878", "NA12879"));
        // inside the grants, a missing id is a plain 404
        assertThat(ticket("cohort/zzz", cohort).statusCode()).isEqualTo(404);
    }

    @Test
    void passportVisasGrantByValueFromTrustedIssuersUntilTheyExpire() {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> grant = Map.of(
                "type", "ControlledAccessGrants",
                "asserted", now - 86400,
                "value", ACCESSION,
                "source", "https://dac.example.org",
                "by", "dac");
        String valid = visa(VISA_ISSUER, grant, 3600);
        String expired = visa(VISA_ISSUER, grant, -3600);
        String untrusted = visa(ROGUE_ISSUER, grant, 3600);
        String otherValue = visa(
                VISA_ISSUER,
                Map.of(
                        "type",
                        "ControlledAccessGrants",
                        "asserted",
                        now - 60,
                        "value",
                        "https://dac.example.org/datasets/OTHER",
                        "source",
                        "x",
                        "by",
                        "dac"),
                3600);
        String otherType = visa(
                VISA_ISSUER,
                Map.of(
                        "type",
                        "AffiliationAndRole",
                        "asserted",
                        now - 60,
                        "value",
                        ACCESSION,
                        "source",
                        "x",
                        "by",
                        "so"),
                3600);

        assertThat(ticket("cohort/a", passport(valid)).statusCode()).isEqualTo(200);
        assertPermissionDenied(ticket("cohort2/x", passport(valid)), "the visa maps to cohort/* only");
        assertPermissionDenied(ticket("cohort/a", passport(expired)), "an expired visa");
        assertPermissionDenied(ticket("cohort/a", passport(untrusted)), "a visa from an untrusted issuer");
        assertPermissionDenied(ticket("cohort/a", passport(otherValue)), "a visa for another dataset");
        assertPermissionDenied(ticket("cohort/a", passport(otherType)), "a visa of another type");
        assertPermissionDenied(ticket("cohort/a", passport("not.a.visa")), "a visa that is not a JWT");
        // a bad visa does not spoil a good one beside it
        assertThat(ticket("cohort/a", passport(expired, untrusted, valid)).statusCode())
                .isEqualTo(200);
    }

    private String visa(String issuerId, Map<String, Object> assertion, long expirySeconds) {
        return issuer.signed(issuerId, "alice@visa", "visa", Map.of("ga4gh_visa_v1", assertion), expirySeconds)
                .serialize();
    }

    private String passport(String... visas) {
        return issuer.token("alice", Map.of("ga4gh_passport_v1", List.of(visas)));
    }

    @Test
    void dataUrlsAreSignedBoundToTheirRequestAndNeedNoToken() throws Exception {
        HttpResponse<byte[]> r = ticket("cohort/a", granting("cohort/*"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        Ticket t = HtsgetJson.parseTicket(r.body());
        List<Ticket.Url> data = t.urls().stream().filter(u -> !u.inline()).toList();
        assertThat(data).isNotEmpty().allSatisfy(u -> {
            assertThat(u.url())
                    .startsWith(server.base() + "/reads/data/cohort/a?")
                    .contains("&kid=", "&expires=", "&signature=");
            assertThat(u.headers()).as("no token is handed to data URLs").isEmpty();
        });
        String url = data.get(0).url();
        String path = url.substring(server.base().length());

        HttpResponse<byte[]> plain = server.get(path);
        assertThat(plain.statusCode()).as("a data URL needs no token").isEqualTo(200);
        assertThat(plain.body().length).isPositive();
        // clients that forward the ticket's Authorization header (igv.js) are not refused for it
        assertThat(server.get(path, "Authorization", "Bearer expired-or-garbage")
                        .statusCode())
                .isEqualTo(200);

        assertPermissionDenied(
                server.get(path.replace("start%3D", "start%3D1")
                        .replace("interval=11%3A5000000", "interval=11%3A4000000")),
                "another region");
        assertPermissionDenied(
                server.get(path.replace("/reads/data/cohort/a?", "/reads/data/cohort2/x?")), "another id");
        assertPermissionDenied(server.get(path.substring(0, path.indexOf("&kid="))), "unsigned");
        assertPermissionDenied(server.get("/reads/data/cohort2/x?class=body&interval=11"), "made up");
    }

    @Test
    void aDataUrlReplayedAfterItsLifetimeIsRefused() throws Exception {
        Map<String, String> settings = new HashMap<>(issuer.serverSettings());
        settings.put("bams3.roots[0].location", dir.resolve("root").toString());
        settings.put("bams3.tickets.mode", "streamed");
        settings.put("bams3.tickets.data-url-secret", SECRET);
        settings.put("bams3.tickets.data-url-lifetime", "1s");
        try (TestServer shortLived = TestServer.start(settings)) {
            HttpResponse<byte[]> r =
                    shortLived.get("/reads/cohort/a" + REGION, "Authorization", "Bearer " + granting("cohort/*"));
            String url = HtsgetJson.parseTicket(r.body()).urls().stream()
                    .filter(u -> !u.inline())
                    .findFirst()
                    .orElseThrow()
                    .url();
            String path = url.substring(shortLived.base().length());
            Thread.sleep(2_500);
            HttpResponse<byte[]> late = shortLived.get(path);
            assertPermissionDenied(late, "after its lifetime");
            assertThat(body(late)).contains("expired");
        }
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void theAccessLogNamesTheSubjectButNeverATokenOrASignature(CapturedOutput output) {
        String token = issuer.token("dr-who\nstatus=200", Map.of("bams3_datasets", List.of("cohort/*")));
        HttpResponse<byte[]> r = ticket("cohort/a", token);
        assertThat(r.statusCode()).isEqualTo(200);
        String data = HtsgetJson.parseTicket(r.body()).urls().stream()
                .filter(u -> !u.inline())
                .findFirst()
                .orElseThrow()
                .url();
        assertThat(server.get(data.substring(server.base().length())).statusCode())
                .isEqualTo(200);
        assertInvalidAuthentication(ticket("cohort/a", token + "x"), "a tampered token");
        String signature = data.substring(data.indexOf("signature=") + "signature=".length());
        assertThat(output.getAll())
                .contains("GET /reads/cohort/a?referenceName=11", "sub=dr-who?status=200")
                .contains("signature=REDACTED")
                .doesNotContain(token.substring(token.lastIndexOf('.') + 1))
                .doesNotContain(signature)
                .doesNotContain("dr-who\nstatus");
    }

    @Test
    void anIssuerThatCannotBeReachedIs503NotARefusedToken() {
        Map<String, String> settings = new HashMap<>(issuer.serverSettings());
        settings.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", "http://127.0.0.1:9/realms/gone");
        settings.put("bams3.roots[0].location", dir.resolve("root").toString());
        settings.put("bams3.tickets.data-url-secret", SECRET);
        settings.put("management.server.port", "0");
        try (TestServer unreachable = TestServer.start(settings)) {
            // on a management port of its own, probes and metrics for scraping stay open too
            String management =
                    "http://127.0.0.1:" + unreachable.context().getEnvironment().getProperty("local.management.port");
            for (String p :
                    List.of("/actuator/health/liveness", "/actuator/health/readiness", "/actuator/prometheus")) {
                assertThat(TestServer.send(java.net.http.HttpRequest.newBuilder(URI.create(management + p)))
                                .statusCode())
                        .as(p)
                        .isEqualTo(200);
            }
            assertThat(TestServer.send(
                                    java.net.http.HttpRequest.newBuilder(URI.create(management + "/actuator/metrics")))
                            .statusCode())
                    .isEqualTo(401);
            HttpResponse<byte[]> r =
                    unreachable.get("/reads/cohort/a" + REGION, "Authorization", "Bearer " + granting("cohort/*"));
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.headers().firstValue("Content-Type")).hasValue(HtsgetJson.MEDIA_TYPE);
            assertThat(body(r)).contains("\"error\":\"Unavailable\"").doesNotContain("127.0.0.1");
            assertThat(unreachable.get("/reads/service-info").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void openEndpointsNeedNoTokenAndDescribeTheScheme() {
        HttpResponse<byte[]> info = server.get("/reads/service-info");
        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(body(info))
                .contains("\"authentication\":{\"type\":\"bearer\",\"issuer\":\"" + issuer.issuerUrl(TokenIssuer.ISSUER)
                        + "\"}");
        for (String p : List.of(
                "/actuator/health",
                "/actuator/health/liveness",
                "/actuator/health/readiness",
                "/actuator/prometheus")) {
            assertThat(server.get(p).statusCode()).as(p).isEqualTo(200);
        }
        assertThat(server.get("/actuator/metrics").statusCode())
                .as("other actuator endpoints")
                .isEqualTo(401);
        String api = body(server.get("/v3/api-docs"));
        assertThat(api)
                .contains(
                        "\"securitySchemes\":{\"bearer\":{\"type\":\"http\"",
                        "\"scheme\":\"bearer\"",
                        "\"bearerFormat\":\"JWT\"");
        // a CORS preflight carries no token, and must not be refused for it
        HttpResponse<byte[]> preflight = TestServer.send(
                java.net.http.HttpRequest.newBuilder(URI.create(server.base() + "/reads/cohort/a"))
                        .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody()),
                "Origin",
                "https://igv.example.org",
                "Access-Control-Request-Method",
                "GET",
                "Access-Control-Request-Headers",
                "authorization");
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .isPresent();
    }

    @Test
    void postTicketsNeedATokenToo() {
        String body = "{\"format\":\"BAM\",\"regions\":[{\"referenceName\":\"11\",\"start\":5000000,\"end\":5001000}]}";
        assertInvalidAuthentication(server.post("/reads/cohort/a", body, "Content-Type", "application/json"), "POST");
        assertPermissionDenied(
                server.post(
                        "/reads/cohort2/x",
                        body,
                        "Content-Type",
                        "application/json",
                        "Authorization",
                        "Bearer " + granting("cohort/*")),
                "POST for an ungranted id");
        assertThat(server.post(
                                "/reads/cohort/a",
                                body,
                                "Content-Type",
                                "application/json",
                                "Authorization",
                                "Bearer " + granting("cohort/*"))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void samtoolsReadsWithItsTokenFileAndGetsExactlyTheRecords() throws Exception {
        assumeTrue(Samtools.available(), "samtools is not installed");
        Path tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, granting("cohort/*"));
        String url = server.base() + "/reads/cohort/a" + REGION;
        List<String> expected = Samtools.run("view", SAMPLE.toString(), "11:5000001-5100000");
        assertThat(expected).isNotEmpty();

        Map<String, String> env = Map.of(
                "HTS_AUTH_LOCATION",
                tokenFile.toString(),
                "HTS_ALLOW_UNENCRYPTED_AUTHORIZATION_HEADER",
                "I understand the risks");
        Run withToken = samtools(env, "view", url);
        assertThat(withToken.exit()).as(withToken.err()).isZero();
        assertThat(withToken.lines()).isEqualTo(expected);

        // htslib keeps the token to itself over plain http unless told otherwise: the server says 401
        Run withheld = samtools(Map.of("HTS_AUTH_LOCATION", tokenFile.toString()), "view", url);
        assertThat(withheld.exit()).isNotZero();
        assertThat(withheld.lines()).isEmpty();

        Files.writeString(tokenFile, granting("cohort2/*"));
        Run denied = samtools(env, "view", url);
        assertThat(denied.exit()).isNotZero();
        assertThat(denied.lines()).isEmpty();
    }

    private record Run(int exit, List<String> lines, String err) {}

    private static Run samtools(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("samtools"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("HTS_AUTH_LOCATION");
        pb.environment().remove("HTS_ALLOW_UNENCRYPTED_AUTHORIZATION_HEADER");
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String text = new String(out, StandardCharsets.UTF_8);
        return new Run(p.exitValue(), text.isEmpty() ? List.of() : text.lines().toList(), err);
    }

    @Test
    void htsjdkCannotPresentATokenAndIsRefusedCleanly() {
        // htsjdk 4.3.0's htsget reader has no way to send an Authorization header
        assertThatThrownBy(() -> new HtsgetBAMFileReader(
                                URI.create(server.base() + "/reads/cohort/a"),
                                true,
                                ValidationStringency.SILENT,
                                DefaultSAMRecordFactory.getInstance(),
                                false)
                        .getFileHeader())
                .hasStackTraceContaining("401");
    }
}
