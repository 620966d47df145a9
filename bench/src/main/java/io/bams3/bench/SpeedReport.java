package io.bams3.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/** The speed benchmark's results as Markdown: what was measured, what was cold, and the figures. */
final class SpeedReport {
    private final Environment environment;
    private final String loadAtStart;
    private final Path bam;
    private final Duration latency;
    private final int perSize;
    private final int warmRuns;
    private final long seed;

    List<SpeedBench.Conversion> conversions = List.of();
    SpeedRegion probe;
    /** Whether htslib left the BAI it downloaded in the kept-index directory. */
    boolean indexKept;
    /** {@code bams3 --version} runs, then {@code bams3 view -c} runs on the local dataset. */
    List<List<SpeedBench.Timed>> startup = List.of();

    final List<SpeedBench.FirstTicket> firstTickets = new ArrayList<>();
    /** Per region size (then the whole reference), one run per region. */
    final List<List<SpeedBench.RegionRun>> sizes = new ArrayList<>();

    double seconds;
    String loadAtEnd;

    SpeedReport(
            Environment environment,
            String loadAtStart,
            Path bam,
            Duration latency,
            int perSize,
            int warmRuns,
            long seed) {
        this.environment = environment;
        this.loadAtStart = loadAtStart;
        this.bam = bam;
        this.latency = latency;
        this.perSize = perSize;
        this.warmRuns = warmRuns;
        this.seed = seed;
    }

