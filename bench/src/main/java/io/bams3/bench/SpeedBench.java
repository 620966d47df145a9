package io.bams3.bench;

import io.bams3.query.Dataset;
import io.bams3.query.Region;
import io.bams3.store.S3Location;
import io.bams3.store.S3ObjectStore;
import io.bams3.testing.S3MockServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Wall time of region queries when every S3 response waits a fixed first-byte latency: a {@link
 * KeyCountingProxy} holding each response back sits in front of S3Mock, and everything that reads
 * S3 goes through it: the htsget servers (their own reads and the presigned URLs they hand out),
 * the CLI, and samtools reading the source BAM + BAI ({@code s3+http://}). Also the first ticket
 * of a freshly started server against the same ticket warm, the CLI's start-up, and conversion to
 * local disk and to S3 against samtools re-encoding the BAM. See {@link SpeedReport} for what is
 * cold in each measurement.
 *
 * <p>Arguments: S3MOCK_JAR BAM BAI SERVER_CLASSPATH SAMTOOLS BAMS3_LAUNCHER JAR LATENCY_MS
 * REGIONS_PER_SIZE WARM_RUNS SEED OUT.md
 */
public final class SpeedBench {
    static final String[] SIZE_NAMES = {"1 kb", "10 kb", "100 kb", "1 Mb"};
    private static final int[] SIZES = {1_000, 10_000, 100_000, 1_000_000};

    /** One timed command: wall seconds, the count it printed (-1 if none), requests through the proxy. */
    record Timed(double seconds, long count, long requests) {}

    /**
     * The four ways of answering one region, and samtools' count the others must equal; {@code
     * samtoolsKeptIndex}: samtools again, in a directory where htslib kept the BAI it downloaded.
     */
    record RegionRun(
            SpeedRegion region, Timed presigned, Timed streamed, Timed cli, Timed samtools, Timed samtoolsKeptIndex) {}

    /** A server's first ticket after it said ready, the same ticket warm, and its start-up time. */
    record FirstTicket(String mode, double startSeconds, Timed first, List<Timed> warm) {}

    /** One conversion or re-encoding of the source BAM. */
    record Conversion(String what, Timed timed) {}

    private final KeyCountingProxy proxy;
    private final String bucket;
    private final String samtools;
    private final String bams3;
    private final Path scratch;

    private SpeedBench(KeyCountingProxy proxy, String bucket, String samtools, String bams3, Path scratch) {
        this.proxy = proxy;
        this.bucket = bucket;
        this.samtools = samtools;
        this.bams3 = bams3;
        this.scratch = scratch;
    }

    public static void main(String[] args) throws Exception {
        String s3mockJar = args[0];
        Path bam = Path.of(args[1]).toAbsolutePath();
        Path bai = Path.of(args[2]);
        String serverCp = args[3];
        String samtools = args[4];
        Path launcher = Path.of(args[5]).toAbsolutePath();
        Path jar = Path.of(args[6]);
        Duration latency = Duration.ofMillis(Long.parseLong(args[7]));
        int perSize = Integer.parseInt(args[8]);
        int warmRuns = Integer.parseInt(args[9]);
        long seed = Long.parseLong(args[10]);
        Path out = Path.of(args[11]);

        // bin/bams3 runs target/bams3.jar: it must be the snapshot the rest of the run measures
        Path launched = launcher.getParent().getParent().resolve("target/bams3.jar");
        if (Files.mismatch(launched, jar) != -1) {
            throw new IllegalStateException(launched + " differs from " + jar + " (rebuilt since the run started?)");
        }
        Path scratch = out.toAbsolutePath().getParent().resolve("speed");
        new DatasetDirectory(scratch).delete();
        Files.createDirectories(scratch);
        SpeedReport report = new SpeedReport(
                Environment.probe(new CommandRunner(scratch.resolve("logs")), samtools, jar),
                LoadAverage.now(),
                bam,
                latency,
                perSize,
                warmRuns,
                seed);
        long t0 = System.nanoTime();
        try (S3MockServer s3 = S3MockServer.start(s3mockJar);
                KeyCountingProxy proxy = new KeyCountingProxy(s3.endpoint(), latency)) {
            String bucket = s3.newBucket("speedbench");
            s3.clients().client().putObject(b -> b.bucket(bucket).key("bam/source.bam"), RequestBody.fromFile(bam));
            s3.clients().client().putObject(b -> b.bucket(bucket).key("bam/source.bam.bai"), RequestBody.fromFile(bai));
            SpeedBench bench = new SpeedBench(proxy, bucket, samtools, launcher.toString(), scratch);
            bench.command(List.of(bench.bams3, "--version"), null, false); // unpacks the jar if needed; untimed

            report.conversions = bench.conversions(bam);
            Dataset ds = Dataset.open(
                    new S3ObjectStore(s3.clients(), new S3Location(bucket, "datasets/" + BenchServer.ID + ".bams3")));
            List<List<SpeedRegion>> regions = regions(ds, perSize, seed);
            SpeedRegion probe = regions(ds, 1, seed + 1).get(2).get(0); // a 100 kb region not measured below
            report.probe = probe;
            report.startup = bench.startup(probe, warmRuns);
            long probeCount = bench.samtools(probe).count();
            // htslib downloads the BAI into the working directory and reads that copy from then on
            bench.samtoolsKeptIndex(probe);
            report.indexKept = Files.exists(bench.keptIndexDir().resolve("source.bam.bai"));
            try (BenchServer streamed = bench.first("streamed", serverCp, probe, probeCount, warmRuns, report);
                    BenchServer presigned = bench.first("presigned", serverCp, probe, probeCount, warmRuns, report)) {
                for (List<SpeedRegion> size : regions) {
                    List<RegionRun> runs = new ArrayList<>();
                    for (SpeedRegion r : size) {
                        runs.add(bench.region(r, streamed, presigned));
                    }
                    report.sizes.add(runs);
                }
            }
        }
        report.seconds = (System.nanoTime() - t0) / 1e9;
        report.loadAtEnd = LoadAverage.now();
        Files.writeString(out, report.markdown());
        System.out.print(report.markdown());
        new DatasetDirectory(scratch.resolve("source.bams3")).delete();
    }

    /** {@code perSize} seeded random regions of each size (inside the deeply covered islands), then the last reference whole. */
    private static List<List<SpeedRegion>> regions(Dataset ds, int perSize, long seed) {
        RegionSampler sampler = new RegionSampler(SyntheticLayout.standard(), ds.header());
        List<List<SpeedRegion>> all = new ArrayList<>();
        for (int size : SIZES) {
            all.add(sampler.sample(size, perSize, seed).stream()
                    .map(r -> new SpeedRegion(r, false))
                    .toList());
        }
        int last = ds.header().references().size() - 1;
        var ref = ds.header().references().get(last);
        SpeedRegion whole = new SpeedRegion(new Region(last, ref.name(), 0, ref.length()), true);
        all.add(Collections.nCopies(perSize, whole));
        return all;
    }

    /** samtools, the CLI, then both servers on one region; every count must equal samtools'. */
    private RegionRun region(SpeedRegion r, BenchServer streamed, BenchServer presigned) throws Exception {
        Timed sam = samtools(r);
        Timed kept = samtoolsKeptIndex(r);
        Timed cli = command(
                List.of(bams3, "view", "-c", dataset(), r.samtools(), "--endpoint-url", endpoint()), null, true);
        Timed str = ticket(streamed, r, false);
        Timed pre = ticket(presigned, r, true);
        for (Timed t : List.of(kept, cli, str, pre)) {
            if (t.count() != sam.count()) {
                throw new IllegalStateException(String.format(
                        Locale.ROOT,
                        "record counts differ for %s: samtools %d, CLI %d, streamed %d, presigned %d",
                        r.samtools(),
                        sam.count(),
                        cli.count(),
                        str.count(),
                        pre.count()));
            }
        }
        System.err.printf(
                Locale.ROOT,
                "[speed] %-22s %8d records  presigned %.3f s  streamed %.3f s  CLI %.3f s  samtools %.3f s"
                        + " (BAI kept %.3f s)%n",
                r.samtools(),
                sam.count(),
                pre.seconds(),
                str.seconds(),
                cli.seconds(),
                sam.seconds(),
                kept.seconds());
        return new RegionRun(r, pre, str, cli, sam, kept);
    }

    /** samtools on the source BAM + BAI in the bucket, through the proxy, in an empty directory. */
    private Timed samtools(SpeedRegion r) throws Exception {
        return command(samtoolsView(r), proxy.endpoint(), true);
    }

    /** {@link #samtools} in a directory that keeps the BAI htslib downloaded at its first run. */
    private Timed samtoolsKeptIndex(SpeedRegion r) throws Exception {
        return command(samtoolsView(r), proxy.endpoint(), true, keptIndexDir());
    }

    private List<String> samtoolsView(SpeedRegion r) {
        return List.of(samtools, "view", "-c", "s3+http://" + bucket + "/bam/source.bam", r.samtools());
    }

    Path keptIndexDir() {
        return scratch.resolve("kept-index");
    }

    /**
     * samtools following a ticket of {@code server}. A presigned answer holds whole BGZF blocks, a
     * superset of the region's records as htsget allows: samtools filters it to the region ({@code -L}
     * with the region as BED), as a client must. A streamed answer is counted as it is.
     */
    private Timed ticket(BenchServer server, SpeedRegion r, boolean filter) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(samtools, "view", "-c"));
        if (filter) {
            Path bed = scratch.resolve("region.bed");
            Files.writeString(bed, r.bedLine());
            cmd.addAll(List.of("-L", bed.toString()));
        }
        cmd.add(server.base + "/reads/" + BenchServer.ID + "?" + r.htsgetQuery());
        return command(cmd, null, true);
    }

    /**
     * A server started now; its first ticket (the probe region), timed from the moment it said
     * ready, then the same ticket {@code warmRuns} times.
     */
    private BenchServer first(
            String mode, String serverCp, SpeedRegion probe, long probeCount, int warmRuns, SpeedReport report)
            throws Exception {
        long t0 = System.nanoTime();
        BenchServer server = BenchServer.start(serverCp, proxy.endpoint(), bucket, mode, "1g", List.of());
        double start = (System.nanoTime() - t0) / 1e9;
        boolean filter = mode.equals("presigned");
        Timed first = ticket(server, probe, filter);
        List<Timed> warm = new ArrayList<>();
        for (int i = 0; i < warmRuns; i++) {
            warm.add(ticket(server, probe, filter));
        }
        for (Timed t : Stream.concat(Stream.of(first), warm.stream()).toList()) {
            if (t.count() != probeCount) {
                throw new IllegalStateException(mode + " ticket for " + probe.samtools() + ": " + t.count()
                        + " records, samtools " + probeCount);
            }
        }
        report.firstTickets.add(new FirstTicket(mode, start, first, warm));
        System.err.printf(
                Locale.ROOT,
                "[speed] %s server: ready after %.1f s, first ticket %.3f s, then %s s%n",
                mode,
                start,
                first.seconds(),
                warm.stream()
                        .map(t -> String.format(Locale.ROOT, "%.3f", t.seconds()))
                        .toList());
        return server;
    }

    /** {@code bams3 --version}, and {@code bams3 view -c} of the probe region on the local dataset. */
    private List<List<Timed>> startup(SpeedRegion probe, int runs) throws Exception {
        List<Timed> version = new ArrayList<>();
        List<Timed> view = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            version.add(command(List.of(bams3, "--version"), null, false));
            view.add(command(
                    List.of(bams3, "view", "-c", scratch.resolve("source.bams3").toString(), probe.samtools()),
                    null,
                    true));
        }
        return List.of(version, view);
    }

    /**
     * samtools re-encoding the BAM to local disk, {@code bams3 convert} to local disk, and to the
     * bucket through the proxy (the dataset the rest of the run queries). After one untimed read of
     * the BAM, so all three start from the page cache.
     */
    private List<Conversion> conversions(Path bam) throws Exception {
        try (InputStream in = Files.newInputStream(bam)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        Path reencoded = scratch.resolve("reencoded.bam");
        List<Conversion> c = new ArrayList<>();
        c.add(new Conversion(
                "`samtools view -@2 -b -o` local file",
                command(
                        List.of(samtools, "view", "-@2", "-b", "-o", reencoded.toString(), bam.toString()),
                        null,
                        false)));
        Files.delete(reencoded);
        c.add(new Conversion(
                "`bams3 convert --threads 2` to local disk",
                command(
                        List.of(
                                bams3,
                                "convert",
                                bam.toString(),
                                scratch.resolve("source.bams3").toString(),
                                "--threads",
                                "2"),
                        null,
                        false)));
        c.add(new Conversion(
                "`bams3 convert --threads 2` to S3 (through the proxy)",
                command(
                        List.of(
                                bams3,
                                "convert",
                                bam.toString(),
                                dataset(),
                                "--threads",
                                "2",
                                "--endpoint-url",
                                endpoint()),
                        null,
                        false)));
        return c;
    }

    private String dataset() {
        return "s3://" + bucket + "/datasets/" + BenchServer.ID + ".bams3";
    }

    private String endpoint() {
        return proxy.endpoint().toString();
    }

    /**
     * Runs and times a command (a new process) in an empty working directory, so nothing a command
     * left there (htslib's downloaded index) serves a later one; {@code count}: it prints a record
     * count last.
     */
    private Timed command(List<String> cmd, URI samtoolsS3, boolean count) throws Exception {
        Path dir = scratch.resolve("cwd");
        new DatasetDirectory(dir).delete();
        return command(cmd, samtoolsS3, count, dir);
    }

    private Timed command(List<String> cmd, URI samtoolsS3, boolean count, Path dir) throws Exception {
        Files.createDirectories(dir);
        proxy.reset();
        long t0 = System.nanoTime();
        long n = count ? S3QueryBench.commandCount(cmd, samtoolsS3, dir) : -1;
        if (!count) {
            S3QueryBench.commandOutput(cmd, samtoolsS3, dir);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (!count) {
            System.err.printf(Locale.ROOT, "[speed] %.3f s: %s%n", seconds, String.join(" ", cmd));
        }
        return new Timed(seconds, n, proxy.counts().totalRequests());
    }
}
