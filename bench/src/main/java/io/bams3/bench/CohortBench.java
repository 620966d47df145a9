package io.bams3.bench;

import io.bams3.cohort.CohortObject;
import io.bams3.format.CohortManifest;
import io.bams3.query.Dataset;
import io.bams3.store.S3Location;
import io.bams3.store.S3ObjectStore;
import io.bams3.testing.S3MockServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * One region across the members of a cohort, with every S3 response held back by a {@link
 * KeyCountingProxy} in front of S3Mock: {@code bams3 view -c COHORT REGION} (a new JVM each), the
 * cohort's htsget ticket read by {@code samtools view -c} from a running server, and the baseline,
 * one {@code samtools view -c} per member on its BAM + BAI in the same bucket, one after another
 * and {@link #PARALLEL} at a time. The bams3 counts must equal the sum of the per-member counts.
 * Members: {@link CohortMembers}. See {@link CohortReport} for what each row measures.
 *
 * <p>Arguments: S3MOCK_JAR BASE_BAM MEMBER_DIR SERVER_CLASSPATH SAMTOOLS BAMS3_LAUNCHER JAR
 * LATENCY_MS "MEMBER COUNTS" "WAYS" SEED FRACTION OUT.md; WAYS: a list of {@code cli htsget samtools}.
 */
public final class CohortBench {
    static final String[] SIZE_NAMES = {"1 kb", "100 kb", "1 Mb"};
    private static final int[] SIZES = {1_000, 100_000, 1_000_000};
    static final int PARALLEL = 8;

    /** One way of answering: wall seconds, the count, S3 requests and bytes through the proxy, peak RSS (KiB, -1: none). */
    record Way(double seconds, long count, long requests, long bytes, long rssKb) {}

    /** A way whose process failed (its count is not compared). */
    static final Way FAILED = new Way(Double.NaN, -1, -1, -1, -1);

    /** One region over one cohort; a way not run is null. */
    record Cell(int members, int size, SpeedRegion region, Way cli, Way htsget, Way sequential, Way parallel) {}

    /** The server's first ticket of a cohort (member metadata cold), untimed in the rows. */
    record FirstTicket(int members, Way way) {}

    private final KeyCountingProxy proxy;
    private final String bucket;
    private final String samtools;
    private final String bams3;
    private final Path scratch;
    private final CommandRunner runner;

    private CohortBench(
            KeyCountingProxy proxy, String bucket, String samtools, String bams3, Path scratch, CommandRunner runner) {
        this.proxy = proxy;
        this.bucket = bucket;
        this.samtools = samtools;
        this.bams3 = bams3;
        this.scratch = scratch;
        this.runner = runner;
    }

    public static void main(String[] args) throws Exception {
        String s3mockJar = args[0];
        Path base = Path.of(args[1]);
        Path memberDir = Path.of(args[2]);
        String serverCp = args[3];
        String samtools = args[4];
        Path launcher = Path.of(args[5]).toAbsolutePath();
        Path jar = Path.of(args[6]);
        Duration latency = Duration.ofMillis(Long.parseLong(args[7]));
        int[] counts = Arrays.stream(args[8].trim().split("\\s+"))
                .mapToInt(Integer::parseInt)
                .sorted()
                .toArray();
        Set<String> ways = Set.of(args[9].trim().split("\\s+"));
        long seed = Long.parseLong(args[10]);
        String fraction = args[11];
        Path out = Path.of(args[12]);

        // bin/bams3 runs target/bams3.jar: it must be the snapshot the rest of the run measures
        Path launched = launcher.getParent().getParent().resolve("target/bams3.jar");
        if (ways.contains("cli") && Files.mismatch(launched, jar) != -1) {
            throw new IllegalStateException(launched + " differs from " + jar + " (rebuilt since the run started?)");
        }
        Path scratch = out.toAbsolutePath().getParent().resolve("cohort");
        new DatasetDirectory(scratch).delete();
        Files.createDirectories(scratch);
        CommandRunner runner = new CommandRunner(scratch.resolve("logs"));
        CohortReport report = new CohortReport(
                Environment.probe(runner, samtools, jar), LoadAverage.now(), latency, ways, seed, fraction);

        int max = counts[counts.length - 1];
        long t0 = System.nanoTime();
        List<Path> bams = CohortMembers.prepare(base, memberDir, max, fraction, samtools, runner);
        report.membersSeconds = (System.nanoTime() - t0) / 1e9;
        report.bamBytes = bams.stream().mapToLong(CohortBench::size).sum();
        System.err.printf(Locale.ROOT, "[cohort] %d member BAMs ready (%.0f s)%n", bams.size(), report.membersSeconds);

        try (S3MockServer s3 = S3MockServer.start(s3mockJar);
                KeyCountingProxy proxy = new KeyCountingProxy(s3.endpoint(), latency)) {
            String bucket = s3.newBucket("cohortbench");
            long t1 = System.nanoTime();
            Dataset first = null;
            for (int i = 0; i < bams.size(); i++) {
                Path bam = bams.get(i);
                String name = CohortMembers.name(i);
                s3.clients()
                        .client()
                        .putObject(b -> b.bucket(bucket).key("bam/" + name + ".bam"), RequestBody.fromFile(bam));
                s3.clients()
                        .client()
                        .putObject(
                                b -> b.bucket(bucket).key("bam/" + name + ".bam.bai"),
                                RequestBody.fromFile(CohortMembers.bai(bam)));
                Dataset ds = BenchServer.putDataset(s3, bucket, bam, name);
                first = first == null ? ds : first;
            }
            S3ObjectStore datasets = new S3ObjectStore(s3.clients(), new S3Location(bucket, "datasets"));
            for (int n : counts) {
                List<CohortManifest.Member> members = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    members.add(new CohortManifest.Member(CohortMembers.name(i), CohortMembers.name(i) + ".bams3"));
                }
                CohortObject.write(datasets, cohort(n) + CohortManifest.SUFFIX, new CohortManifest(members));
            }
            report.setupSeconds = (System.nanoTime() - t1) / 1e9;
            System.err.printf(
                    Locale.ROOT, "[cohort] %d datasets converted into S3Mock (%.0f s)%n", max, report.setupSeconds);

            RegionSampler sampler = new RegionSampler(CohortMembers.layout(), first.header());
            List<SpeedRegion> regions = new ArrayList<>();
            for (int size : SIZES) {
                regions.add(new SpeedRegion(sampler.sample(size, 1, seed).get(0), false));
            }
            SpeedRegion warmUp =
                    new SpeedRegion(sampler.sample(1_000, 1, seed + 1).get(0), false);

            CohortBench bench = new CohortBench(proxy, bucket, samtools, launcher.toString(), scratch, runner);
            if (ways.contains("cli")) {
                runner.run(List.of(bench.bams3, "--version")); // unpacks the jar if needed; untimed
            }
            BenchServer server = ways.contains("htsget")
                    ? BenchServer.start(serverCp, proxy.endpoint(), bucket, "streamed", "1g", List.of())
                    : null;
            ScheduledExecutorService sampler8 = Executors.newSingleThreadScheduledExecutor();
            try {
                for (int n : counts) {
                    if (server != null) {
                        report.firstTickets.add(new FirstTicket(n, bench.htsget(server, sampler8, n, warmUp)));
                    }
                    for (int s = 0; s < regions.size(); s++) {
                        Cell c = bench.cell(n, s, regions.get(s), ways, server, sampler8);
                        report.cells.add(c);
                    }
                }
            } finally {
                report.proxyRetries = proxy.upstreamRetries();
                report.parallelRetries = bench.parallelRetries.get();
                sampler8.shutdownNow();
                if (server != null) {
                    server.close();
                }
            }
        }
        report.loadAtEnd = LoadAverage.now();
        report.seconds = (System.nanoTime() - t0) / 1e9;
        Files.writeString(out, report.markdown());
        System.out.print(report.markdown());
    }

    static String cohort(int members) {
        return "cohort" + members;
    }

    private static long size(Path p) {
        try {
            return Files.size(p) + Files.size(CohortMembers.bai(p));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The ways on one region of one cohort; the bams3 counts must equal the sum of the members'. */
    private Cell cell(
            int n, int size, SpeedRegion r, Set<String> ways, BenchServer server, ScheduledExecutorService rss)
            throws Exception {
        Way seq = null;
        Way par = null;
        long[] perMember = null;
        if (ways.contains("samtools")) {
            perMember = new long[n];
            seq = samtoolsSequential(n, r, perMember);
            long[] again = new long[n];
            try {
                par = samtoolsParallel(n, r, again);
            } catch (java.util.concurrent.ExecutionException e) {
                // a baseline process that failed (see the stderr log) is reported, not a bams3 error
                System.err.println("[cohort] samtools x" + PARALLEL + " failed: "
                        + e.getCause().getMessage());
                par = FAILED;
                again = perMember;
            }
            if (!Arrays.equals(perMember, again)) {
                throw new IllegalStateException("per-member samtools counts differ between the sequential and the "
                        + "parallel run for " + r.samtools() + " over " + n + " members");
            }
        }
        Way cli = ways.contains("cli") ? cli(n, r) : null;
        Way hts = server != null ? htsget(server, rss, n, r) : null;
        if (seq != null) {
            for (Way w : Arrays.asList(cli, hts, par)) {
                if (w != null && w != FAILED && w.count() != seq.count()) {
                    throw new IllegalStateException(String.format(
                            Locale.ROOT,
                            "record counts differ for %s over %d members: sum of samtools per member %d,"
                                    + " samtools x%d %d, CLI %s, htsget %s",
                            r.samtools(),
                            n,
                            seq.count(),
                            PARALLEL,
                            par.count(),
                            cli == null ? "-" : cli.count(),
                            hts == null ? "-" : hts.count()));
                }
            }
        }
        System.err.printf(
                Locale.ROOT,
                "[cohort] %3d members %-22s %9s records  CLI %s  htsget %s  samtools seq %s  x%d %s%n",
                n,
                r.samtools(),
                seq == null ? "?" : String.valueOf(seq.count()),
                secs(cli),
                secs(hts),
                secs(seq),
                PARALLEL,
                secs(par));
        return new Cell(n, size, r, cli, hts, seq, par);
    }

    private static String secs(Way w) {
        return w == null ? "-" : String.format(Locale.ROOT, "%.2f s", w.seconds());
    }

    /** {@code bin/bams3 view -c s3://BUCKET/datasets/cohortN.cohort REGION}, a new JVM, under GNU time. */
    private Way cli(int n, SpeedRegion r) {
        List<String> cmd = List.of(
                "env",
                "AWS_ACCESS_KEY_ID=test",
                "AWS_SECRET_ACCESS_KEY=test",
                "AWS_REGION=us-east-1",
                bams3,
                "view",
                "-c",
                "s3://" + bucket + "/datasets/" + cohort(n) + CohortManifest.SUFFIX,
                r.samtools(),
                "--endpoint-url",
                proxy.endpoint().toString());
        proxy.reset();
        CommandResult res = runner.run(cmd);
        KeyCountingProxy.Counts c = proxy.counts();
        return new Way(res.seconds(), lastCount(res.stdout()), c.totalRequests(), c.totalBytes(), res.peakRssKb());
    }

    /** {@code samtools view -c} on the cohort's ticket URL; the server's peak RSS sampled meanwhile. */
    private Way htsget(BenchServer server, ScheduledExecutorService rss, int n, SpeedRegion r) throws Exception {
        List<String> cmd = List.of(samtools, "view", "-c", server.base + "/reads/" + cohort(n) + "?" + r.htsgetQuery());
        server.resetPeak();
        server.sample();
        ScheduledFuture<?> sampling = rss.scheduleAtFixedRate(
                () -> {
                    try {
                        server.sample();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                },
                20,
                20,
                TimeUnit.MILLISECONDS);
        proxy.reset();
        long t0 = System.nanoTime();
        long count;
        try {
            count = count(cmd, null, emptyDir("htsget"));
        } finally {
            sampling.cancel(false);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        KeyCountingProxy.Counts c = proxy.counts();
        server.sample();
        return new Way(seconds, count, c.totalRequests(), c.totalBytes(), server.peakKb);
    }

    /** One {@code samtools view -c} per member, one after another, in one fresh empty directory. */
    private Way samtoolsSequential(int n, SpeedRegion r, long[] perMember) throws Exception {
        Path dir = emptyDir("samtools");
        proxy.reset();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            perMember[i] = count(samtoolsView(i, r), proxy.endpoint(), dir);
        }
        return baseline(t0, perMember);
    }

    /**
     * The same commands, {@link #PARALLEL} processes at a time (as {@code xargs -P 8}), each in its
     * own emptied directory (htslib's index download into the working directory is not safe for
     * concurrent processes sharing it).
     */
    /** Parallel samtools processes that failed once and were run again. */
    final java.util.concurrent.atomic.AtomicLong parallelRetries = new java.util.concurrent.atomic.AtomicLong();

    private Way samtoolsParallel(int n, SpeedRegion r, long[] perMember) throws Exception {
        Path root = emptyDir("samtools-parallel");
        URI endpoint = proxy.endpoint();
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try {
            proxy.reset();
            long t0 = System.nanoTime();
            List<Future<Long>> runs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                List<String> cmd = samtoolsView(i, r);
                Path dir = Files.createDirectories(root.resolve(CohortMembers.name(i)));
                runs.add(pool.submit(() -> {
                    try {
                        return count(cmd, endpoint, dir);
                    } catch (IllegalStateException failed) {
                        // htslib now and then fails to fetch the BAI when several processes start at
                        // once through the proxy: run once more, counted (the time includes both)
                        parallelRetries.incrementAndGet();
                        return count(cmd, endpoint, dir);
                    }
                }));
            }
            for (int i = 0; i < n; i++) {
                perMember[i] = runs.get(i).get();
            }
            return baseline(t0, perMember);
        } finally {
            pool.shutdownNow();
        }
    }

    private Way baseline(long t0, long[] perMember) {
        double seconds = (System.nanoTime() - t0) / 1e9;
        KeyCountingProxy.Counts c = proxy.counts();
        return new Way(seconds, Arrays.stream(perMember).sum(), c.totalRequests(), c.totalBytes(), -1);
    }

    private List<String> samtoolsView(int member, SpeedRegion r) {
        return List.of(
                samtools,
                "view",
                "-c",
                "s3+http://" + bucket + "/bam/" + CohortMembers.name(member) + ".bam",
                r.samtools());
    }

    /**
     * An emptied working directory: htslib keeps a remote BAM's index it downloaded there and would
     * read that copy in a later run.
     */
    private Path emptyDir(String name) throws java.io.IOException {
        Path dir = scratch.resolve("cwd-" + name);
        new DatasetDirectory(dir).delete();
        Files.createDirectories(dir);
        return dir;
    }

    /** Runs a command printing a count, its stderr appended to the log beside {@link CommandRunner}'s. */
    private long count(List<String> cmd, URI samtoolsS3, Path dir) throws Exception {
        return lastCount(S3QueryBench.commandOutput(cmd, samtoolsS3, dir, scratch.resolve("logs/stderr.log")));
    }

    private static long lastCount(String stdout) {
        String text = stdout.strip();
        return text.isEmpty()
                ? 0
                : Long.parseLong(text.lines().reduce((a, b) -> b).orElse("0").strip());
    }
}
