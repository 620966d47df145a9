package io.bams3.bench;

import io.bams3.query.Dataset;
import io.bams3.testing.S3MockServer;
import io.bams3.testing.TokenIssuer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import java.util.function.ToDoubleFunction;

/**
 * Ticket throughput and latency with access control on ({@code bams3.auth.mode=jwt}, tokens of a
 * real OpenID Connect issuer: mock-oauth2-server, {@link TokenIssuer}) against the same server with
 * {@code none}: two servers, each its own JVM, on the same dataset in S3Mock, both up for the
 * whole run. The same ticket requests (random 10 kb regions, warm cache) are sent by a fixed
 * number of concurrent clients, a fixed number per measurement after a warm-up, in three variants:
 * {@code none} (no token), {@code jwt, one token} (every request carries the same token, as a
 * client does for the token's lifetime) and {@code jwt, distinct tokens} (every request carries a
 * token of its own, minted beforehand, so no per-token cache could serve it). Each round measures
 * the three, in an order rotated from round to round; ratios are taken within a round.
 *
 * <p>Arguments: S3MOCK_JAR BAM SERVER_CLASSPATH SAMTOOLS JAR CLIENTS REQUESTS WARMUP ROUNDS OUT.md
 */
public final class AuthBench {
    /** The same data URL secret for both servers, so both sign their data URLs. */
    private static final String DATA_URL_SECRET = "bench-data-url-secret-0123456789";

    private static final double TARGET = 2.0;

    /** The servers warm up in turns, this many requests at a time, so both see the same machine. */
    private static final int WARMUP_BLOCK = 10_000;

