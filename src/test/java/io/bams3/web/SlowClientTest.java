package io.bams3.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.bams3.testing.ServedDatasets;
import io.bams3.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Clients that stop reading cannot take the server down: data streams beyond the limit are
 * refused at once with 503 and Retry-After, probes, service-info and tickets keep answering while
 * every stream slot is held, and a stalled stream is cut after the write timeout, which frees its
 * slot. Bounded: a dozen sockets on loopback, closed at the end.
 */
@Tag("server")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlowClientTest {
    private static final int MAX_STREAMS = 3;
    private static final int CLIENTS = 12;
    private TestServer server;

    @BeforeAll
    void start() {
        server = TestServer.start(Map.of(
                "bams3.roots[0].location",
                ServedDatasets.localRoot().toString(),
                "bams3.limits.max-streams",
                Integer.toString(MAX_STREAMS),
                "server.tomcat.threads.max",
                "8",
                "server.tomcat.connection-timeout",
                "6s"));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void stalledReadersAreBoundedRefusedBeyondTheLimitAndCutAfterTheWriteTimeout() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < CLIENTS; i++) {
                Socket s = new Socket();
                s.setReceiveBufferSize(4096);
                s.connect(new InetSocketAddress("127.0.0.1", Integer.parseInt(server.port())), 5_000);
                // SAM text of the whole dataset: far more than the socket buffers hold
                s.getOutputStream()
                        .write(("GET /reads/data/na12878?format=SAM HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                                .getBytes(StandardCharsets.ISO_8859_1));
                stalled.add(s);
            }
            Thread.sleep(500);
            for (String path : List.of(
                    "/actuator/health/liveness",
                    "/actuator/health/readiness",
                    "/reads/service-info",
                    "/reads/na12878?referenceName=11&start=5000000&end=5001000")) {
                assertThat(server.get(path).statusCode())
                        .as(path + " while every stream slot is held")
                        .isEqualTo(200);
            }
            String gauges = new String(server.get("/actuator/prometheus").body(), StandardCharsets.UTF_8);
            assertThat(gauges)
                    .contains("bams3_data_streams_active " + MAX_STREAMS + ".0")
                    .contains("bams3_data_streams_max " + MAX_STREAMS + ".0");
            int accepted = 0;
            int refused = 0;
            for (Socket s : stalled) {
                String head = head(s);
                if (head.startsWith("HTTP/1.1 200")) {
                    accepted++;
                } else {
                    assertThat(head).startsWith("HTTP/1.1 503").containsIgnoringCase("Retry-After: 1");
                    refused++;
                }
            }
            assertThat(accepted).isEqualTo(MAX_STREAMS);
            assertThat(refused).isEqualTo(CLIENTS - MAX_STREAMS);
            HttpResponse<byte[]> busy = server.get("/reads/data/na12878?referenceName=11&start=5000000&end=5001000");
            assertThat(busy.statusCode()).isEqualTo(503);
            assertThat(new String(busy.body(), StandardCharsets.UTF_8)).contains("\"Unavailable\"");

            // the stalled streams make no progress: the write timeout cuts them and frees their slots
            int status = 0;
            for (int attempt = 0; attempt < 40 && status != 200; attempt++) {
                Thread.sleep(500);
                status = server.get("/reads/data/na12878?referenceName=11&start=5000000&end=5001000")
                        .statusCode();
            }
            assertThat(status)
                    .as("a stream slot is free again after the write timeout")
                    .isEqualTo(200);
        } finally {
            for (Socket s : stalled) {
                s.close();
            }
        }
        String prom = new String(server.get("/actuator/prometheus").body(), StandardCharsets.UTF_8);
        assertThat(prom).containsPattern("bams3_data_requests_seconds_count\\{[^}]*outcome=\"busy\"[^}]*} [1-9]");
    }

    /** The status line and headers of a response, read from the start of the socket's stream. */
    private static String head(Socket s) throws IOException {
        s.setSoTimeout(5_000);
        InputStream in = s.getInputStream();
        StringBuilder b = new StringBuilder();
        try {
            while (b.indexOf("\r\n\r\n") < 0 && b.length() < 8192) {
                int c = in.read();
                if (c < 0) {
                    break;
                }
                b.append((char) c);
            }
        } catch (SocketTimeoutException e) {
            // what arrived is all there is
        }
        return b.toString();
    }
}
