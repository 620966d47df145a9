package io.bams3.cli;

import io.bams3.codec.BamHeader;
import io.bams3.codec.BamWriter;
import io.bams3.cohort.Cohort;
import io.bams3.cohort.CohortObject;
import io.bams3.cohort.CohortReader;
import io.bams3.query.BedFile;
import io.bams3.query.ChunkRead;
import io.bams3.query.Dataset;
import io.bams3.query.FetchPool;
import io.bams3.query.QueryPlanner;
import io.bams3.query.RecordConsumer;
import io.bams3.query.RecordFilter;
import io.bams3.query.RecordReader;
import io.bams3.query.Region;
import io.bams3.query.RegionIntersection;
import io.bams3.query.RegionParser;
import io.bams3.query.Subsample;
import io.bams3.store.ObjectStore;
import io.bams3.store.StoreLocator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.zip.Deflater;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "view",
        description = {
            "Print the records of a dataset, or of regions of it, as SAM (or BAM with -b).",
            "Regions use samtools syntax: 11, 11:5,015,001-5,050,000, 11:5015001, * (unplaced reads).",
            "Several regions behave as samtools view -M: each record once, in file order.",
            "-L, -q, -f, -F, -G, -s, -u, -1, -O, -c/--count, -@ mean what they mean to samtools view;"
                    + " -L with regions keeps what lies in both, as samtools does.",
            "A cohort (NAME.cohort) gives its members' records merged in coordinate order (ties: member order),"
                    + " each with its sample's read group (RG:Z), under a merged header."
        })
