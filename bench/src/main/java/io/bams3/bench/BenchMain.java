package io.bams3.bench;

import io.bams3.format.DatasetLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * The benchmark run behind {@code bench/run.sh}: conversion time against samtools, storage
 * against the source BAM, bytes read per region query against the compressed size of the returned
 * records, and the index bytes of a cold query. Prints Markdown and writes it to {@code --out}.
 * Nothing here asserts on time; the only checks are that commands succeed, that region queries
 * return as many records as htsjdk's indexed query of the BAM, and that stats agree with the files.
 */
@Command(name = "BenchMain", mixinStandardHelpOptions = true, description = "BAMS3 benchmark (see docs/benchmarks.md).")
public final class BenchMain implements Callable<Integer> {
    @Option(names = "--jar", defaultValue = "target/bams3.jar", description = "The CLI jar.")
    Path jar;

    @Option(names = "--work", defaultValue = "bench/work", description = "Scratch directory for datasets and logs.")
    Path work;

    @Option(names = "--synthetic", required = true, description = "Synthetic BAM made by SyntheticBam.")
    Path synthetic;

    @Option(names = "--real", description = "Real BAMs to convert and measure as well (repeatable).")
    List<Path> real = new ArrayList<>();

    @Option(names = "--samtools", defaultValue = "samtools")
    String samtools;

    @Option(names = "--runs", defaultValue = "3", description = "Timed runs per tool and input (median reported).")
    int runs;

    @Option(names = "--threads", defaultValue = "2", description = "Threads for bams3 convert and samtools view.")
    int threads;

    @Option(names = "--regions", defaultValue = "50", description = "Random regions per size.")
    int regions;

    @Option(names = "--sizes", split = ",", defaultValue = "1000,10000,100000,1000000")
    List<Integer> sizes;

    @Option(names = "--seed", defaultValue = "7", description = "Seed of the region sampler.")
    long seed;

    @Option(names = "--small-chunk", defaultValue = "1M", description = "The small chunk target to compare with 16M.")
    String smallChunk;

    @Option(names = "--heap-limit", defaultValue = "256m", description = "-Xmx for the bounded-memory conversion.")
    String heapLimit;

    @Option(names = "--query-threads", defaultValue = "2", description = "Regions measured in parallel.")
    int queryThreads;

    @Option(names = "--out", description = "Markdown report (default: <work>/results.md).")
    Path out;

    private final StringBuilder report = new StringBuilder();
    private CommandRunner runner;
    private Bams3Cli cli;
    private ConversionBench conversion;
    private List<Path> inputs;
    /** Per input: the dataset with default settings (bgzf, 16M), and the zstd one. */
    private final Map<Path, DatasetDirectory> bgzfDatasets = new LinkedHashMap<>();

    private final Map<Path, DatasetDirectory> zstdDatasets = new LinkedHashMap<>();

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        runner = new CommandRunner(work.resolve("logs"));
        cli = new Bams3Cli(jar, runner);
        conversion = new ConversionBench(cli, samtools, threads);
        inputs = new ArrayList<>();
        inputs.add(synthetic);
        inputs.addAll(real);

        section("Environment");
        report.append(Environment.probe(runner, samtools, jar).markdown());
        List<ConversionBench.Timing> timings = timeConversions();
        section("Inputs");
        report.append(inputsTable());
        section("Conversion wall time");
        report.append(timingTable(timings));
        report.append(startupLine());
        report.append(boundedConversion());
        DatasetDirectory small = dataset(synthetic, "bgzf-" + smallChunk);
        List<StorageFigures> storage = otherConversions(small);
        section("Storage");
        report.append(storageTable(storage));

        progress("region queries (" + regions + " per size)");
        List<ByteRatioBench.Target> targets = List.of(
                new ByteRatioBench.Target("bgzf, 16M chunks", bgzfDatasets.get(synthetic)),
                new ByteRatioBench.Target("bgzf, " + smallChunk + " chunks", small),
                new ByteRatioBench.Target("zstd, 16M chunks", zstdDatasets.get(synthetic)));
        List<RegionSummary> summaries = new ByteRatioBench(SyntheticLayout.standard(), queryThreads)
                .run(synthetic, targets, sizes, regions, seed);
        section("Bytes read per region query (synthetic BAM)");
        report.append(ratioTable(summaries));
        section("Cold single-region query: metadata and index bytes (synthetic BAM)");
        report.append(coldTable(summaries));
        section("Extrapolation to a 100 GB 30x genome");
        report.append(extrapolation().markdown(16L << 20, 1L << 20));

