package io.bams3.cli;

import io.bams3.codec.BamWriter;
import io.bams3.query.ChunkRead;
import io.bams3.query.Dataset;
import io.bams3.query.QueryPlanner;
import io.bams3.query.RecordConsumer;
import io.bams3.query.RecordReader;
import io.bams3.query.Region;
import io.bams3.query.RegionParser;
import io.bams3.store.ObjectStore;
import io.bams3.store.StoreLocator;
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
            "Several regions behave as samtools view -M: each record once, in file order."
        })
final class ViewCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    StoreOptions storage = new StoreOptions();

    @Parameters(index = "0", paramLabel = "DATASET")
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

    @Override
    public Integer call() throws Exception {
        try (StoreLocator stores = storage.locator();
                ObjectStore store = stores.open(dataset)) {
            Dataset ds = Dataset.open(store);
            RegionParser parser = new RegionParser(ds.header());
            List<Region> parsed = regions.stream().map(parser::parse).toList();
            QueryPlanner planner = new QueryPlanner(ds);
            List<ChunkRead> plan =
                    headerOnly ? List.of() : parsed.isEmpty() ? planner.everything() : planner.plan(parsed);
            RecordReader reader = new RecordReader(ds);
            try (OutputTarget target = new OutputTarget(output)) {
                OutputStream out = target.stream();
                if (count) {
                    long n = reader.read(plan, r -> {});
                    out.write((n + "\n").getBytes(StandardCharsets.US_ASCII));
                } else if (bam) {
                    BamWriter writer = new BamWriter(out, ds.header());
                    reader.read(plan, writer::write);
                    writer.close();
                } else {
                    if (withHeader || headerOnly) {
                        out.write(ds.header().samText());
                    }
                    reader.read(plan, RecordConsumer.samLines(ds.header(), out));
                }
                target.commit();
            }
        }
        return 0;
    }
}
