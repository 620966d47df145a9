package io.bams3.store;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.bams3.testing.HttpForwarding;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback proxy in front of an S3 server that holds every UploadPart request for a while
 * before forwarding it, so that parts sent in parallel overlap visibly; it counts the part
 * requests and the most in progress at once, and can answer the part of a given number with
 * HTTP 500 every time it is sent.
 */
final class PartHoldingProxy implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "part-holding-proxy");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient upstream = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI target;
    private final Duration hold;
    private final AtomicInteger inProgress = new AtomicInteger();
    private volatile int failingPart = -1;

    final AtomicInteger partRequests = new AtomicInteger();
    final AtomicInteger mostAtOnce = new AtomicInteger();

    PartHoldingProxy(URI target, Duration hold) throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        this.target = target;
        this.hold = hold;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Answers every upload of part {@code number} with 500 InternalError. */
    void failPart(int number) {
        failingPart = number;
    }

    private void handle(HttpExchange ex) throws IOException {
        String query = ex.getRequestURI().getQuery();
        int part = partNumber(query);
        try (ex) {
            if (part > 0) {
                partRequests.incrementAndGet();
                mostAtOnce.accumulateAndGet(inProgress.incrementAndGet(), Math::max);
                // a part stops counting as in progress before its response leaves: the client may
                // send its next part as soon as the response arrives, before this handler returns
                boolean counted = true;
                try {
                    Thread.sleep(hold.toMillis());
                    if (part == failingPart) {
                        ex.getRequestBody().readAllBytes();
                        byte[] body =
                                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>InternalError</Code></Error>"
                                        .getBytes(StandardCharsets.UTF_8);
                        inProgress.decrementAndGet();
                        counted = false;
                        ex.sendResponseHeaders(500, body.length);
                        ex.getResponseBody().write(body);
                        return;
                    }
                    HttpResponse<InputStream> resp = HttpForwarding.send(ex, upstream, target, Duration.ofSeconds(30));
                    inProgress.decrementAndGet();
                    counted = false;
                    respond(ex, resp);
                } finally {
                    if (counted) {
                        inProgress.decrementAndGet();
                    }
                }
                return;
            }
            forward(ex);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void forward(HttpExchange ex) throws IOException, InterruptedException {
        respond(ex, HttpForwarding.send(ex, upstream, target, Duration.ofSeconds(30)));
    }

    private static void respond(HttpExchange ex, HttpResponse<InputStream> resp) throws IOException {
        try (InputStream body = resp.body()) {
            OptionalLong head = HttpForwarding.sendResponseHead(ex, resp);
            if (head.isPresent()) {
                body.transferTo(ex.getResponseBody());
            }
        }
    }

    /** The partNumber of an UploadPart request's query, or -1. */
    private static int partNumber(String query) {
        if (query == null || !query.contains("uploadId=")) {
            return -1;
        }
        for (String p : query.split("&")) {
            if (p.startsWith("partNumber=")) {
                return Integer.parseInt(p.substring("partNumber=".length()));
            }
        }
        return -1;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