        String text = report.toString();
        System.out.print(text);
        Path target = out != null ? out : work.resolve("results.md");
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.writeString(target, text);
        progress("wrote " + target);
        return 0;
    }

    /** The timed comparison; leaves each input's default dataset in place. */
    private List<ConversionBench.Timing> timeConversions() throws IOException {
        progress("conversion timing (" + runs + " runs per tool and input)");
        List<ConversionBench.Timing> timings = new ArrayList<>();
        for (Path bam : inputs) {
            DatasetDirectory dir = dataset(bam, "bgzf-16M");
            progress("  " + bam.getFileName());
            timings.add(conversion.measure(bam, dir, runs));
            bgzfDatasets.put(bam, dir);
        }
        return timings;
    }

    private String startupLine() {
        double[] startup = new double[runs];
        for (int i = 0; i < runs; i++) {
            startup[i] = runner.run(cli.version()).seconds();
        }
        return String.format(
                Locale.ROOT,
                "%nJVM start + CLI parse alone (`bams3 --version`), median of %d: %.2f s.%n",
                runs,
                new Samples(startup).median());
    }

    private String boundedConversion() {
        progress("bounded-heap conversion (-Xmx" + heapLimit + ")");
        DatasetDirectory dir = dataset(synthetic, "bounded");
        ConversionBench.BoundedRun b = conversion.convertBounded(synthetic, dir, heapLimit);
        dir.delete();
        return String.format(
                Locale.ROOT,
                "%nConverting %s with `-Xmx%s --threads %d`: %s, %.1f s (other CPU "
                        + "meanwhile %s s), peak RSS %s.%n",
                synthetic.getFileName(),
                b.maxHeap(),
                threads,
                b.succeeded() ? "succeeded" : "FAILED (exit " + b.exitCode() + ")",
                b.seconds(),
                f2(b.otherCpu()),
                b.peakRssKb() < 0 ? "not measured" : String.format(Locale.ROOT, "%,d KiB", b.peakRssKb()));
    }

    /** zstd for every input and the small chunk target for the synthetic BAM; storage of all datasets. */
    private List<StorageFigures> otherConversions(DatasetDirectory small) throws IOException {
        progress("other codecs and chunk sizes");
        List<StorageFigures> storage = new ArrayList<>();
        MarkdownTable single = new MarkdownTable("BAM", "settings", "wall s", "CPU s", "other CPU s meanwhile");
        for (Path bam : inputs) {
            storage.add(storageOf(bam, "16M", bgzfDatasets.get(bam)));
            DatasetDirectory zstd = dataset(bam, "zstd-16M");
            CommandResult r = conversion.convertOnce(
                    bam, zstd, Bams3Cli.Conversion.defaults(threads).withCodec("zstd"));
            single.row(bam.getFileName(), "--codec zstd", f2(r.seconds()), cpu(r), f2(r.otherCpuSeconds()));
            storage.add(storageOf(bam, "16M", zstd));
            zstdDatasets.put(bam, zstd);
        }
        CommandResult r = conversion.convertOnce(
                synthetic, small, Bams3Cli.Conversion.defaults(threads).withChunkBytes(smallChunk));
        single.row(
                synthetic.getFileName(),
                "--chunk-bytes " + smallChunk,
                f2(r.seconds()),
                cpu(r),
                f2(r.otherCpuSeconds()));
        storage.add(storageOf(synthetic, smallChunk, small));
        report.append(String.format(
                        Locale.ROOT, "%nSingle conversions with other settings (`--threads %d`):%n%n", threads))
                .append(single);
        return storage;
    }

    private DatasetDirectory dataset(Path bam, String label) {
        String stem = bam.getFileName().toString().replaceFirst("\\.bam$", "");
        return new DatasetDirectory(work.resolve("datasets").resolve(stem + "." + label + ".bams3"));
    }

    private StorageFigures storageOf(Path bam, String chunkTarget, DatasetDirectory dir) throws IOException {
        return StorageFigures.of(
                bam.getFileName().toString(), chunkTarget, Files.size(bam), cli.stats(dir.root()), dir);
    }

    private String inputsTable() throws IOException {
        MarkdownTable t = new MarkdownTable(
                "BAM",
                "bytes",
                "records",
                "references",
                "placed unmapped",
                "unplaced unmapped",
                "secondary",
                "supplementary");
        for (Path bam : inputs) {
            JsonNode s = cli.stats(bgzfDatasets.get(bam).root());
            long placedUnmapped = 0;
            for (JsonNode r : s.get("references")) {
                placedUnmapped += r.get("unmapped").asLong();
            }
            JsonNode f = s.get("flagstat");
            t.row(
                    bam.getFileName(),
                    n(Files.size(bam)),
                    n(s.get("records").asLong()),
                    s.get("references").size(),
                    n(placedUnmapped),
                    n(s.get("unplaced").get("records").asLong()),
                    n(both(f, "secondary")),
                    n(both(f, "supplementary")));
        }
        return t.toString();
    }

    private static long both(JsonNode flagstat, String field) {
        return flagstat.get("qcPassed").get(field).asLong()
                + flagstat.get("qcFailed").get(field).asLong();
    }

    private String timingTable(List<ConversionBench.Timing> timings) {
        MarkdownTable t = new MarkdownTable(
                "BAM",
                "bams3 convert (s, median)",
                "samtools view -b (s, median)",
                "wall ratio bams3 / samtools",
                "bams3 runs (s)",
                "samtools runs (s)",
                "CPU s, bams3 / samtools (median)",
                "CPU ratio",
                "other CPU s during runs");
        for (ConversionBench.Timing x : timings) {
            t.row(
                    x.input(),
                    f2(x.bams3().median()),
                    f2(x.samtools().median()),
                    f2(x.ratio()) + "x",
                    list(x.bams3()),
                    list(x.samtools()),
                    x.hasCpu()
                            ? f2(x.bams3Cpu().median()) + " / "
                                    + f2(x.samtoolsCpu().median())
                            : "-",
                    x.hasCpu() ? f2(x.cpuRatio()) + "x" : "-",
                    f2(x.otherCpu()));
        }
        return String.format(
                        Locale.ROOT,
                        "`java -jar %s convert IN.bam OUT.bams3 --threads %d` against "
                                + "`%s view -@%d -b -o /dev/null IN.bam`, alternating, %d runs each, warm page cache. CPU = user + "
                                + "system seconds of the command (GNU time). \"Other CPU\" = CPU the rest of the machine used during "
                                + "the runs (/proc/stat minus the commands): near 0 means the timings were not disturbed.%n%n",
                        jar,
                        threads,
                        samtools,
                        threads,
                        runs)
                + t;
    }

    private static String storageTable(List<StorageFigures> rows) {
        MarkdownTable t = new MarkdownTable(
                "BAM",
                "codec",
                "chunk target",
                "chunks",
                "source BAM bytes",
                "chunk bytes (stats)",
                "chunks / BAM",
                "all dataset files",
                "all files / BAM");
        for (StorageFigures s : rows) {
            if (s.statsBytes() != s.chunkFileBytes()) {
                throw new IllegalStateException("stats bytes " + s.statsBytes() + " differ from data/ files "
                        + s.chunkFileBytes() + " for " + s.input());
            }
            t.row(
                    s.input(),
                    s.codec(),
                    s.chunkTarget(),
                    s.chunks(),
                    n(s.sourceBytes()),
                    n(s.statsBytes()),
                    f3(s.chunkRatio()) + "x",
                    n(s.totalBytes()),
                    f3(s.totalRatio()) + "x");
        }
        return t.toString();
    }

    private String ratioTable(List<RegionSummary> summaries) {
        MarkdownTable t = new MarkdownTable(
                "region",
                "read from",
                "regions",
                "mean records",
                "mean BGZF bytes of records",
                "mean ratio",
                "max ratio",
                "reached by a spliced read",
                "mean / max ratio, others",
                "mean data GETs");
        int lastSize = -1;
        for (RegionSummary s : summaries) {
            List<RegionMeasurement> others = s.notReachedByLongSpan();
            if (s.size() != lastSize) {
                lastSize = s.size();
                t.row(
                        size(s.size()),
                        "source BAM via .bai",
                        s.count(),
                        n(Math.round(s.meanRecords())),
                        n(Math.round(s.meanRecordBytes())),
                        f2(s.meanBaiRatio()) + "x",
                        f2(s.maxBaiRatio()) + "x",
                        s.reachedByLongSpan().size(),
                        meanMax(others, RegionMeasurement::baiRatio),
                        "-");
            }
            t.row(
                    size(s.size()),
                    s.dataset(),
                    s.count(),
                    n(Math.round(s.meanRecords())),
                    n(Math.round(s.meanRecordBytes())),
                    f2(s.meanRatio()) + "x",
                    f2(s.maxRatio()) + "x",
                    s.reachedByLongSpan().size(),
                    meanMax(others, RegionMeasurement::ratio),
                    f2(s.meanDataRequests()));
        }
        return "Ratio = bytes fetched from `data/` objects / BGZF size of the returned records alone "
                + "(written with `BamWriter`, header and EOF blocks subtracted). The denominator is BGZF for every "
                + "row, zstd included. \"source BAM via .bai\": the BGZF blocks of the source BAM that a "
                + "BAI-driven reader decodes for the same query (htsjdk's chunks for the region, read in file order "
                + "up to the first record past it; no read-ahead buffer counted), the same denominator. A region "
                + "is \"reached by a spliced read\" when a returned record starts more than "
                + RegionSummary.LONG_LEAD + " bases before it.\n\n" + t;
    }

    private static String meanMax(List<RegionMeasurement> ms, ToDoubleFunction<RegionMeasurement> f) {
        return ms.isEmpty() ? "-" : f2(RegionSummary.mean(ms, f)) + "x / " + f2(RegionSummary.max(ms, f)) + "x";
    }

    private String coldTable(List<RegionSummary> summaries) throws IOException {
        MarkdownTable t = new MarkdownTable(
                "dataset",
                "region",
                "max metadata bytes",
                "max index bytes",
                "max metadata + index",
                "header bytes (separate)");
        for (RegionSummary s : summaries) {
            t.row(
                    s.dataset(),
                    size(s.size()),
                    n(s.maxMetadata()),
                    n(s.maxIndex()),
                    n(s.maxMetadataPlusIndex()),
                    n(s.maxHeader()));
        }
        return "Each query opens the dataset afresh: `" + DatasetLayout.METADATA + "`, `" + DatasetLayout.HEADER
                + "`, the reference's chunk table and the block index of every partly read chunk are fetched.\n\n" + t
                + String.format(
                        Locale.ROOT,
                        "%nFor comparison, the source BAM's index (%s) is %,d bytes; "
                                + "htslib and htsjdk load it whole before the first query.%n",
                        BaiBaseline.indexOf(synthetic).getFileName(),
                        Files.size(BaiBaseline.indexOf(synthetic)));
    }

    /** Slope of metadata size per reference from the synthetic dataset and the real one with most references. */
    private IndexExtrapolation extrapolation() throws IOException {
        DatasetDirectory few = bgzfDatasets.get(synthetic);
        DatasetDirectory many = few;
        int fewRefs = cli.stats(few.root()).get("references").size();
        int manyRefs = fewRefs;
        for (Path bam : inputs) {
            int refs = cli.stats(bgzfDatasets.get(bam).root()).get("references").size();
            if (refs > manyRefs) {
                many = bgzfDatasets.get(bam);
                manyRefs = refs;
            }
        }
        if (manyRefs == fewRefs) {
            throw new IllegalStateException("need a real BAM with more references than the synthetic one");
        }
        return new IndexExtrapolation(
                DatasetProfile.of(few).meanUnitBytes(), fewRefs, metadataSize(few), manyRefs, metadataSize(many));
    }

    private static long metadataSize(DatasetDirectory d) throws IOException {
        return Files.size(d.root().resolve(DatasetLayout.METADATA));
    }

    private void section(String title) {
        report.append("\n## ").append(title).append("\n\n");
    }

    private static void progress(String message) {
        System.err.println("[bench] " + message);
    }

    private static String size(int bases) {
        return bases >= 1_000_000 ? bases / 1_000_000 + " Mb" : bases >= 1_000 ? bases / 1_000 + " kb" : bases + " b";
    }

    private static String list(Samples s) {
        StringBuilder sb = new StringBuilder();
        for (double v : s.values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(f2(v));
        }
        return sb.toString();
    }

    private static String cpu(CommandResult r) {
        return r.cpuSeconds() < 0 ? "-" : f2(r.cpuSeconds());
    }

    private static String n(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    private static String f2(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String f3(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
