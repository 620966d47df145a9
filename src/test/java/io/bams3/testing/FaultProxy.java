package io.bams3.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP proxy on loopback in front of an S3 server that counts requests and bytes sent, and
 * injects faults with set probabilities: 503 SlowDown, a stall longer than the client's read
 * timeout, or a body cut off half-way. Seeded, so a run is repeatable. It keeps the head of every
 * request it receives ({@link #seen()}), for tests of what a client sends.
 */
public final class FaultProxy implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fault-proxy");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient upstream =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI target;
    private final Random random;
    private volatile double slowDown;
    private volatile double stall;
    private volatile double cut;
    private volatile Duration stallFor = Duration.ofSeconds(3);
    private volatile boolean denyAll;

    public final AtomicLong requests = new AtomicLong();
    public final AtomicLong bytesSent = new AtomicLong();
    public final AtomicLong slowDowns = new AtomicLong();
    public final AtomicLong stalls = new AtomicLong();
    public final AtomicLong cuts = new AtomicLong();
    private final List<Seen> seen = new ArrayList<>();

    /**
     * The head of one request as the proxy received it: method, path with query, and headers
     * (names in lower case).
     */
    public record Seen(String method, String uri, Map<String, List<String>> headers) {
        /** The first value of header {@code name}, if the request had it. */
        public Optional<String> header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }

        /** The query string, or "" without one. */
        public String query() {
            int q = uri.indexOf('?');
            return q < 0 ? "" : uri.substring(q + 1);
        }
    }

    public FaultProxy(URI target, long seed) throws IOException {
        // the JDK server otherwise leaves Nagle on: headers and body in separate packets then wait
        // for the client's delayed ACK, adding ~40 ms to every response
        System.setProperty("sun.net.httpserver.nodelay", "true");
        this.target = target;
        this.random = new Random(seed);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Sets the fault probabilities (each in [0, 1], applied in this order). */
    public void faults(double slowDown, double stall, double cut) {
        this.slowDown = slowDown;
        this.stall = stall;
        this.cut = cut;
    }

    public void stallFor(Duration d) {
        this.stallFor = d;
    }

    /** Answers every request with 403 AccessDenied, as S3 does for missing permissions. */
    public void denyAll(boolean deny) {
        this.denyAll = deny;
    }

    /** The requests received since the start or the last {@link #resetCounts()}, in order of arrival. */
    public List<Seen> seen() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    public void resetCounts() {
        synchronized (seen) {
            seen.clear();
        }
        requests.set(0);
        bytesSent.set(0);
        slowDowns.set(0);
        stalls.set(0);
        cuts.set(0);
    }

    private synchronized double roll() {
        return random.nextDouble();
    }

    private void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        Map<String, List<String>> headers = new TreeMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        synchronized (seen) {
            seen.add(new Seen(ex.getRequestMethod(), ex.getRequestURI().toString(), headers));
        }
        try (ex) {
            if (denyAll) {
                error(ex, 403, "AccessDenied", "Access Denied");
                return;
            }
            double r = roll();
            if (r < slowDown) {
                slowDowns.incrementAndGet();
                error(ex, 503, "SlowDown", "Please reduce your request rate.");
                return;
            }
            if (r < slowDown + stall) {
                stalls.incrementAndGet();
                Thread.sleep(stallFor.toMillis());
            }
            boolean cutBody = r >= slowDown + stall && r < slowDown + stall + cut;
            HttpResponse<InputStream> resp = HttpForwarding.send(ex, upstream, target, Duration.ofSeconds(30));
            try (InputStream body = resp.body()) {
                OptionalLong head = HttpForwarding.sendResponseHead(ex, resp);
                if (head.isEmpty()) {
                    return; // HEAD: no body
                }
                long length = head.getAsLong();
                // stream, counting what the client really receives (it may hang up early)
                long limit = cutBody && length > 1 ? length / 2 : Long.MAX_VALUE;
                OutputStream out = ex.getResponseBody();
                byte[] buf = new byte[1 << 16];
                long sent = 0;
                int n;
                while (sent < limit && (n = body.read(buf, 0, (int) Math.min(buf.length, limit - sent))) > 0) {
                    out.write(buf, 0, n);
                    sent += n;
                    bytesSent.addAndGet(n);
                }
                if (sent == limit) {
                    cuts.incrementAndGet();
                    out.flush();
                    throw new IOException("cut"); // closes the connection mid-body
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void error(HttpExchange ex, int status, String code, String message) throws IOException {
        byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + message
                        + "</Message></Error>")
                .getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/xml");
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.sendResponseHeaders(status, -1);
        } else {
            ex.sendResponseHeaders(status, body.length);
            ex.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
