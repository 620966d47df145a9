package io.bams3.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * What {@link ScaleBench} measured, as Markdown (bench/work/results-scale.md) and as one TSV line
 * per query.
 *
 * @param generation the figures {@link ScaleBench} recorded when it generated the BAM
 * @param startup    median seconds of {@code bams3 --version} (JVM start and CLI parse)
 */
public record ScaleReport(
        Settings settings,
        Environment environment,
        Properties generation,
        Source source,
        ScaleLayout layout,
        List<Conversion> conversions,
        Run reencode,
        double uploadSeconds,
        double startup,
        List<Check> checks) {

    /** How the run was set up. */
    public record Settings(double gb, String heap, int threads, String samtools, long regionSeed) {}

    /**
     * The source BAM: sizes, records and references with records per {@code samtools idxstats},
     * and the records {@code bams3 stats} counted in the local dataset (-1 if it did not say).
     */
    public record Source(Path bam, long bamBytes, long baiBytes, long records, long references, long datasetRecords) {}

    /**
     * Wall, CPU and peak RSS of one command (CPU and RSS -1 without GNU time), and the CPU the rest
     * of the machine used meanwhile (NaN if unknown).
     */
    public record Run(double seconds, double cpuSeconds, long peakRssKb, double otherCpu) {
        static Run of(CommandResult r) {
            return new Run(r.seconds(), r.cpuSeconds(), r.peakRssKb(), r.otherCpuSeconds());
        }
    }

    /** A conversion and what it wrote. */
    public record Conversion(String label, Run run, long objects, long bytes) {}

    /** One query and every tool's answer: samtools on the source BAM (the oracle) and the others. */
    public static final class Check {
        final ScaleLayout.Query query;
        LineDigest oracle;
        LineDigest local;
        LineDigest s3;
        KeyCountingProxy.Counts s3Counts;
        LineDigest samtoolsS3;
        KeyCountingProxy.Counts samtoolsCounts;
        final List<String> differences = new ArrayList<>();

        Check(ScaleLayout.Query query) {
            this.query = query;
        }

        boolean whole() {
            return query.kind().equals("whole reference") || query.kind().equals("unplaced");
        }

        String group() {
            if (whole()) {
                return query.kind();
            }
            return query.bases() < 10_000 ? "1-10 kb" : query.bases() < 100_000 ? "10-100 kb" : "100 kb-1 Mb";
        }
    }

    public String markdown() {
        StringBuilder r = new StringBuilder();
        r.append(String.format(
                Locale.ROOT,
                "## Scale: %s GB whole-genome-shaped BAM%n%n",
                new BigDecimal(Double.toString(settings.gb()))
                        .stripTrailingZeros()
                        .toPlainString()));
        r.append(environment.markdown());
        r.append("\n### Data\n\n").append(data());
        r.append("\n### Conversion\n\n").append(conversion());
        r.append("\n### Region queries\n\n").append(queries());
        return r.toString();
    }

    private String data() {
        Properties gen = generation;
        Map<String, String> g = generatorFields(gen.getProperty("generator", ""));
        double genSeconds = number(gen, "seconds");
        MarkdownTable t = new MarkdownTable("item", "value");
        t.row(
                "BAM",
                source.bam().getFileName() + ", " + n(source.bamBytes()) + " bytes ("
                        + fmt("%.3f", source.bamBytes() / 1e9) + " GB; asked for " + gen.getProperty("gb", "?")
                        + " GB); BAI " + n(source.baiBytes()) + " bytes");
        t.row(
                "records",
                n(source.records()) + " (samtools idxstats); fragments " + g.getOrDefault("fragments", "?")
                        + ", unplaced unmapped records " + g.getOrDefault("unplaced", "?"));
        t.row("header", layout.sequences().size() + " references (GRCh38-shaped, hs38DH names)");
        t.row(
                "references with reads",
                source.references() + ": " + ScaleLayout.WINDOWS_PER_CHROMOSOME + " windows on each of "
                        + String.join(", ", layout.names(ScaleLayout.Kind.WINDOWS)) + " (" + n(layout.windowBases())
                        + " bases in all); chrM; " + String.join(", ", layout.names(ScaleLayout.Kind.SMALL)));
        t.row(
                "depth",
                fmt("%.1f", layout.depth()) + "x over the windows and small references; chrM has "
                        + fmt("%.1f", ScaleLayout.CHRM_SHARE * 100) + "% of the fragments");
        boolean cached = Boolean.parseBoolean(gen.getProperty("cached"));
        t.row(
                "generation: ScaleBam piped into `samtools view -@" + settings.threads() + " -b`"
                        + (cached ? " (an earlier run; the BAM was cached)" : ""),
                String.format(
                        Locale.ROOT,
                        "%.1f s wall, %,.0f records/s, %.1f MB/s of BAM; CPU s: generator %s, samtools %s, rest of "
                                + "the machine meanwhile %s; peak RSS MiB: generator %s, samtools %s",
                        genSeconds,
                        source.records() / genSeconds,
                        source.bamBytes() / 1e6 / genSeconds,
                        gen.getProperty("generatorCpu", "-"),
                        gen.getProperty("compressorCpu", "-"),
                        gen.getProperty("otherCpu", "-"),
                        mib(number(gen, "generatorRssKb")),
                        mib(number(gen, "compressorRssKb"))));
        t.row(
                "`samtools index -@" + settings.threads() + "`",
                gen.getProperty("indexSeconds", "-") + " s wall, " + gen.getProperty("indexCpu", "-") + " s CPU");
        t.row(
                "generator",
                "fragments drawn again to fit a small reference " + g.getOrDefault("redrawn", "?") + ", dropped "
                        + g.getOrDefault("dropped", "?") + "; at most " + g.getOrDefault("maxQueued", "?")
                        + " records queued");
        return t.toString();
    }

    private String conversion() {
        StringBuilder r = new StringBuilder();
        r.append(String.format(
                Locale.ROOT,
                "`java -Xmx%s -jar bams3.jar convert SOURCE.bam DATASET --threads %d` in its own JVM, to a local "
                        + "directory and to S3Mock (on this machine); `%s view -@%d -b -o /dev/null SOURCE.bam` "
                        + "re-encoding the same BAM. One run each, after one untimed read of the BAM. CPU = user + "
                        + "system, peak RSS = maximum resident set (GNU time); \"other CPU\" = CPU the rest of the "
                        + "machine used meanwhile (S3Mock's share, for the S3 row).%n%n",
                settings.heap(),
                settings.threads(),
                settings.samtools(),
                settings.threads()));
        long bamBytes = source.bamBytes();
        MarkdownTable t = new MarkdownTable(
                "step",
                "wall s",
                "CPU s",
                "peak RSS MiB",
                "other CPU s",
                "objects",
                "bytes written",
                "bytes / source BAM",
                "source MB/s");
        for (Conversion c : conversions) {
            t.row(
                    c.label() + " (-Xmx" + settings.heap() + ")",
                    fmt("%.1f", c.run().seconds()),
                    cpu(c.run().cpuSeconds()),
                    mib(c.run().peakRssKb()),
                    fmt("%.1f", c.run().otherCpu()),
                    n(c.objects()),
                    n(c.bytes()),
                    fmt("%.4f", (double) c.bytes() / bamBytes) + "x",
                    fmt("%.1f", bamBytes / 1e6 / c.run().seconds()));
        }
        t.row(
                "samtools view -@" + settings.threads() + " -b (re-encode)",
                fmt("%.1f", reencode.seconds()),
                cpu(reencode.cpuSeconds()),
                mib(reencode.peakRssKb()),
                fmt("%.1f", reencode.otherCpu()),
                "-",
                "-",
                "-",
                fmt("%.1f", bamBytes / 1e6 / reencode.seconds()));
        r.append(t);
        Run local = conversions.get(0).run();
        r.append(String.format(
                Locale.ROOT,
                "%nLocal bams3 convert / samtools re-encode: wall %.2fx, CPU %s. Records per `bams3 stats`: %s (BAM: "
                        + "%s). Uploading the source BAM and BAI to S3Mock for samtools (multipart, 64 MiB parts): "
                        + "%.1f s.%n",
                local.seconds() / reencode.seconds(),
                reencode.cpuSeconds() > 0 && local.cpuSeconds() >= 0
                        ? fmt("%.2fx", local.cpuSeconds() / reencode.cpuSeconds())
                        : "-",
                source.datasetRecords() < 0 ? "not reported" : n(source.datasetRecords()),
                n(source.records()),
                uploadSeconds));
        return r.toString();
    }

    private String queries() {
        StringBuilder r = new StringBuilder();
        long random = checks.stream().filter(c -> !c.whole()).count();
        r.append(String.format(
                Locale.ROOT,
                "%d random regions (seed %d; length log-uniform from 1 kb to 1 Mb; 90%% centred in a window, 5%% on "
                        + "chrM or a small reference, 5%% anywhere on a primary chromosome), %d whole references and "
                        + "the unplaced reads (`*`). Every answer is compared with `samtools view SOURCE.bam REGION`: "
                        + "line count and SHA-256 of the SAM lines. Each query is a new process, so a cold one: "
                        + "`bams3 view DATASET REGION` on the local and on the S3 dataset, and `samtools view "
                        + "s3+http://.../source.bam REGION` (BAM + BAI in the same S3Mock; a fresh working directory "
                        + "each time, since htslib would reuse an index it downloaded there). S3 requests go through "
                        + "a proxy on loopback that counts requests and bytes per key: *planning* = every object but "
                        + "chunk data (keys ending `.chunk`) and the header (keys containing `_header`), i.e. "
                        + "metadata, chunk tables, block indexes, listings; for samtools all requests, and the bytes "
                        + "of the `.bai` apart. samtools asks for open-ended ranges and hangs up, so its bytes are "
                        + "what the proxy sent until then. JVM start + CLI parse alone (`bams3 --version`), median "
                        + "of 3: %.2f s.%n%n",
                random,
                settings.regionSeed(),
                checks.size() - random - 1,
                startup));
        MarkdownTable identity = new MarkdownTable("answer", "queries", "identical to samtools on the BAM", "differ");
        identity.row(
                "bams3 view, local dataset", checks.size(), same(c -> c.local), checks.size() - same(c -> c.local));
        identity.row("bams3 view, S3 dataset", checks.size(), same(c -> c.s3), checks.size() - same(c -> c.s3));
        identity.row(
                "samtools view, BAM + BAI on S3",
                checks.size(),
                same(c -> c.samtoolsS3),
                checks.size() - same(c -> c.samtoolsS3));
        r.append(identity);

        r.append("\nCold queries on S3, means per group (maximum in brackets):\n\n");
        MarkdownTable q = queryTable();
        for (String group : List.of("1-10 kb", "10-100 kb", "100 kb-1 Mb", "whole reference", "unplaced")) {
            List<Check> in =
                    checks.stream().filter(c -> c.group().equals(group)).toList();
            if (!in.isEmpty()) {
                queryRow(q, group, in);
            }
        }
        r.append(q);
        r.append("\nWhole references:\n\n");
        MarkdownTable whole = queryTable();
        for (Check c : checks) {
            if (c.whole()) {
                queryRow(whole, "`" + c.query.text() + "`", List.of(c));
            }
        }
        r.append(whole);
        r.append("\nPlanning objects fetched by the cold bams3 queries on S3, by name (the key's last segment, digits "
                + "as N):\n\n");
        r.append(planningTable());
        List<String> differences =
                checks.stream().flatMap(c -> c.differences.stream()).toList();
        r.append(String.format(Locale.ROOT, "%nDifferences from samtools: %d.%n", differences.size()));
        for (String d : differences.subList(0, Math.min(20, differences.size()))) {
            r.append("- ").append(d.replace("|", "\\|")).append('\n');
        }
        return r.toString();
    }

    private MarkdownTable planningTable() {
        Map<String, List<long[]>> byName = new TreeMap<>();
        for (Check c : checks) {
            c.s3Counts
                    .planning()
                    .forEach((name, rb) ->
                            byName.computeIfAbsent(name, k -> new ArrayList<>()).add(rb));
        }
        MarkdownTable t = new MarkdownTable(
                "object", "queries fetching it", "requests per such query", "KiB per such query", "max KiB");
        byName.forEach((name, list) -> t.row(
                "`" + name + "`",
                list.size() + " of " + checks.size(),
                fmt("%.2f", list.stream().mapToLong(x -> x[0]).average().orElse(Double.NaN)),
                fmt("%,.1f", list.stream().mapToLong(x -> x[1]).average().orElse(Double.NaN) / 1024),
                fmt("%,.1f", list.stream().mapToLong(x -> x[1]).max().orElse(0) / 1024.0)));
        return t;
    }

    private static MarkdownTable queryTable() {
        return new MarkdownTable(
                "regions",
                "n",
                "records",
                "bams3 planning requests",
                "bams3 planning KiB",
                "header KiB",
                "data requests",
                "data KiB",
                "samtools requests",
                "samtools BAI KiB",
                "samtools KiB",
                "bams3 view S3 ms",
                "samtools S3 ms",
                "bams3 view local ms",
                "samtools local ms");
    }

    private static void queryRow(MarkdownTable t, String label, List<Check> in) {
        t.row(
                label,
                in.size(),
                fmt("%,.0f", mean(in, c -> c.oracle.lines())),
                meanMax(in, c -> c.s3Counts.requests(KeyCountingProxy.Kind.PLANNING), "%.1f", "%.0f"),
                meanMax(in, c -> c.s3Counts.bytes(KeyCountingProxy.Kind.PLANNING) / 1024.0, "%,.1f", "%,.1f"),
                fmt("%,.1f", mean(in, c -> c.s3Counts.bytes(KeyCountingProxy.Kind.HEADER) / 1024.0)),
                fmt("%.1f", mean(in, c -> c.s3Counts.requests(KeyCountingProxy.Kind.DATA))),
                fmt("%,.0f", mean(in, c -> c.s3Counts.bytes(KeyCountingProxy.Kind.DATA) / 1024.0)),
                fmt("%.1f", mean(in, c -> c.samtoolsCounts.totalRequests())),
                fmt("%,.0f", mean(in, c -> c.samtoolsCounts.bytes(KeyCountingProxy.Kind.BAI) / 1024.0)),
                fmt("%,.0f", mean(in, c -> c.samtoolsCounts.totalBytes() / 1024.0)),
                fmt("%,.0f", mean(in, c -> c.s3.millis())),
                fmt("%,.0f", mean(in, c -> c.samtoolsS3.millis())),
                fmt("%,.0f", mean(in, c -> c.local.millis())),
                fmt("%,.0f", mean(in, c -> c.oracle.millis())));
    }

    /** Queries where the answer exited 0 and equals samtools on the BAM. */
    private long same(Function<Check, LineDigest> answer) {
        return checks.stream()
                .filter(c -> answer.apply(c).exitCode() == 0 && answer.apply(c).sameOutput(c.oracle))
                .count();
    }

    /** One line per query, every figure. */
    public void writeTsv(Path file) throws IOException {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file))) {
            w.println(String.join(
                    "\t",
                    "region",
                    "kind",
                    "bases",
                    "records",
                    "identical_local",
                    "identical_s3",
                    "identical_samtools_s3",
                    "planning_requests",
                    "planning_bytes",
                    "header_requests",
                    "header_bytes",
                    "data_requests",
                    "data_bytes",
                    "samtools_requests",
                    "samtools_bai_bytes",
                    "samtools_bytes",
                    "bams3_s3_ms",
                    "samtools_s3_ms",
                    "bams3_local_ms",
                    "samtools_local_ms"));
            for (Check c : checks) {
                w.println(String.join(
                        "\t",
                        c.query.text(),
                        c.query.kind(),
                        Long.toString(c.query.bases()),
                        Long.toString(c.oracle.lines()),
                        Boolean.toString(c.local.exitCode() == 0 && c.local.sameOutput(c.oracle)),
                        Boolean.toString(c.s3.exitCode() == 0 && c.s3.sameOutput(c.oracle)),
                        Boolean.toString(c.samtoolsS3.exitCode() == 0 && c.samtoolsS3.sameOutput(c.oracle)),
                        Long.toString(c.s3Counts.requests(KeyCountingProxy.Kind.PLANNING)),
                        Long.toString(c.s3Counts.bytes(KeyCountingProxy.Kind.PLANNING)),
                        Long.toString(c.s3Counts.requests(KeyCountingProxy.Kind.HEADER)),
                        Long.toString(c.s3Counts.bytes(KeyCountingProxy.Kind.HEADER)),
                        Long.toString(c.s3Counts.requests(KeyCountingProxy.Kind.DATA)),
                        Long.toString(c.s3Counts.bytes(KeyCountingProxy.Kind.DATA)),
                        Long.toString(c.samtoolsCounts.totalRequests()),
                        Long.toString(c.samtoolsCounts.bytes(KeyCountingProxy.Kind.BAI)),
                        Long.toString(c.samtoolsCounts.totalBytes()),
                        fmt("%.0f", c.s3.millis()),
                        fmt("%.0f", c.samtoolsS3.millis()),
                        fmt("%.0f", c.local.millis()),
                        fmt("%.0f", c.oracle.millis())));
            }
        }
    }

    /** The generator's summary line ({@code key=value ...}), integers formatted with separators. */
    private static Map<String, String> generatorFields(String line) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String f : line.split(" ")) {
            int eq = f.indexOf('=');
            if (eq > 0 && f.substring(eq + 1).matches("\\d+")) {
                out.put(f.substring(0, eq), n(Long.parseLong(f.substring(eq + 1))));
            }
        }
        return out;
    }

    private static double number(Properties p, String key) {
        try {
            return Double.parseDouble(p.getProperty(key, "NaN"));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static double mean(List<Check> in, ToDoubleFunction<Check> f) {
        return in.stream().mapToDouble(f).average().orElse(Double.NaN);
    }

    private static String meanMax(List<Check> in, ToDoubleFunction<Check> f, String meanFormat, String maxFormat) {
        double max = in.stream().mapToDouble(f).max().orElse(Double.NaN);
        return fmt(meanFormat, mean(in, f)) + (in.size() > 1 ? " (" + fmt(maxFormat, max) + ")" : "");
    }

    private static String n(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    private static String mib(double kb) {
        return Double.isNaN(kb) || kb < 0 ? "-" : String.format(Locale.ROOT, "%,.0f", kb / 1024);
    }

    private static String cpu(double s) {
        return s < 0 ? "-" : fmt("%.1f", s);
    }

    private static String fmt(String f, double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, f, v);
    }
}
