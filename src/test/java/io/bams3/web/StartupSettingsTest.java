package io.bams3.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bams3.htsget.HtsgetJson;
import io.bams3.testing.ChildJvm;
import io.bams3.testing.TestServer;
import io.bams3.web.settings.InvalidSettingException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Settings that make a deployment less safe than it looks are refused or can be switched: a data
 * URL signing secret that is set but empty or short stops the server at start-up with one message
 * (it used to turn signing off without a word), and the OpenAPI description and Swagger UI can be
 * switched off.
 */
@Tag("server")
class StartupSettingsTest {
    @TempDir
    static Path dir;

    /** {@code bams3 serve} as its own JVM with {@code env}: its exit code and output once it has stopped. */
    private static ChildJvm.Result serve(Map<String, String> env) throws Exception {
        Path log = Files.createTempFile(dir, "serve", ".log");
        Map<String, String> all = new HashMap<>(env);
        all.put("BAMS3_ROOTS_0_LOCATION", dir.resolve("root").toString());
        all.put("BAMS3_DEMO_ENABLED", "false");
        all.put("SERVER_PORT", "0");
        Process p = ChildJvm.bams3(ChildJvm.appClasspath(), "256m", List.of("serve"), all, log)
                .start();
        try {
            assertThat(p.waitFor(90, TimeUnit.SECONDS))
                    .as("the server must refuse to start:\n%s", Files.readString(log))
                    .isTrue();
        } finally {
            p.destroyForcibly().waitFor();
        }
        return new ChildJvm.Result(p.exitValue(), Files.readString(log));
    }

    @Test
    void anEmptySigningSecretStopsTheServerWithOneClearMessage() throws Exception {
        ChildJvm.Result r = serve(Map.of("BAMS3_TICKETS_DATAURLSECRET", ""));
        assertThat(r.exit()).as(r.output()).isNotZero();
        assertThat(r.output())
                .contains("bams3.tickets.data-url-secret is set but empty")
                .doesNotContain("\tat ");
    }

    @Test
    void aShortSigningSecretStopsTheServerWithoutPrintingIt() throws Exception {
        ChildJvm.Result r = serve(Map.of("BAMS3_TICKETS_DATAURLSECRET", "pw-0123456789"));
        assertThat(r.exit()).as(r.output()).isNotZero();
        assertThat(r.output())
                .contains("bams3.tickets.data-url-secret has 13 characters")
                .doesNotContain("pw-0123456789")
                .doesNotContain("\tat ");
    }

    @Test
    void apiDocsAndSwaggerUiCanBeSwitchedOff() {
        try (TestServer server = TestServer.start(
                Map.of("bams3.roots[0].location", dir.resolve("root").toString(), "bams3.api-docs.enabled", "false"))) {
            for (String path : List.of(
                    "/v3/api-docs",
                    "/v3/api-docs/swagger-config",
                    "/swagger-ui.html",
                    "/swagger-ui/index.html",
                    "/webjars/swagger-ui/index.html")) {
                HttpResponse<byte[]> r = server.get(path);
                assertThat(r.statusCode()).as(path).isEqualTo(404);
                assertThat(r.headers().firstValue("Content-Type")).as(path).hasValue(HtsgetJson.MEDIA_TYPE);
            }
            assertThat(server.get("/reads/service-info").statusCode()).isEqualTo(200);
        }
    }

    private static Map<String, String> jwt(String... more) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "bams3.roots[0].location", dir.resolve("root").toString(),
                "bams3.auth.mode", "jwt",
                "spring.security.oauth2.resourceserver.jwt.issuer-uri", "https://login.example.org/realms/genomics",
                "spring.security.oauth2.resourceserver.jwt.audiences", "bams3-htsget",
                "bams3.tickets.data-url-secret", "a-data-url-secret-for-tests"));
        for (int i = 0; i < more.length; i += 2) {
            if (more[i + 1] == null) {
                settings.remove(more[i]);
            } else {
                settings.put(more[i], more[i + 1]);
            }
        }
        return settings;
    }

    @Test
    void tokensWithoutAnIssuerAnAudienceOrSignedDataUrlsAreRefusedAtStart() {
        Map<String, String> noIssuer = jwt("spring.security.oauth2.resourceserver.jwt.issuer-uri", null);
        Map<String, String> noAudience = jwt("spring.security.oauth2.resourceserver.jwt.audiences", null);
        Map<String, String> noSecret = jwt("bams3.tickets.data-url-secret", null);
        Map<String, String> hmac = jwt("spring.security.oauth2.resourceserver.jwt.jws-algorithms", "HS256");
        for (Map.Entry<Map<String, String>, String> c : Map.of(
                        noIssuer, "bams3.auth.mode=jwt but no token issuer is configured",
                        noAudience, "bams3.auth.mode=jwt but no audience is configured",
                        noSecret,
                                "bams3.auth.mode=jwt needs signed data URLs, but bams3.tickets.data-url-secret is not set",
                        hmac, "names 'HS256', which is not an asymmetric JWS algorithm")
                .entrySet()) {
            assertThatThrownBy(() -> TestServer.start(c.getKey()).close())
                    .as(c.getValue())
                    .satisfies(
                            e -> assertThat(InvalidSettingException.isCause(e)).isTrue())
                    .hasStackTraceContaining(c.getValue());
        }
        // the same settings with all four in place start, without reaching the issuer (keys are fetched on first use)
        try (TestServer server = TestServer.start(jwt())) {
            assertThat(server.get("/reads/service-info").statusCode()).isEqualTo(200);
            assertThat(server.get("/reads/x").statusCode()).isEqualTo(401);
        }
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void servingConfiguredRootsWithoutAuthSaysSoOnce(CapturedOutput output) {
        try (TestServer server = TestServer.start(
                Map.of("bams3.roots[0].location", dir.resolve("root").toString()))) {
            assertThat(server.get("/reads/service-info").statusCode()).isEqualTo(200);
        }
        assertThat(output.getAll().lines().filter(l -> l.contains("bams3.auth.mode=none")))
                .singleElement()
                .satisfies(l -> assertThat(l).contains("WARN", "anyone who can reach this server"));
    }
}
