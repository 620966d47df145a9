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
import io.bams3.htsget.Ticket;
import io.bams3.store.LocalObjectStore;
import io.bams3.testing.TestBams;
import io.bams3.testing.TestServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
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

/**
 * Forwarded headers change ticket URLs and the logged client address only when they come from a
 * configured proxy ({@code server.tomcat.remoteip.internal-proxies}); by default no client is one.
 * Whatever the proxy sends, ticket URLs name an http or https URL of a plain host, and tickets are
 * not stored by caches.
 */
@Tag("server")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForwardedHeadersTest {
    private static final String SECRET = "a-secret-of-some-length";
    private static final String[] SPOOFED = {
        "X-Forwarded-Host", "evil.example",
        "X-Forwarded-Proto", "https",
        "X-Forwarded-Port", "8443",
        "X-Forwarded-Prefix", "/evil",
        "X-Forwarded-For", "203.0.113.7",
        "Forwarded", "for=203.0.113.8;host=evil2.example;proto=https",
    };

    @TempDir
    static Path root;

    private TestServer direct;
    private TestServer proxied;

    @BeforeAll
    void start() throws IOException {
        new Converter(new ConvertOptions(Codec.BGZF, 64 << 10, 1, false), ProgressListener.NONE)
                .convert(TestBams.path(TestBams.MPILEUP), new LocalObjectStore(root.resolve("mp.bams3")));
        direct = TestServer.start(Map.of(
                "bams3.roots[0].location",
                root.toString(),
                "bams3.tickets.mode",
                "streamed",
                "bams3.tickets.data-url-secret",
                SECRET));
        proxied = TestServer.start(Map.of(
                "bams3.roots[0].location", root.toString(),
                "bams3.tickets.mode", "streamed",
                "server.tomcat.remoteip.internal-proxies", "127\\.0\\.0\\.1"));
    }

    @AfterAll
    void stop() {
        for (TestServer s : new TestServer[] {direct, proxied}) {
            if (s != null) {
                s.close();
            }
        }
    }

    private static List<String> dataUrls(HttpResponse<byte[]> ticket) {
        assertThat(ticket.statusCode())
                .as(new String(ticket.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        return HtsgetJson.parseTicket(ticket.body()).urls().stream()
                .filter(u -> !u.inline())
                .map(Ticket.Url::url)
                .toList();
    }

    @Test
    void byDefaultNoClientsForwardedHeadersReachTicketUrlsSignedOrNot() {
        List<String> get = dataUrls(direct.get("/reads/mp?referenceName=17", SPOOFED));
        List<String> post =
                dataUrls(direct.post("/reads/mp", "{}", concat(SPOOFED, "Content-Type", "application/json")));
        assertThat(get).isNotEmpty();
        assertThat(post).isNotEmpty();
        for (String url : concat(get, post)) {
            assertThat(url)
                    .startsWith(direct.base() + "/reads/data/mp?")
                    .contains("&signature=")
                    .doesNotContain("evil");
        }
        // the data URL answers, so its signature was made for this server's own URL
        assertThat(direct.get(get.get(0).substring(direct.base().length())).statusCode())
                .isEqualTo(200);
        String info = new String(direct.get("/reads/service-info", SPOOFED).body(), StandardCharsets.UTF_8);
        assertThat(info).contains("\"url\":\"" + direct.base() + "\"").doesNotContain("evil");
    }

    @Test
    void byDefaultTheAccessLogHasThePeersAddressNotTheClaimedOne() {
        List<String> remotes = accessLogRemotes(() -> direct.get("/reads/mp?referenceName=17", SPOOFED));
        assertThat(remotes).containsExactly("127.0.0.1");
    }

    @Test
    void aConfiguredProxysHeadersSetTheDataUrlBaseAndTheClientAddress() {
        List<String> urls = dataUrls(proxied.get(
                "/reads/mp?referenceName=17",
                "X-Forwarded-Proto",
                "https",
                "X-Forwarded-Host",
                "htsget.example.org",
                "X-Forwarded-Port",
                "443"));
        assertThat(urls).singleElement().asString().startsWith("https://htsget.example.org/reads/data/mp?");
        assertThat(accessLogRemotes(() -> proxied.get("/reads/mp", "X-Forwarded-For", "203.0.113.7")))
                .containsExactly("203.0.113.7");
    }

    @Test
    void evenAConfiguredProxyCannotMakeTicketUrlsNameAnotherSchemeOrAnythingButAHost() {
        // RFC 7239 Forwarded and X-Forwarded-Prefix are not honoured at all
        assertThat(dataUrls(proxied.get(
                        "/reads/mp?referenceName=17",
                        "Forwarded",
                        "host=evil.example;proto=https",
                        "X-Forwarded-Prefix",
                        "/evil")))
                .allSatisfy(u -> assertThat(u).startsWith(proxied.base() + "/reads/data/mp?"));
        // a scheme other than https is http
        assertThat(dataUrls(proxied.get("/reads/mp?referenceName=17", "X-Forwarded-Proto", "javascript")))
                .allSatisfy(u -> assertThat(u).startsWith("http://"));
        // a host that is not a host name (or address) is refused, never written into a URL
        for (String host : List.of(
                "evil.example/x",
                "a@evil.example",
                "evil.example?x",
                "evil.example#x",
                "evil example",
                "évil.example")) {
            HttpResponse<byte[]> r =
                    proxied.get("/reads/mp?referenceName=17", "X-Forwarded-Host", host, "X-Forwarded-Proto", "https");
            String body = new String(r.body(), StandardCharsets.UTF_8);
            if (r.statusCode() == 200) {
                assertThat(dataUrls(r)).as(host).allSatisfy(u -> assertThat(u).doesNotContain("evil"));
            } else {
                assertThat(r.statusCode()).as(host + ": " + body).isEqualTo(400);
                assertThat(body).contains("\"InvalidInput\"");
            }
        }
    }

    @Test
    void ticketsAreNotStoredByCaches() {
        assertThat(direct.get("/reads/mp?referenceName=17").headers().firstValue("Cache-Control"))
                .hasValue("no-store");
        assertThat(direct.post("/reads/mp", "{}", "Content-Type", "application/json")
                        .headers()
                        .firstValue("Cache-Control"))
                .hasValue("no-store");
    }

    private static List<String> accessLogRemotes(Supplier<HttpResponse<byte[]>> request) {
        Logger access = (Logger) LoggerFactory.getLogger("io.bams3.web.access");
        Level level = access.getLevel();
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        access.addAppender(events);
        access.setLevel(Level.INFO);
        try {
            assertThat(request.get().statusCode()).isEqualTo(200);
            // the line is written once the response is complete, which the client may see first
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (events.list.isEmpty() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
        } finally {
            access.setLevel(level);
            access.detachAppender(events);
        }
        return events.list.stream()
                .flatMap(e -> e.getKeyValuePairs().stream())
                .filter(kv -> kv.key.equals("remote"))
                .map(kv -> String.valueOf(kv.value))
                .toList();
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