    String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("## Speed with S3-like latency (part speed)\n\n");
        sb.append(environment.markdown()).append('\n');
        sb.append(fmt(
                "Load average at start: %s; at end: %s. The part took %.0f s (S3Mock's start to the last query).%n%n",
                loadAtStart, loadAtEnd, seconds));
        sb.append(fmt(
                "Source: %s with its BAI, and the dataset `bams3 convert` wrote from it, in one S3Mock bucket. "
                        + "Every S3 response (any request: listing, HEAD, ranged GET, upload part) is held back %d ms "
                        + "by a proxy in front of S3Mock before it is forwarded, a stand-in for S3's first-byte "
                        + "latency; the htsget servers, the CLI and samtools all reach S3 through that proxy only "
                        + "(presigned URLs name it too). Regions: %d per size, seeded (%d), drawn inside the deeply "
                        + "covered islands; the whole reference is the same %d times. Times are wall seconds of the "
                        + "client process, from its start to its exit; medians.%n%n",
                bam.getFileName(), latency.toMillis(), perSize, seed, perSize));
        sb.append("### Region queries: `view -c`, median wall time\n\n");
        sb.append(regionTable()).append('\n');
        sb.append("### S3 requests per query (median, counted by the proxy)\n\n");
        sb.append(requestTable()).append('\n');
        sb.append(cold());
        sb.append("### Every region (wall s)\n\n");
        sb.append(everyRegionTable()).append('\n');
        sb.append(fmt("### First ticket of a fresh server against the same ticket warm (%s)%n%n", probe.samtools()));
        sb.append(firstTable()).append('\n');
        sb.append(fmt(
                "Start to ready: from starting the server's JVM until its readiness probe answered 200. First: "
                        + "`samtools view -c` on the ticket URL sent right after that (ticket and data); warm: the same "
                        + "command %d more times.%n%n",
                warmRuns));
        sb.append("### CLI start-up (local dataset, no S3)\n\n");
        sb.append(startupTable()).append('\n');
        sb.append("### Conversion of the whole BAM\n\n");
        sb.append(conversionTable()).append('\n');
        sb.append("One run each, after one untimed read of the BAM (page cache warm for all three). `samtools view "
                + "-@2 -b -o FILE` re-encodes the BAM to local disk. The S3 conversion wrote the dataset every query "
                + "above reads, through the delaying proxy.\n");
        return sb.toString();
    }

    private String regionTable() {
        MarkdownTable t = new MarkdownTable(
                "region",
                "n",
                "records",
                "presigned (s)",
                "streamed (s)",
                "CLI (s)",
                "samtools (s)",
                "presigned / samtools",
                "streamed / samtools",
                "CLI / samtools",
                "samtools, BAI kept (s)");
        for (int i = 0; i < sizes.size(); i++) {
            List<SpeedBench.RegionRun> runs = sizes.get(i);
            double sam = median(runs, r -> r.samtools().seconds());
            double pre = median(runs, r -> r.presigned().seconds());
            double str = median(runs, r -> r.streamed().seconds());
            double cli = median(runs, r -> r.cli().seconds());
            t.row(
                    label(i),
                    runs.size(),
                    fmt("%,.0f", median(runs, r -> r.samtools().count())),
                    fmt("%.3f", pre),
                    fmt("%.3f", str),
                    fmt("%.3f", cli),
                    fmt("%.3f", sam),
                    fmt("%.2fx", pre / sam),
                    fmt("%.2fx", str / sam),
                    fmt("%.2fx", cli / sam),
                    fmt("%.3f", median(runs, r -> r.samtoolsKeptIndex().seconds())));
        }
        return t.toString();
    }

    private String requestTable() {
        MarkdownTable t = new MarkdownTable("region", "presigned", "streamed", "CLI", "samtools", "samtools, BAI kept");
        for (int i = 0; i < sizes.size(); i++) {
            List<SpeedBench.RegionRun> runs = sizes.get(i);
            t.row(
                    label(i),
                    fmt("%.0f", median(runs, r -> r.presigned().requests())),
                    fmt("%.0f", median(runs, r -> r.streamed().requests())),
                    fmt("%.0f", median(runs, r -> r.cli().requests())),
                    fmt("%.0f", median(runs, r -> r.samtools().requests())),
                    fmt("%.0f", median(runs, r -> r.samtoolsKeptIndex().requests())));
        }
        return t.toString();
    }

    private String everyRegionTable() {
        MarkdownTable t = new MarkdownTable(
                "size", "region", "records", "presigned", "streamed", "CLI", "samtools", "samtools, BAI kept");
        for (int i = 0; i < sizes.size(); i++) {
            for (SpeedBench.RegionRun r : sizes.get(i)) {
                t.row(
                        label(i),
                        r.region().samtools(),
                        fmt("%,d", r.samtools().count()),
                        fmt("%.3f", r.presigned().seconds()),
                        fmt("%.3f", r.streamed().seconds()),
                        fmt("%.3f", r.cli().seconds()),
                        fmt("%.3f", r.samtools().seconds()),
                        fmt("%.3f", r.samtoolsKeptIndex().seconds()));
            }
        }
        return t.toString();
    }

    private String label(int i) {
        if (i < SpeedBench.SIZE_NAMES.length) {
            return SpeedBench.SIZE_NAMES[i];
        }
        SpeedRegion whole = sizes.get(i).get(0).region();
        return fmt("%s whole (%.0f Mb)", whole.samtools(), whole.region().end() / 1e6);
    }

    private String cold() {
        return fmt(
                "What is cold in these rows:%n"
                        + "- **presigned**, **streamed**: `samtools view -c` (a new process) on the ticket URL of a "
                        + "server started once per mode (`--mode presigned` / `--mode streamed`, `-Xmx1g`) and used "
                        + "before only for the first-ticket rows below (%d tickets of another 100 kb region), so its "
                        + "dataset cache (metadata, header, chunk tables) is warm, as in a running service, and its JVM "
                        + "has answered those tickets and the earlier regions of this table. Cold: the client process, and the region: "
                        + "the server caches no records, so every region's chunk data is read from S3 through the "
                        + "proxy (by the server when streamed, by samtools from the presigned URLs), as are the block "
                        + "indexes of chunks no earlier query touched. The presigned answer holds whole BGZF blocks, "
                        + "a superset of the region as htsget allows; samtools filters it to the region "
                        + "(`-L` with the region as BED), so its count equals the others.%n"
                        + "- **CLI**: `bin/bams3 view -c s3://... REGION --endpoint-url PROXY`, a new JVM each: "
                        + "nothing is cached between runs (JVM start, S3 client, dataset metadata and chunk data "
                        + "every time).%n"
                        + "- **samtools**: `samtools view -c s3+http://BUCKET/bam/source.bam REGION`, a new process "
                        + "each, in an empty working directory: it fetches the BAI and the BAM header every time, "
                        + "then the region's blocks. Every command but the next column's runs in an empty directory.%n"
                        + "- **samtools, BAI kept**: the same command in a directory where htslib keeps the BAI it "
                        + "downloaded (its default for a remote BAM's index: NAME.bai in the working directory, read "
                        + "instead of the remote one from then on; downloaded by one untimed run before the table; "
                        + "%s). What a samtools user sees from the second query on in one directory.%n"
                        + "- S3Mock serves from its files on local disk (in the page cache for everyone). The presigned, "
                        + "streamed and CLI counts were checked to equal samtools' for every region (the run fails "
                        + "otherwise).%n%n",
                warmRuns + 1,
                indexKept ? "it was there" : "NOTE: it was not there after that run, so this is cold too");
    }

    private String firstTable() {
        MarkdownTable t = new MarkdownTable(
                "ticket mode",
                "server start to ready (s)",
                "first ticket + data (s)",
                fmt("warm, median of %d (s)", warmRuns),
                "first / warm",
                "S3 requests first",
                "S3 requests warm (median)");
        for (SpeedBench.FirstTicket f : firstTickets) {
            double warm = median(f.warm(), SpeedBench.Timed::seconds);
            t.row(
                    f.mode(),
                    fmt("%.1f", f.startSeconds()),
                    fmt("%.3f", f.first().seconds()),
                    fmt("%.3f", warm),
                    fmt("%.1fx", f.first().seconds() / warm),
                    f.first().requests(),
                    fmt("%.0f", median(f.warm(), SpeedBench.Timed::requests)));
        }
        return t.toString();
    }

    private String startupTable() {
        MarkdownTable t = new MarkdownTable("command", fmt("median of %d (s)", perRun(startup)), "runs (s)");
        t.row(
                "`bin/bams3 --version`",
                fmt("%.3f", median(startup.get(0), SpeedBench.Timed::seconds)),
                runs(startup.get(0)));
        t.row(
                fmt("`bin/bams3 view -c LOCAL.bams3 %s`", probe.samtools()),
                fmt("%.3f", median(startup.get(1), SpeedBench.Timed::seconds)),
                runs(startup.get(1)));
        return t.toString();
    }

    private String conversionTable() {
        MarkdownTable t = new MarkdownTable("command", "wall (s)", "/ samtools", "S3 requests");
        double sam = conversions.get(0).timed().seconds();
        for (SpeedBench.Conversion c : conversions) {
            t.row(
                    c.what(),
                    fmt("%.1f", c.timed().seconds()),
                    fmt("%.2fx", c.timed().seconds() / sam),
                    c.timed().requests());
        }
        return t.toString();
    }

    private static int perRun(List<List<SpeedBench.Timed>> runs) {
        return runs.get(0).size();
    }

    private static String runs(List<SpeedBench.Timed> runs) {
        Function<SpeedBench.Timed, String> f = r -> fmt("%.2f", r.seconds());
        return runs.stream().map(f).collect(Collectors.joining(", "));
    }

    private static <T> double median(List<T> values, ToDoubleFunction<T> f) {
        return new Samples(values.stream().mapToDouble(f).toArray()).median();
    }

    private static String fmt(String f, Object... args) {
        return String.format(Locale.ROOT, f, args);
    }
}
