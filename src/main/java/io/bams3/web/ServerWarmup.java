package io.bams3.web;

import io.bams3.DaemonThreads;
import io.bams3.auth.Access;
import io.bams3.catalog.CacheSettings;
import io.bams3.catalog.DatasetCatalog;
import io.bams3.catalog.DatasetRoot;
import io.bams3.format.Codec;
import io.bams3.htsget.DataUrlSigner;
import io.bams3.htsget.HtsgetJson;
import io.bams3.htsget.ReadsService;
import io.bams3.htsget.RequestParser;
import io.bams3.htsget.Ticket;
import io.bams3.query.FetchPool;
import io.bams3.store.ByteRange;
import io.bams3.store.ObjectNotFoundException;
import io.bams3.store.ObjectStore;
import io.bams3.store.S3Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Warms the server up before it reports ready, so that the first real ticket does not pay for
 * class loading, the S3 SDK's first requests and code still running in the interpreter. It runs
 * once, as an application runner: Spring Boot's readiness stays REFUSING_TRAFFIC (the readiness
 * probe answers 503) until every runner has returned, while liveness is already CORRECT.
 *
 * <p>The steps: against every configured S3 root, a HEAD and a GET of a key that does not exist
 * and a presigned URL for it (the store client, its credentials, signing and connection pool, the
 * presigner), then one base of the first dataset a short listing of the root finds, read and
 * presigned outside the served caches ({@link RootDatasetWarmup}: the store's read path; served
 * datasets are still opened on first use); a
 * self-query of a tiny dataset of its own ({@link WarmupDataset}) through {@link ReadsService}
 * with the server's ticket settings, a few rounds: open, plan, tickets rendered as JSON, signed
 * data URLs verified, BAM streamed by block, SAM text, filtered records, in both codecs; and a few
 * loopback requests to the server's own API: service-info, and a ticket and a data request for an
 * id no root holds (Tomcat, the filters, Spring MVC, the controllers, the error answers). The store
 * probes run alongside the self-query.
 *
 * <p>It is bounded by {@code bams3.warmup.timeout}: whatever has not finished by then is
 * abandoned. Its outcome is one log line (failures name the root and the error, never a
 * credential). A failed or abandoned warm-up does not stop the server: it reports ready all the
 * same, and the readiness probe then follows the store health as always ({@link
 * StoreHealthIndicator}: DOWN while a root does not answer).
 */
@Component
@EnableConfigurationProperties(WarmupProperties.class)
class ServerWarmup implements ApplicationRunner {
    /** A key no dataset has (the health probe's), asked for with HEAD and GET. */
    static final String PROBE_KEY = StoreHealthIndicator.PROBE_KEY;
    /** Rounds of loopback requests (service-info, a ticket and a data request). */
    static final int HTTP_REQUESTS = 3;
    /** The start of the ids the loopback ticket and data requests ask for (and no root holds). */
    static final String PROBE_ID_PREFIX = "bams3-warmup-probe-";

    private static final Logger LOG = LoggerFactory.getLogger(ServerWarmup.class);
    private static final int MAX_MESSAGE = 200;

    private final DatasetCatalog catalog;
    private final ReadsService service;
    private final FetchPool fetchPool;
    private final WarmupProperties warmup;
    private final Environment env;
    private final HtsgetMetrics metrics;
    private final ObjectProvider<WarmupStep> extraSteps;

