package io.bams3.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bams3.htsget.HtsgetException;
import io.bams3.htsget.TicketMode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.util.unit.DataSize;

/**
 * The base of ticket URLs is an http or https URL of a host name or address, whatever scheme and
 * host the request arrived with (Tomcat already refuses most bad Host headers and ignores bad
 * forwarded hosts; this is the last check before a URL is written).
 */
class ServiceUrlsTest {
    private static ServiceUrls urls(URI publicBaseUrl) {
        Bams3Properties.Tickets tickets = new Bams3Properties.Tickets(
                TicketMode.STREAMED,
                publicBaseUrl,
                Duration.ofMinutes(10),
                null,
                List.of(),
                Duration.ofHours(1),
                DataSize.ofKilobytes(64),
                DataSize.ofMegabytes(8),
                DataSize.ofKilobytes(256));
        return new ServiceUrls(
                new Bams3Properties(List.of(), tickets, null, null, null, null, null, null, null, null, List.of()));
    }

    private static MockHttpServletRequest request(String scheme, String host, int port) {
        MockHttpServletRequest r = new MockHttpServletRequest("GET", "/reads/x");
        r.setScheme(scheme);
        r.setServerName(host);
        r.setServerPort(port);
        return r;
    }

    @Test
    void hostNamesAndAddressesMakeTheBase() {
        ServiceUrls u = urls(null);
        assertThat(u.base(request("http", "localhost", 8080))).isEqualTo("http://localhost:8080");
        assertThat(u.base(request("https", "htsget.example.org", 443))).isEqualTo("https://htsget.example.org");
        assertThat(u.base(request("http", "10.0.0.7", 80))).isEqualTo("http://10.0.0.7");
        assertThat(u.base(request("https", "[::1]", 8443))).isEqualTo("https://[::1]:8443");
        assertThat(u.base(request("http", "::1", 8080))).isEqualTo("http://[::1]:8080");
        assertThat(urls(URI.create("https://public.example.org/")).base(request("javascript", "evil", 1)))
                .isEqualTo("https://public.example.org");
    }

    @Test
    void anythingElseIsRefusedNotWrittenIntoAUrl() {
        ServiceUrls u = urls(null);
        for (String host : List.of(
                "evil.example/x",
                "a@evil.example",
                "evil.example?x",
                "evil.example#x",
                "evil example",
                "évil",
                "",
                "-a")) {
            assertThatThrownBy(() -> u.base(request("https", host, 443)))
                    .as(host)
                    .isInstanceOf(HtsgetException.class)
                    .hasMessageNotContaining("evil");
        }
        for (String scheme : List.of("javascript", "ftp", "file", "")) {
            assertThatThrownBy(() -> u.base(request(scheme, "localhost", 80)))
                    .as(scheme)
                    .isInstanceOf(HtsgetException.class);
        }
        assertThatThrownBy(() -> u.base(request("http", "localhost", 0))).isInstanceOf(HtsgetException.class);
    }
}
