package io.bams3.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.bams3.testing.HttpForwarding;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * An HTTP proxy on loopback in front of a path-style S3 server that counts, per kind of object
 * key, the requests made and the response bytes the client really received (samtools asks for
 * open-ended ranges and hangs up; what was sent until then counts). The kind is judged from the
 * key alone, so it holds when keys gain a prefix (a generation directory) or new index objects
 * appear: see {@link Kind#of}. Optionally every response is held back by a fixed latency before
 * its first byte, a stand-in for a remote store's first-byte latency on a loopback server.
 */
public final class KeyCountingProxy implements AutoCloseable {
    /** What a request's key is. */
    public enum Kind {
        /** Everything of a dataset that is neither chunk data nor the header: metadata, tables, indexes, listings. */
        PLANNING,
        /** A key containing {@code _header}. */
        HEADER,
        /** A key ending {@code .chunk}. */
        DATA,
        /** The source BAM ({@code .bam}), header and records alike. */
        BAM,
        /** The source BAM's index ({@code .bai}). */
        BAI;

        /** Classifies a key (without the bucket); a request without a key (a listing) is planning. */
        public static Kind of(String key) {
            String name = key.substring(key.lastIndexOf('/') + 1);
            if (name.endsWith(".chunk")) return DATA;
            // before ".bam": the dataset's header object is _header.bam
            if (name.contains("_header")) return HEADER;
            if (name.endsWith(".bai")) return BAI;
            if (name.endsWith(".bam")) return BAM;
            return PLANNING;
        }
    }

    /**
     * Requests and bytes per kind since the last reset, and for planning objects per object name
     * (the key's last segment, runs of digits as {@code N}: {@code _metadata.json},
     * {@code chunks.idx}, {@code N-N.idx}; a listing is {@code (list)}), as {requests, bytes}.
     */
    public record Counts(Map<Kind, Long> requests, Map<Kind, Long> bytes, Map<String, long[]> planning) {
        public long requests(Kind k) {
            return requests.getOrDefault(k, 0L);
        }

        public long bytes(Kind k) {
            return bytes.getOrDefault(k, 0L);
        }

        public long totalRequests() {
            return requests.values().stream().mapToLong(Long::longValue).sum();
        }

        public long totalBytes() {
            return bytes.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "key-counting-proxy");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient upstream = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final URI target;
    private final Duration latency;
    private final Map<Kind, LongAdder> requests = new EnumMap<>(Kind.class);
    /** Exchanges being relayed now. */
    private final AtomicInteger inFlight = new AtomicInteger();

    private final Map<Kind, LongAdder> bytes = new EnumMap<>(Kind.class);
    private final Map<String, LongAdder[]> planning = new ConcurrentHashMap<>();
    private final LongAdder retries = new LongAdder();

    public KeyCountingProxy(URI target) throws IOException {
        this(target, Duration.ZERO);
    }

    /** A proxy that delays every response by {@code latency} (before forwarding the request). */
    public KeyCountingProxy(URI target, Duration latency) throws IOException {
        // the JDK server otherwise leaves Nagle on, adding a delayed-ACK wait to every response
        System.setProperty("sun.net.httpserver.nodelay", "true");
        this.target = target;
        this.latency = latency;
        for (Kind k : Kind.values()) {
            requests.put(k, new LongAdder());
            bytes.put(k, new LongAdder());
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * Zeroes the counts once no exchange is in progress (at most 30 s later): a client that hung
     * up on an open-ended range (htslib does) leaves the copy running until a write fails, and
     * what it still sends must not count for the next measurement.
     */
    public void reset() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        requests.values().forEach(LongAdder::reset);
        bytes.values().forEach(LongAdder::reset);
        planning.clear();
    }

    public Counts counts() {
        Map<Kind, Long> r = new EnumMap<>(Kind.class);
        Map<Kind, Long> b = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            r.put(k, requests.get(k).sum());
            b.put(k, bytes.get(k).sum());
        }
        Map<String, long[]> p = new TreeMap<>();
        planning.forEach((name, c) -> p.put(name, new long[] {c[0].sum(), c[1].sum()}));
        return new Counts(r, b, p);
    }

    /** A planning object's name without what varies from reference to reference or chunk to chunk. */
    static String objectName(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        return name.isEmpty() ? "(list)" : name.replaceAll("[0-9]+", "N");
    }

    /** The object key of a path-style request ({@code /bucket/key}), decoded; empty for a bucket request. */
    static String key(URI request) {
        String path = request.getRawPath();
        int slash = path.indexOf('/', 1);
        if (slash < 0) {
            return "";
        }
        return URLDecoder.decode(path.substring(slash + 1).replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private void handle(HttpExchange ex) throws IOException {
        inFlight.incrementAndGet();
        try {
            relay(ex);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void relay(HttpExchange ex) throws IOException {
        String key = key(ex.getRequestURI());
        Kind kind = Kind.of(key);
        requests.get(kind).increment();
        LongAdder[] object = kind == Kind.PLANNING
                ? planning.computeIfAbsent(objectName(key), k -> new LongAdder[] {new LongAdder(), new LongAdder()})
                : null;
        if (object != null) {
            object[0].increment();
        }
        try (ex) {
            if (!latency.isZero()) {
                Thread.sleep(latency.toMillis());
            }
            HttpResponse<InputStream> resp = forward(ex);
            try (InputStream in = resp.body()) {
                OptionalLong head = HttpForwarding.sendResponseHead(ex, resp);
                if (head.isEmpty()) {
                    return; // HEAD: no body
                }
                // counted as written: a client that hangs up ends the copy with an IOException
                OutputStream out = ex.getResponseBody();
                byte[] buf = new byte[1 << 16];
                LongAdder counter = bytes.get(kind);
                int n;
                while ((n = in.read(buf)) > 0) {
                    out.write(buf, 0, n);
                    counter.add(n);
                    if (object != null) {
                        object[1].add(n);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The upstream response; a GET or HEAD whose upstream exchange failed (a pooled connection the
     * store had closed) is sent once more, and counted in {@link #upstreamRetries}.
     */
    private HttpResponse<InputStream> forward(HttpExchange ex) throws IOException, InterruptedException {
        try {
            return HttpForwarding.send(ex, upstream, target, Duration.ofMinutes(10));
        } catch (IOException e) {
            String method = ex.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                throw e;
            }
            retries.increment();
            System.err.println(
                    "[proxy] upstream " + method + " " + ex.getRequestURI() + " failed (" + e + "); sent again");
            return HttpForwarding.send(ex, upstream, target, Duration.ofMinutes(10));
        }
    }

    /** GET and HEAD requests sent upstream a second time since this proxy started. */
    public long upstreamRetries() {
        return retries.sum();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
