package io.bams3.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import io.bams3.htsget.TicketMode;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The pages' policy: own scripts only, and fetches only to the origins tickets may point at. */
class ContentSecurityPolicyTest {
    private static String connect(ContentSecurityPolicy p) {
        String v = p.value();
        int at = v.indexOf("connect-src ");
        return v.substring(at, v.indexOf(';', at));
    }

    @Test
    void streamedTicketsNeedOnlyThisServer() {
        ContentSecurityPolicy p =
                ContentSecurityPolicy.of(TicketMode.STREAMED, null, null, URI.create("http://s3:9000"));
        assertThat(connect(p)).isEqualTo("connect-src 'self'");
        assertThat(p.value())
                .contains("default-src 'self'", "script-src 'self';", "object-src 'none'")
                .doesNotContain("unsafe-eval");
    }

    @Test
    void presignedTicketsAddTheStoresOrigin() {
        assertThat(connect(ContentSecurityPolicy.of(
                        TicketMode.PRESIGNED,
                        null,
                        URI.create("http://127.0.0.1:9000/"),
                        URI.create("http://s3:9000"))))
                .isEqualTo("connect-src 'self' http://127.0.0.1:9000");
        assertThat(connect(ContentSecurityPolicy.of(
                        TicketMode.AUTO, null, null, URI.create("https://minio.example.org:9443"))))
                .isEqualTo("connect-src 'self' https://minio.example.org:9443 https://*.minio.example.org:9443");
        assertThat(connect(ContentSecurityPolicy.of(TicketMode.AUTO, null, null, null)))
                .isEqualTo("connect-src 'self' https://*.amazonaws.com");
    }

    @Test
    void aPublicBaseUrlIsAllowedAsWell() {
        assertThat(connect(ContentSecurityPolicy.of(
                        TicketMode.STREAMED, URI.create("https://htsget.example.org/prefix"), null, null)))
                .isEqualTo("connect-src 'self' https://htsget.example.org");
    }
}