    /** One way of sending the ticket requests; {@code token(i)} is request i's bearer token, or null. */
    private record Variant(String name, BenchServer server, List<String> urls, IntFunction<String> token) {
        HttpRequest request(int i) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(urls.get(i % urls.size())));
            String t = token.apply(i);
            return (t == null ? b : b.header("Authorization", "Bearer " + t)).build();
        }
    }

    public static void main(String[] args) throws Exception {
        String s3mockJar = args[0];
        Path bam = Path.of(args[1]);
        String serverCp = args[2];
        String samtools = args[3];
        Path jar = Path.of(args[4]);
        int clients = Integer.parseInt(args[5]);
        int requests = Integer.parseInt(args[6]);
        int warmup = Integer.parseInt(args[7]);
        int rounds = Integer.parseInt(args[8]);
        Path out = Path.of(args[9]);
        Environment environment = Environment.probe(
                new CommandRunner(out.toAbsolutePath().getParent().resolve("logs")), samtools, jar);
        StringBuilder report = new StringBuilder();
        try (S3MockServer s3 = S3MockServer.start(s3mockJar);
                TokenIssuer issuer = new TokenIssuer()) {
            String bucket = s3.newBucket("authbench");
            Dataset ds = BenchServer.putDataset(s3, bucket, bam);
            List<String> jwtSettings = new ArrayList<>(List.of("--bams3.tickets.data-url-secret=" + DATA_URL_SECRET));
            new TreeMap<>(issuer.serverSettings()).forEach((k, v) -> jwtSettings.add("--" + k + "=" + v));
            try (BenchServer none = BenchServer.start(
                            serverCp,
                            s3,
                            bucket,
                            "streamed",
                            "1g",
                            List.of("--bams3.tickets.data-url-secret=" + DATA_URL_SECRET));
                    BenchServer jwt = BenchServer.start(serverCp, s3, bucket, "streamed", "1g", jwtSettings)) {
                warmIssuer(issuer);
                Map<String, Object> grant = Map.of("bams3_datasets", List.of(BenchServer.ID));
                String token = issuer.token("bench-client", grant);
                List<String> noneUrls = TicketLoad.tenKbTickets(none, ds, 200, 5);
                List<String> jwtUrls = TicketLoad.tenKbTickets(jwt, ds, 200, 5);
                checkAccess(noneUrls.get(0), jwtUrls.get(0), token, issuer);

                Variant noToken = new Variant("none", none, noneUrls, i -> null);
                Variant oneToken = new Variant("jwt, one token", jwt, jwtUrls, i -> token);
                // The distinct tokens are minted on one thread while both servers warm up (the
                // minting is not measured; it only overlaps the warm-up).
                long mint0 = System.nanoTime();
                CompletableFuture<String[]> minted = CompletableFuture.supplyAsync(() -> {
                    String[] tokens = new String[rounds * requests];
                    for (int i = 0; i < tokens.length; i++) {
                        tokens[i] = issuer.token("bench-client-" + i, grant);
                    }
                    return tokens;
                });
                long warm0 = System.nanoTime();
                for (int done = 0; done < warmup; done += WARMUP_BLOCK) {
                    for (Variant v : List.of(noToken, oneToken)) {
                        int n = Math.min(WARMUP_BLOCK, warmup - done);
                        requireNoErrors(v, TicketLoad.forCount(clients, n, v.server(), v::request));
                    }
                }
                double warmSeconds = (System.nanoTime() - warm0) / 1e9;
                String[] distinct = minted.get();
                double mintSeconds = (System.nanoTime() - mint0) / 1e9;

                String started = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
                List<List<Variant>> perRound = new ArrayList<>();
                List<List<TicketLoad.Result>> results = new ArrayList<>();
                for (int r = 0; r < rounds; r++) {
                    int offset = r * requests;
                    Variant distinctTokens =
                            new Variant("jwt, distinct tokens", jwt, jwtUrls, i -> distinct[offset + i]);
                    List<Variant> order = new ArrayList<>(List.of(noToken, oneToken, distinctTokens));
                    Collections.rotate(order, -r);
                    List<TicketLoad.Result> got = new ArrayList<>();
                    for (Variant v : order) {
                        TicketLoad.Result res = TicketLoad.forCount(clients, requests, v.server(), v::request);
                        requireNoErrors(v, res);
                        System.err.printf(
                                Locale.ROOT,
                                "[auth] round %d %-22s %7.0f requests/s p50 %.1f ms p99 %.1f ms%n",
                                r + 1,
                                v.name(),
                                res.perSecond(),
                                res.p50Ms(),
                                res.p99Ms());
                        got.add(res);
                    }
                    perRound.add(order);
                    results.add(got);
                }
                String finished = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
                report.append(report(
                        environment,
                        bam,
                        ds,
                        clients,
                        requests,
                        warmup,
                        warmSeconds,
                        mintSeconds,
                        distinct.length,
                        started,
                        finished,
                        perRound,
                        results));
            }
        }
        Files.writeString(out, report.toString());
        System.out.print(report);
    }

    /**
     * A cold mock-oauth2-server takes its time over its first answers (discovery document, JWKS):
     * the server's first token requests would wait for, or with a short fetch timeout fail on (Spring
     * Security's default of 500 ms did: HTTP 500), the issuer's own warm-up, which a deployed issuer
     * has long done.
     */
    private static void warmIssuer(TokenIssuer issuer) throws Exception {
        String issuerUrl = issuer.issuerUrl(TokenIssuer.ISSUER);
        for (int i = 0; i < 20; i++) {
            expect(
                    200,
                    TicketLoad.get(issuerUrl + "/.well-known/openid-configuration")
                            .statusCode(),
                    "discovery");
            expect(200, TicketLoad.get(issuer.jwksUrl(TokenIssuer.ISSUER)).statusCode(), "JWKS");
        }
    }

    /**
     * The jwt server refuses a ticket without a token (401) and with a token for another id (403)
     * and serves one with the token; the none server serves it without one. Otherwise the
     * measurement would not be of what it claims.
     */
    private static void checkAccess(String noneUrl, String jwtUrl, String token, TokenIssuer issuer) throws Exception {
        expect(200, TicketLoad.get(noneUrl).statusCode(), "none, no token");
        expect(401, TicketLoad.get(jwtUrl).statusCode(), "jwt, no token");
        String other = issuer.token("bench-other", Map.of("bams3_datasets", List.of("another-id")));
        expect(403, status(jwtUrl, other), "jwt, token for another id");
        expect(200, status(jwtUrl, token), "jwt, token");
    }

    private static int status(String url, String token) throws Exception {
        return TicketLoad.send(HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + token)
                        .build())
                .statusCode();
    }

    private static void expect(int wanted, int got, String what) {
        if (wanted != got) {
            throw new IllegalStateException(what + ": HTTP " + got + ", expected " + wanted);
        }
    }

    private static void requireNoErrors(Variant v, TicketLoad.Result r) {
        if (r.errors() > 0) {
            throw new IllegalStateException(v.name() + ": " + r.errors() + " of " + r.requests() + " requests not 200");
        }
    }

    private static String report(
            Environment environment,
            Path bam,
            Dataset ds,
            int clients,
            int requests,
            int warmup,
            double warmSeconds,
            double mintSeconds,
            int minted,
            String started,
            String finished,
            List<List<Variant>> perRound,
            List<List<TicketLoad.Result>> results)
            throws Exception {
        StringBuilder sb = new StringBuilder();
        sb.append("## Access control: tickets with `bams3.auth.mode=jwt` against `none`\n\n");
        sb.append(fmt(
                "Dataset: %s (%,d bytes, %,d records) converted into S3Mock; two servers (`none` and `jwt`, each its own"
                        + " JVM with -Xmx1g, the same data URL secret) on it. The clients, both servers, S3Mock and"
                        + " the token issuer share this machine. %d concurrent clients; per measurement %,d ticket"
                        + " requests for 200 random 10 kb regions (cycled), after %,d warm-up requests per server"
                        + " (in turns of %,d; %.1f s, not counted). %,d distinct tokens were minted on one thread"
                        + " during the warm-up (%.1f s, not counted)."
                        + " Measured %s to %s.%n%n",
                bam.getFileName(),
                Files.size(bam),
                ds.metadata().records(),
                clients,
                requests,
                warmup,
                WARMUP_BLOCK,
                warmSeconds,
                minted,
                mintSeconds,
                started,
                finished));
        sb.append(environment.markdown()).append('\n');

        MarkdownTable rows = new MarkdownTable(
                "round",
                "variant",
                "requests",
                "wall (s)",
                "requests/s",
                "p50 (ms)",
                "p99 (ms)",
                "errors",
                "server CPU per ticket (us)",
                "other processes' CPU (s)");
        Map<String, List<TicketLoad.Result>> byVariant = new TreeMap<>();
        Map<String, List<Double>> ratios = new TreeMap<>();
        for (int r = 0; r < results.size(); r++) {
            TicketLoad.Result baseline = null;
            for (int k = 0; k < results.get(r).size(); k++) {
                if (perRound.get(r).get(k).name().equals("none")) {
                    baseline = results.get(r).get(k);
                }
            }
            for (int k = 0; k < results.get(r).size(); k++) {
                String name = perRound.get(r).get(k).name();
                TicketLoad.Result res = results.get(r).get(k);
                byVariant.computeIfAbsent(name, n -> new ArrayList<>()).add(res);
                ratios.computeIfAbsent(name, n -> new ArrayList<>()).add(baseline.perSecond() / res.perSecond());
                rows.row(
                        r + 1,
                        name,
                        fmt("%,d", res.requests()),
                        fmt("%.2f", res.seconds()),
                        fmt("%.0f", res.perSecond()),
                        fmt("%.1f", res.p50Ms()),
                        fmt("%.1f", res.p99Ms()),
                        res.errors(),
                        fmt("%.0f", res.serverCpuMicrosPerRequest()),
                        fmt("%.1f", Math.abs(res.otherCpu()) < 0.05 ? 0.0 : res.otherCpu()));
            }
        }
        sb.append("### Every measurement, in the order run\n\n").append(rows);
        sb.append("\nServer CPU per ticket: the server process's CPU time (all threads) over the measurement,"
                + " divided by its requests. Other processes' CPU: machine busy time (/proc/stat) minus the"
                + " server's and the clients' JVM; the idle second server and S3Mock count there.\n\n");

        MarkdownTable summary = new MarkdownTable(
                "variant",
                "requests/s (median)",
                "none / variant, median of rounds",
                "none / variant, worst round",
                "p50 (ms, median)",
                "p99 (ms, median)",
                "server CPU per ticket (us, median)");
        StringBuilder verdict = new StringBuilder();
        for (String name : List.of("none", "jwt, one token", "jwt, distinct tokens")) {
            List<TicketLoad.Result> rs = byVariant.get(name);
            Samples ratio = samples(ratios.get(name));
            summary.row(
                    name,
                    fmt("%.0f", samples(rs, TicketLoad.Result::perSecond).median()),
                    fmt("%.2fx", ratio.median()),
                    fmt("%.2fx", ratio.max()),
                    fmt("%.1f", samples(rs, TicketLoad.Result::p50Ms).median()),
                    fmt("%.1f", samples(rs, TicketLoad.Result::p99Ms).median()),
                    fmt(
                            "%.0f",
                            samples(rs, TicketLoad.Result::serverCpuMicrosPerRequest)
                                    .median()));
            if (!name.equals("none")) {
                verdict.append(fmt(
                        "- %s: `none` served %.2fx its requests/s (median of %d rounds; worst round %.2fx): %s%n",
                        name,
                        ratio.median(),
                        rs.size(),
                        ratio.max(),
                        ratio.max() <= TARGET
                                ? "within " + TARGET + "x in every round"
                                : "above " + TARGET + "x in at least one round"));
            }
        }
        sb.append("### Summary\n\n").append(summary).append('\n');
        sb.append("Target: JWT validation keeps ticket throughput within 2x of `none`.\n\n")
                .append(verdict);
        return sb.toString();
    }

    private static Samples samples(List<Double> values) {
        return new Samples(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static Samples samples(List<TicketLoad.Result> rs, ToDoubleFunction<TicketLoad.Result> f) {
        return new Samples(rs.stream().mapToDouble(f).toArray());
    }

    private static String fmt(String f, Object... v) {
        return String.format(Locale.ROOT, f, v);
    }
}