    ServerWarmup(
            DatasetCatalog catalog,
            ReadsService service,
            FetchPool fetchPool,
            WarmupProperties warmup,
            Environment env,
            HtsgetMetrics metrics,
            ObjectProvider<WarmupStep> extraSteps) {
        this.catalog = catalog;
        this.service = service;
        this.fetchPool = fetchPool;
        this.warmup = warmup;
        this.env = env;
        this.metrics = metrics;
        this.extraSteps = extraSteps;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!warmup.enabled()) {
            return;
        }
        long started = System.nanoTime();
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        Map<String, String> done = new LinkedHashMap<>();
        AtomicInteger stores = new AtomicInteger();
        ExecutorService threads = Executors.newCachedThreadPool(DaemonThreads.named("bams3-warmup"));
        List<CompletableFuture<Void>> steps = new ArrayList<>();
        List<String> s3Roots = catalog.locator().roots().stream()
                .map(DatasetRoot::base)
                .filter(S3Location::isS3)
                .distinct()
                .toList();
        Set<String> pending = ConcurrentHashMap.newKeySet();
        pending.addAll(s3Roots);
        for (String root : s3Roots) {
            steps.add(CompletableFuture.runAsync(
                    () -> {
                        guarded(root, failures, () -> {
                            long t = System.nanoTime();
                            probe(catalog.store(root));
                            stores.incrementAndGet();
                            synchronized (done) {
                                done.merge("s3 probes", millis(t) + " ms", (a, b) -> a + ", " + b);
                            }
                        });
                        guarded(root, failures, () -> {
                            long t = System.nanoTime();
                            if (readOneDataset(root)) {
                                synchronized (done) {
                                    done.merge("s3 dataset read", millis(t) + " ms", (a, b) -> a + ", " + b);
                                }
                            }
                        });
                        pending.remove(root);
                    },
                    threads));
        }
        steps.add(CompletableFuture.runAsync(
                () -> {
                    guarded("self-query", failures, () -> {
                        if (warmup.rounds() < 1) {
                            return;
                        }
                        String rounds = selfQuery(warmup.rounds());
                        synchronized (done) {
                            done.put("self-query", rounds);
                        }
                    });
                    guarded("loopback", failures, () -> {
                        long t = System.nanoTime();
                        if (loopback()) {
                            synchronized (done) {
                                done.put("loopback", 3 * HTTP_REQUESTS + " requests " + millis(t) + " ms");
                            }
                        }
                    });
                    extraSteps.orderedStream().forEach(step -> guarded("step", failures, step::run));
                },
                threads));
        boolean finished = true;
        try {
            CompletableFuture.allOf(steps.toArray(CompletableFuture[]::new))
                    .get(warmup.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            finished = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finished = false;
        } catch (ExecutionException e) {
            failures.add(oneLine(e.getCause()));
        } finally {
            threads.shutdownNow();
        }
        long ms = millis(started);
        StringBuilder summary = new StringBuilder("s3 roots answered " + stores.get() + "/" + s3Roots.size());
        synchronized (done) {
            done.forEach((step, result) ->
                    summary.append(", ").append(step).append(' ').append(result));
        }
        if (!finished) {
            LOG.warn(
                    "warm-up abandoned after {} ms (bams3.warmup.timeout={}); ready anyway: {}{}{}",
                    ms,
                    warmup.timeout(),
                    summary,
                    pending.isEmpty() ? "" : "; no answer from " + String.join(", ", pending),
                    failures.isEmpty() ? "" : "; failed: " + String.join("; ", failures));
        } else if (!failures.isEmpty()) {
            LOG.warn(
                    "warm-up finished in {} ms with failures (ready anyway): {}; failed: {}",
                    ms,
                    summary,
                    String.join("; ", failures));
        } else {
            LOG.info("warm-up finished in {} ms: {}", ms, summary);
        }
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    private static void guarded(String what, Queue<String> failures, Step step) {
        if (Thread.currentThread().isInterrupted()) {
            return;
        }
        try {
            step.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception | LinkageError | AssertionError e) {
            failures.add(what + ": " + oneLine(e));
        }
    }

    /**
     * A message on one line, cut short, control characters as {@code \xNN}: exception messages
     * name objects, never credentials.
     */
    static String oneLine(Throwable e) {
        String m = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
        m = m.replaceAll("\\s+", " ").strip();
        m = m.length() > MAX_MESSAGE ? m.substring(0, MAX_MESSAGE) + "..." : m;
        // a key read from a listing may hold any character: none reaches the log raw
        StringBuilder b = new StringBuilder(m.length());
        m.chars().forEach(c -> b.append(Character.isISOControl(c) ? String.format("\\x%02x", c) : (char) c));
        return b.toString();
    }

    /**
     * A HEAD and a GET of a key that no dataset has (both are "not found" from a store that
     * answers), and a presigned URL for it (made locally, as presigned tickets do; not used).
     */
    static void probe(ObjectStore store) throws IOException {
        store.presign(PROBE_KEY, new ByteRange(0, 1), Duration.ofMinutes(1));
        store.head(PROBE_KEY);
        try (InputStream in = store.get(PROBE_KEY, null)) {
            in.read();
        } catch (ObjectNotFoundException expected) {
            // the answer a healthy store gives
        }
    }

    /** One dataset of the first listable root on {@code base} read ({@link RootDatasetWarmup}); false if none. */
    private boolean readOneDataset(String base) throws IOException {
        for (DatasetRoot root : catalog.locator().roots()) {
            if (root.base().equals(base)
                    && RootDatasetWarmup.readOne(
                            root, catalog, service.settings().readAheadBytes(), fetchPool)) {
                return true;
            }
        }
        return false;
    }

    private static long millis(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    /**
     * The self-query: tickets and data streams of the warm-up dataset, {@code rounds} times.
     * Returns what it took (creating the dataset, then each round) for the log line.
     */
    private String selfQuery(int rounds) throws IOException {
        long t = System.nanoTime();
        try (WarmupDataset ds = WarmupDataset.create(CacheSettings.defaults())) {
            StringBuilder took = new StringBuilder("dataset " + millis(t) + " ms, rounds");
            ReadsService local = new ReadsService(ds.catalog(), service.settings(), fetchPool);
            String endpoint = "http://127.0.0.1/reads/data";
            String ref = ds.referenceName();
            String start = String.valueOf(ds.start());
            String mid = String.valueOf(ds.start() + (ds.end() - ds.start()) / 2);
            String end = String.valueOf(ds.end());
            List<Map<String, List<String>>> queries = List.of(
                    Map.of("referenceName", List.of(ref), "start", List.of(start), "end", List.of(end)),
                    Map.of("referenceName", List.of(ref), "start", List.of(mid), "end", List.of(end)),
                    Map.of(
                            "referenceName", List.of(ref),
                            "start", List.of(start),
                            "end", List.of(mid),
                            "fields", List.of("QNAME,FLAG,RNAME,POS,CIGAR,SEQ,QUAL"),
                            "tags", List.of("NM,MD")),
                    Map.of("class", List.of("header")),
                    Map.of());
            for (int round = 0; round < rounds; round++) {
                t = System.nanoTime();
                // every round opens the datasets again, as a first ticket does
                ds.catalog().datasetCache().invalidateAll();
                ds.catalog().indexCache().invalidateAll();
                for (Codec codec : Codec.values()) {
                    String id = WarmupDataset.id(codec);
                    for (Map<String, List<String>> q : queries) {
                        Ticket ticket = local.ticket(RequestParser.parseQuery(id, q), endpoint, Access.everything())
                                .value();
                        HtsgetJson.parseTicket(HtsgetJson.ticket(ticket));
                        for (Ticket.Url u : ticket.urls()) {
                            if (!u.inline()) {
                                stream(local, u.url().substring(endpoint.length() + 1));
                            }
                        }
                    }
                    String sam = id + "?format=SAM&referenceName=" + ref + "&start=" + mid + "&end=" + end;
                    DataUrlSigner signer = service.settings().signer();
                    stream(local, signer == null ? sam : signer.sign(sam));
                }
                took.append(' ').append(millis(t));
            }
            return took.append(" ms").toString();
        }
    }

    /** Streams a data URL's response (path and query below the data endpoint) into nothing. */
    private static void stream(ReadsService service, String pathAndQuery) throws IOException {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String query = q < 0 ? null : pathAndQuery.substring(q + 1);
        // the warm-up's ids need no decoding
        service.data(path, QueryString.parse(query), path, query).writeTo(OutputStream.nullOutputStream());
    }

    /**
     * Requests to the server's own API over loopback: service-info, then a ticket and a data
     * request for an id no root holds (a not-found answer, or 401 when tokens are required: the
     * filters, the controllers and the error answers run once; they are not left in the ticket and
     * data metrics). False when there is no plain-HTTP port to ask (no web server, or TLS).
     */
    private boolean loopback() throws IOException {
        String port = env.getProperty("local.server.port");
        if (port == null || env.getProperty("server.ssl.enabled", Boolean.class, false)) {
            return false;
        }
        String address = env.getProperty("server.address");
        String host = address == null || address.isBlank() || address.equals("0.0.0.0") || address.equals("::")
                ? "127.0.0.1"
                : address.contains(":") ? "[" + address + "]" : address;
        String base = "http://" + host + ":" + port + env.getProperty("server.servlet.context-path", "") + "/reads/";
        String probe = PROBE_ID_PREFIX + UUID.randomUUID().toString().replace("-", "");
        String region = "?referenceName=1&start=0&end=1";
        try {
            for (int i = 0; i < HTTP_REQUESTS; i++) {
                get(URI.create(base + "service-info"), true);
                get(URI.create(base + probe + region), false);
                get(URI.create(base + "data/" + probe + region), false);
            }
        } finally {
            metrics.forgetRequests();
        }
        return true;
    }

    /** One GET, its body read; {@code ok}: it must answer 200, else a 4xx (a refusal, not a failure). */
    private static void get(URI uri, boolean ok) throws IOException {
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        c.setConnectTimeout(5000);
        c.setReadTimeout(5000);
        c.setRequestProperty("User-Agent", "bams3-warmup");
        int status = c.getResponseCode();
        try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
            if (in != null) {
                in.readAllBytes();
            }
        }
        if (ok ? status != 200 : status < 400 || status >= 500) {
            throw new IOException(uri.getPath().replaceAll(".*/reads/", "/reads/") + " answered " + status);
        }
    }
}