final class ViewCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    StoreOptions storage = new StoreOptions();

    @Parameters(index = "0", paramLabel = "DATASET|COHORT")
    String dataset;

    @Parameters(index = "1..*", paramLabel = "REGION", arity = "0..*")
    List<String> regions = new ArrayList<>();

    @Option(
            names = "--help",
            usageHelp = true,
            description = "Show this help and exit (-h includes the header, as in samtools).")
    boolean help;

    @Option(names = "-h", description = "Include the header.")
    boolean withHeader;

    @Option(names = "-H", description = "Print the header only.")
    boolean headerOnly;

    @Option(
            names = {"-c", "--count"},
            description = "Print only the number of matching records.")
    boolean count;

    @Option(
            names = {"-b", "--bam"},
            description = "Write BAM (as -O BAM).")
    boolean bam;

    @Option(
            names = {"-O", "--output-fmt"},
            paramLabel = "SAM|BAM",
            description = "Output format, SAM (default) or BAM (case-insensitive).")
    String format;

    @Option(
            names = {"-u", "--uncompressed"},
            description = "Uncompressed BAM (BGZF blocks stored at level 0); BAM unless -O SAM or -o NAME.sam.")
    boolean uncompressed;

    @Option(
            names = {"-1", "--fast"},
            description = "Fast BAM compression (deflate level 1); BAM unless -O SAM or -o NAME.sam.")
    boolean fast;

    @Option(
            names = {"-@", "--threads"},
            paramLabel = "N",
            description = "Compress BAM output on N threads, at most one per core (SAM output and -c ignore it).")
    int threads;

    @Option(
            names = {"-L", "--target-file"},
            paramLabel = "FILE.bed",
            description = "Only records overlapping the BED file's intervals (0-based, half-open);"
                    + " with regions, only where both overlap (as samtools).")
    Path targets;

    @Option(
            names = {"-q", "--min-MQ"},
            paramLabel = "INT",
            description = "Only records with mapping quality >= INT.")
    int minMapq;

    @Option(
            names = {"-f", "--require-flags"},
            paramLabel = "FLAG",
            converter = SamFlagConverter.class,
            description = "Only records with all of FLAG set (decimal, 0x hex, 0 octal or names as UNMAP,DUP).")
    List<Integer> requireAll = new ArrayList<>();

    @Option(
            names = {"-F", "--excl-flags"},
            paramLabel = "FLAG",
            converter = SamFlagConverter.class,
            description = "Only records with none of FLAG set.")
    List<Integer> excludeAny = new ArrayList<>();

    @Option(
            names = "-G",
            paramLabel = "FLAG",
            converter = SamFlagConverter.class,
            description = "Leave out records with all of FLAG set.")
    List<Integer> excludeAll = new ArrayList<>();

    @Option(
            names = "-s",
            paramLabel = "INT.FRAC",
            converter = SubsampleConverter.class,
            description = "Keep the fraction FRAC of read names, seeded by INT, choosing the reads samtools chooses.")
    Subsample subsample;

    @Option(names = "-o", paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path output;

    @Option(
            names = "--samples",
            split = ",",
            paramLabel = "SAMPLE",
            description = "For a cohort: only these samples (comma-separated), still in member order.")
    List<String> samples;

    /** Passes records on to a consumer; returns their number. */
    private interface Records {
        long read(RecordConsumer consumer) throws IOException;
    }

    @Override
    public Integer call() throws Exception {
        if (minMapq < 0 || threads < 0) {
            throw new IllegalArgumentException("-q and -@ take a number >= 0");
        }
        try (StoreLocator stores = storage.locator()) {
            if (CohortObject.isCohort(dataset)) {
                viewCohort(stores);
            } else {
                if (samples != null) {
                    throw new IllegalArgumentException(
                            "--samples applies to a cohort (NAME.cohort), not to the dataset " + dataset);
                }
                viewDataset(stores);
            }
        }
        return 0;
    }

    private void viewDataset(StoreLocator stores) throws IOException {
        try (ObjectStore store = stores.open(dataset)) {
            Dataset ds = Dataset.open(store);
            List<Region> selection = selection(ds.header());
            QueryPlanner planner = new QueryPlanner(ds);
            List<ChunkRead> plan = headerOnly || (selection != null && selection.isEmpty())
                    ? List.of()
                    : selection == null ? planner.everything() : planner.plan(selection);
            RecordReader reader = new RecordReader(ds);
            write(ds.header(), consumer -> reader.read(plan, consumer));
        }
    }

    private void viewCohort(StoreLocator stores) throws IOException {
        CohortLocation location = new CohortLocation(stores, dataset);
        try (FetchPool pool = new FetchPool(CohortLocation.PARALLELISM)) {
            Cohort cohort = location.open(location.read(), pool);
            if (samples != null) {
                cohort = cohort.select(samples);
            }
            Cohort selected = cohort;
            List<Region> selection = selection(selected.header());
            if (headerOnly || (selection != null && selection.isEmpty())) {
                write(selected.header(), consumer -> 0);
                return;
            }
            List<List<ChunkRead>> plans = selected.plan(selection == null ? List.of() : selection, pool);
            CohortReader reader = new CohortReader(selected, CohortReader.BUFFER_BYTES, pool);
            write(selected.header(), consumer -> reader.read(plans, consumer));
        }
    }

    /**
     * The regions to read: null for every record; the positional regions; or the BED file's
     * intervals, clipped to the positional regions if there are any (empty: nothing to read).
     */
    private List<Region> selection(BamHeader header) throws IOException {
        RegionParser parser = new RegionParser(header);
        List<Region> parsed = regions.stream().map(parser::parse).toList();
        if (targets == null) {
            return parsed.isEmpty() ? null : parsed;
        }
        List<Region> bed = BedFile.read(targets, header);
        return parsed.isEmpty() ? bed : RegionIntersection.of(bed, parsed);
    }

    private RecordFilter filter() {
        return new RecordFilter(minMapq, or(requireAll), or(excludeAny), or(excludeAll), subsample);
    }

    private static int or(List<Integer> flags) {
        return flags.stream().reduce(0, (a, b) -> a | b);
    }

    /** BAM or SAM, as samtools decides: -O, else -b, else -u/-1 give BAM unless the output file is NAME.sam. */
    private boolean bamOutput() {
        if (format != null) {
            String f = format.toUpperCase(Locale.ROOT);
            if (!f.equals("SAM") && !f.equals("BAM")) {
                throw new IllegalArgumentException("-O " + format + ": the output formats are SAM and BAM");
            }
            if (bam && f.equals("SAM")) {
                throw new IllegalArgumentException("-b (BAM) and -O SAM contradict each other");
            }
            return f.equals("BAM");
        }
        if (bam) {
            return true;
        }
        boolean samName = output != null && output.getFileName().toString().endsWith(".sam");
        return (uncompressed || fast) && !samName;
    }

    private int level() {
        if (uncompressed && fast) {
            throw new IllegalArgumentException("-u (uncompressed) and -1 (fast compression) contradict each other");
        }
        return uncompressed ? 0 : fast ? 1 : Deflater.DEFAULT_COMPRESSION;
    }

    private void write(BamHeader header, Records records) throws IOException {
        boolean bamOut = bamOutput();
        int level = level();
        RecordFilter filter = filter();
        try (OutputTarget target = new OutputTarget(output)) {
            OutputStream out = target.stream();
            if (count) {
                long[] n = {0};
                records.read(filter.filtering(r -> n[0]++));
                out.write((n[0] + "\n").getBytes(StandardCharsets.US_ASCII));
            } else if (bamOut) {
                BamWriter writer = new BamWriter(
                        out,
                        header,
                        level,
                        Math.min(threads, Runtime.getRuntime().availableProcessors()));
                records.read(filter.filtering(writer::write));
                writer.close();
            } else {
                if (withHeader || headerOnly) {
                    out.write(header.samText());
                }
                records.read(filter.filtering(RecordConsumer.samLines(header, out)));
            }
            target.commit();
        }
    }
}
