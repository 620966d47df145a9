package io.bams3.bench;

import io.bams3.htsget.HtsgetJson;
import io.bams3.htsget.Ticket;
import io.bams3.query.Dataset;
import io.bams3.testing.S3MockServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The htsget server under load, as a separate process on a dataset in a local S3 server (S3Mock):
 * (the first end-to-end query of each server is a warm-up and not timed)
 * ticket latency and throughput at 1, 16 and 64 concurrent clients (warm cache); streamed
 * whole-reference throughput and the server's resident memory under 64 concurrent streams; and
 * the same region queries end to end (samtools following tickets, streamed and presigned) against
 * samtools reading the source BAM + BAI from the same S3 server.
 *
 * <p>Arguments: S3MOCK_JAR BAM BAI SERVER_CLASSPATH SAMTOOLS REGIONS_PER_SIZE OUT.md
 */
public final class ServerBench {
    public static void main(String[] args) throws Exception {
        Path bam = Path.of(args[1]);
        Path bai = Path.of(args[2]);
        String serverCp = args[3];
        String samtools = args[4];
        int perSize = Integer.parseInt(args[5]);
        Path out = Path.of(args[6]);
        StringBuilder report = new StringBuilder();
        try (S3MockServer s3 = S3MockServer.start(args[0])) {
            String bucket = s3.newBucket("serverbench");
            s3.clients().client().putObject(b -> b.bucket(bucket).key("bam/source.bam"), RequestBody.fromFile(bam));
            s3.clients().client().putObject(b -> b.bucket(bucket).key("bam/source.bam.bai"), RequestBody.fromFile(bai));
            Dataset ds = BenchServer.putDataset(s3, bucket, bam);

            report.append("## htsget server (separate JVM) on S3Mock\n\n");
            report.append(String.format(
                    Locale.ROOT,
                    "Dataset: %s (%,d bytes, %,d records) converted into S3Mock. "
                            + "Clients run on the same 2-core machine as the server and S3Mock.%n%n",
                    bam.getFileName(),
                    Files.size(bam),
                    ds.metadata().records()));
            try (BenchServer server = BenchServer.start(serverCp, s3, bucket, "streamed", "1g")) {
                report.append(ticketLoad(server, ds));
                report.append(endToEnd(server, null, s3, bucket, ds, samtools, perSize));
            }
            try (BenchServer server = BenchServer.start(serverCp, s3, bucket, "streamed", "256m")) {
                report.append(streams(server, ds));
            }
            try (BenchServer server = BenchServer.start(serverCp, s3, bucket, "auto", "1g")) {
                report.append(endToEnd(server, "presigned", s3, bucket, ds, samtools, perSize));
            }
        }
        Files.writeString(out, report.toString());
        System.out.print(report);
    }

    /** Ticket requests for random 10 kb regions, warm cache, for a fixed time per concurrency. */
    private static String ticketLoad(BenchServer server, Dataset ds) throws Exception {
        MarkdownTable t =
                new MarkdownTable("concurrent clients", "tickets", "requests/s", "p50 (ms)", "p99 (ms)", "errors");
        List<String> urls = TicketLoad.tenKbTickets(server, ds, 200, 5);
        for (String u : urls) {
            get(u); // warm: dataset, chunk tables and block indexes cached
        }
        for (int clients : new int[] {1, 16, 64}) {
            TicketLoad.Result r = TicketLoad.forDuration(
                    clients,
                    Duration.ofSeconds(8),
                    server,
                    i -> HttpRequest.newBuilder(URI.create(urls.get(i % urls.size())))
                            .build());
            t.row(
                    clients,
                    r.requests(),
                    fmt("%.0f", r.perSecond()),
                    fmt("%.1f", r.p50Ms()),
                    fmt("%.1f", r.p99Ms()),
                    r.errors());
        }
        return "### Tickets (random 10 kb regions, warm cache, 8 s per row)\n\n" + t + "\n";
    }

