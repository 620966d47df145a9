package io.bams3.cli;

import io.bams3.codec.BamHeader;
import io.bams3.codec.BamWriter;
import io.bams3.cohort.Cohort;
import io.bams3.cohort.CohortObject;
import io.bams3.cohort.CohortReader;
import io.bams3.query.ChunkRead;
import io.bams3.query.Dataset;
import io.bams3.query.FetchPool;
import io.bams3.query.QueryPlanner;
import io.bams3.query.RecordConsumer;
import io.bams3.query.RecordReader;
import io.bams3.query.Region;
import io.bams3.query.RegionParser;
import io.bams3.store.ObjectStore;
import io.bams3.store.StoreLocator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "view",
        description = {
            "Print the records of a dataset, or of regions of it, as SAM (or BAM with -b).",
            "Regions use samtools syntax: 11, 11:5,015,001-5,050,000, 11:5015001, * (unplaced reads).",
            "Several regions behave as samtools view -M: each record once, in file order.",
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

    @Option(names = "-c", description = "Print only the number of matching records.")
    boolean count;

    @Option(names = "-b", description = "Write BAM.")
    boolean bam;

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
            List<Region> parsed = parse(ds.header());
            QueryPlanner planner = new QueryPlanner(ds);
            List<ChunkRead> plan =
                    headerOnly ? List.of() : parsed.isEmpty() ? planner.everything() : planner.plan(parsed);
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
            List<Region> parsed = parse(selected.header());
            if (headerOnly) {
                write(selected.header(), consumer -> 0);
                return;
            }
            List<List<ChunkRead>> plans = selected.plan(parsed, pool);
            CohortReader reader = new CohortReader(selected, CohortReader.BUFFER_BYTES, pool);
            write(selected.header(), consumer -> reader.read(plans, consumer));
        }
    }

    private List<Region> parse(BamHeader header) {
        RegionParser parser = new RegionParser(header);
        return regions.stream().map(parser::parse).toList();
    }

    private void write(BamHeader header, Records records) throws IOException {
        try (OutputTarget target = new OutputTarget(output)) {
            OutputStream out = target.stream();
            if (count) {
                long n = records.read(r -> {});
                out.write((n + "\n").getBytes(StandardCharsets.US_ASCII));
            } else if (bam) {
                BamWriter writer = new BamWriter(out, header);
                records.read(writer::write);
                writer.close();
            } else {
                if (withHeader || headerOnly) {
                    out.write(header.samText());
                }
                records.read(RecordConsumer.samLines(header, out));
            }
            target.commit();
        }
    }
}
