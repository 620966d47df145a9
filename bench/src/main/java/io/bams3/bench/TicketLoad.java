package io.bams3.bench;

import io.bams3.query.Dataset;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Ticket requests to a {@link BenchServer} from a fixed number of concurrent clients, each sending
 * its next request as soon as the previous one is answered, for a fixed time or a fixed number of
 * requests: latencies, throughput, non-200 answers, and the CPU time the server process and the
 * whole machine used meanwhile. The clients run in this JVM, on the same machine as the server.
 */
final class TicketLoad {
    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private TicketLoad() {}

    /**
     * One measurement. {@code nanos}: every request's latency, sorted; {@code serverCpu} and
     * {@code machineCpu}: CPU seconds of the server process and of the whole machine (/proc/stat,
     * NaN where missing) over the measurement; {@code ownCpu}: this JVM's (the clients').
     */
    record Result(long[] nanos, double seconds, long errors, double serverCpu, double machineCpu, double ownCpu) {
        int requests() {
            return nanos.length;
        }

        double perSecond() {
            return nanos.length / seconds;
        }

        double p50Ms() {
            return nanos[nanos.length / 2] / 1e6;
        }

        double p99Ms() {
            return nanos[(int) (nanos.length * 0.99)] / 1e6;
        }

        double serverCpuMicrosPerRequest() {
            return serverCpu / nanos.length * 1e6;
        }

        /** CPU seconds used by neither the server nor the clients: other work competing with the run. */
        double otherCpu() {
            return machineCpu - serverCpu - ownCpu;
        }
    }

    /** Random regions of {@code length} bases (references 0 and 1) as htsget query strings. */
    static String regionQuery(Dataset ds, Random rnd, int length) {
        int ref = rnd.nextInt(2);
        var chunks = ds.chunks(ref);
        int lo = chunks.get(0).firstPos();
        int hi = chunks.get(chunks.size() - 1).lastPos() - length;
        int beg = lo + rnd.nextInt(Math.max(1, hi - lo));
        return "referenceName=" + ds.header().references().get(ref).name() + "&start=" + beg + "&end=" + (beg + length);
    }

    /** {@code n} ticket URLs of {@code server} for random 10 kb regions of its dataset. */
    static List<String> tenKbTickets(BenchServer server, Dataset ds, int n, long seed) {
        Random rnd = new Random(seed);
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            urls.add(server.base + "/reads/" + BenchServer.ID + "?" + regionQuery(ds, rnd, 10_000));
        }
        return urls;
    }

    static HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    static HttpResponse<byte[]> get(String url) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).build());
    }

    /** Requests from {@code clients} clients until {@code time} has passed; request i is {@code request(i)}. */
    static Result forDuration(int clients, Duration time, BenchServer server, IntFunction<HttpRequest> request)
            throws Exception {
        return run(clients, System.nanoTime() + time.toNanos(), Integer.MAX_VALUE, server, request);
    }

    /** Exactly {@code requests} requests, numbered 0 to requests - 1, shared among {@code clients} clients. */
    static Result forCount(int clients, int requests, BenchServer server, IntFunction<HttpRequest> request)
            throws Exception {
        return run(clients, Long.MAX_VALUE, requests, server, request);
    }

    private static Result run(
            int clients, long deadline, int limit, BenchServer server, IntFunction<HttpRequest> request)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicLong errors = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            double machine0 = CpuMeter.busySeconds();
            double own0 = ownCpu();
            double server0 = server.cpu().toNanos() / 1e9;
            long t0 = System.nanoTime();
            List<Future<long[]>> parts = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                parts.add(pool.submit(() -> {
                    long[] lat = new long[1024];
                    int n = 0;
                    for (int i; System.nanoTime() < deadline && (i = next.getAndIncrement()) < limit; ) {
                        HttpRequest r = request.apply(i);
                        long s = System.nanoTime();
                        HttpResponse<byte[]> resp = send(r);
                        long l = System.nanoTime() - s;
                        if (resp.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                        if (n == lat.length) {
                            lat = Arrays.copyOf(lat, n * 2);
                        }
                        lat[n++] = l;
                    }
                    return Arrays.copyOf(lat, n);
                }));
            }
            long[] all = new long[0];
            for (Future<long[]> f : parts) {
                long[] p = f.get();
                int at = all.length;
                all = Arrays.copyOf(all, at + p.length);
                System.arraycopy(p, 0, all, at, p.length);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double serverCpu = server.cpu().toNanos() / 1e9 - server0;
            double ownCpu = ownCpu() - own0;
            double machineCpu = CpuMeter.busySeconds() - machine0;
            Arrays.sort(all);
            return new Result(all, seconds, errors.get(), serverCpu, machineCpu, ownCpu);
        } finally {
            pool.shutdown();
        }
    }

    private static double ownCpu() {
        return ProcessHandle.current()
                .info()
                .totalCpuDuration()
                .map(d -> d.toNanos() / 1e9)
                .orElse(Double.NaN);
    }
}