    /** 64 concurrent streams of the smallest reference through the data endpoint. */
    private static String streams(BenchServer server, Dataset ds) throws Exception {
        int ref = 0;
        for (int i = 1; i < ds.header().references().size(); i++) {
            if (ds.summary(i).records() > 0
                    && ds.summary(i).records() < ds.summary(ref).records()) {
                ref = i;
            }
        }
        String name = ds.header().references().get(ref).name();
        Ticket ticket = HtsgetJson.parseTicket(
                get(server.base + "/reads/source?referenceName=" + name).body());
        String dataUrl = ticket.urls().stream()
                .filter(u -> !u.inline())
                .findFirst()
                .orElseThrow()
                .url();
        MarkdownTable t = new MarkdownTable(
                "concurrent streams",
                "reference",
                "records each",
                "MB each",
                "wall (s)",
                "aggregate MB/s",
                "per-stream MB/s",
                "server peak RSS (MB)",
                "server RSS before (MB)");
        for (int streams : new int[] {1, 64}) {
            long rssBefore = server.rssKb();
            server.resetPeak();
            ExecutorService pool = Executors.newFixedThreadPool(streams);
            long t0 = System.nanoTime();
            List<Future<Long>> parts = new ArrayList<>();
            for (int i = 0; i < streams; i++) {
                parts.add(pool.submit(() -> drain(dataUrl)));
            }
            long bytes = 0;
            long each = 0;
            while (true) {
                server.sample();
                if (parts.stream().allMatch(Future::isDone)) {
                    break;
                }
                Thread.sleep(100);
            }
            for (Future<Long> f : parts) {
                each = f.get();
                bytes += each;
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            pool.shutdown();
            t.row(
                    streams,
                    name,
                    fmt("%,d", ds.summary(ref).records()),
                    fmt("%.1f", each / 1e6),
                    fmt("%.1f", seconds),
                    fmt("%.1f", bytes / 1e6 / seconds),
                    fmt("%.2f", each / 1e6 / seconds * streams / streams),
                    fmt("%.0f", server.peakKb / 1024.0),
                    fmt("%.0f", rssBefore / 1024.0));
        }
        return "### Streamed whole-reference BAM (data endpoint, fresh server with -Xmx256m)\n\n" + t
                + "\nWhole chunks are copied as stored (CRC-checked). Per-stream MB/s is each stream's bytes over the"
                + " wall time of the row. RSS is sampled every 100 ms from /proc.\n\n";
    }

    /** samtools view -c on ticket URLs vs on the source BAM in the same S3 server. */
    private static String endToEnd(
            BenchServer server, String label, S3MockServer s3, String bucket, Dataset ds, String samtools, int perSize)
            throws Exception {
        boolean presigned = label != null;
        MarkdownTable t = new MarkdownTable(
                "region",
                "n",
                "records (samtools on BAM)",
                presigned ? "records via presigned ticket" : "records via ticket",
                "htsget (ms)",
                "samtools S3 (ms)",
                "htsget / samtools");
        Random rnd = new Random(23);
        int[] lengths = {10_000, 100_000, 1_000_000};
        String[] names = {"10 kb", "100 kb", "1 Mb"};
        S3QueryBench.commandCount(
                List.of(
                        samtools,
                        "view",
                        "-c",
                        server.base + "/reads/source?" + TicketLoad.regionQuery(ds, new Random(1), 10_000)),
                null);
        for (int s = 0; s < lengths.length; s++) {
            long recOurs = 0;
            long recSam = 0;
            double tOurs = 0;
            double tSam = 0;
            for (int i = 0; i < perSize; i++) {
                String q = TicketLoad.regionQuery(ds, rnd, lengths[s]);
                String[] p = q.split("[=&]");
                String region = p[1] + ":" + (Long.parseLong(p[3]) + 1) + "-" + p[5];
                long t0 = System.nanoTime();
                recOurs += S3QueryBench.commandCount(
                        List.of(samtools, "view", "-c", server.base + "/reads/source?" + q), null);
                tOurs += (System.nanoTime() - t0) / 1e6;
                t0 = System.nanoTime();
                recSam += S3QueryBench.commandCount(
                        List.of(samtools, "view", "-c", "s3+http://" + bucket + "/bam/source.bam", region),
                        s3.endpoint());
                tSam += (System.nanoTime() - t0) / 1e6;
            }
            if (!presigned && recOurs != recSam) {
                throw new IllegalStateException(
                        "record counts differ at " + names[s] + ": " + recOurs + " vs " + recSam);
            }
            t.row(
                    names[s],
                    perSize,
                    fmt("%,d", recSam),
                    fmt("%,d", recOurs),
                    fmt("%.0f", tOurs / perSize),
                    fmt("%.0f", tSam / perSize),
                    fmt("%.2fx", tOurs / tSam));
        }
        return "### End to end, " + (presigned ? "presigned tickets (auto mode)" : "streamed tickets")
                + ": `samtools view -c` on the ticket URL vs `samtools view -c s3+http://...source.bam REGION`\n\n" + t
                + (presigned
                        ? "\nPresigned answers hold whole BGZF blocks, so they count more records than the region has.\n\n"
                        : "\n");
    }

    private static HttpResponse<byte[]> get(String url) throws IOException, InterruptedException {
        return TicketLoad.get(url);
    }

    private static long drain(String url) throws IOException, InterruptedException {
        HttpResponse<InputStream> r = TicketLoad.HTTP.send(
                HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofInputStream());
        long n = 0;
        try (InputStream in = r.body()) {
            byte[] buf = new byte[1 << 16];
            for (int k; (k = in.read(buf)) >= 0; ) {
                n += k;
            }
        }
        if (r.statusCode() != 200) {
            throw new IllegalStateException("stream failed: " + r.statusCode());
        }
        return n;
    }

    private static String fmt(String f, Object v) {
        return String.format(Locale.ROOT, f, v);
    }
}
