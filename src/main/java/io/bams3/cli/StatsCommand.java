package io.bams3.cli;

import io.bams3.codec.BamHeader;
import io.bams3.format.DatasetMetadata;
import io.bams3.format.ReferenceSummary;
import io.bams3.query.Dataset;
import io.bams3.store.ObjectStore;
import io.bams3.store.StoreLocator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

@Command(
        name = "stats",
        mixinStandardHelpOptions = true,
        description = {
            "Per-reference counts from the dataset metadata alone (no chunk is read).",
            "Default output matches samtools idxstats; --json adds flagstat counts and storage figures."
        })
final class StatsCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    StoreOptions storage = new StoreOptions();

    @Parameters(index = "0", paramLabel = "DATASET")
    String dataset;

    @Option(names = "--json", description = "JSON with flagstat-like counts, chunks, bytes, codec, source checksum.")
    boolean json;

    @Override
    public Integer call() {
        DatasetMetadata m;
        List<BamHeader.Reference> names;
        List<ReferenceSummary> summaries;
        try (StoreLocator stores = storage.locator();
                ObjectStore store = stores.open(dataset)) {
            Dataset opened = Dataset.open(store);
            m = opened.metadata();
            names = opened.header().references();
            summaries = opened.summaries();
        }
        StringBuilder out = new StringBuilder();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("formatVersion", m.formatVersion());
            doc.put("codec", m.codec());
            doc.put("created", m.created());
            doc.put("source", m.source());
            doc.put("records", m.records());
            doc.put("chunks", m.chunks());
            doc.put("bytes", m.dataBytes());
            doc.put("chunkTargetBytes", m.chunkTargetBytes());
            List<Map<String, Object>> refs = new ArrayList<>();
            for (int i = 0; i < summaries.size(); i++) {
                ReferenceSummary r = summaries.get(i);
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("name", names.get(i).name());
                e.put("length", r.length());
                e.put("mapped", r.mapped());
                e.put("unmapped", r.unmapped());
                e.put("chunks", r.chunks());
                e.put("bytes", r.bytes());
                refs.add(e);
            }
            doc.put("references", refs);
            doc.put(
                    "unplaced",
                    Map.of(
                            "records",
                            m.unplaced().records(),
                            "chunks",
                            m.unplaced().chunks(),
                            "bytes",
                            m.unplaced().bytes()));
            doc.put("flagstat", m.flagstat());
            out.append(JsonMapper.builder()
                            .enable(SerializationFeature.INDENT_OUTPUT)
                            .build()
                            .writeValueAsString(doc))
                    .append('\n');
        } else {
            for (int i = 0; i < summaries.size(); i++) {
                ReferenceSummary r = summaries.get(i);
                out.append(names.get(i).name())
                        .append('\t')
                        .append(r.length())
                        .append('\t')
                        .append(r.mapped())
                        .append('\t')
                        .append(r.unmapped())
                        .append('\n');
            }
            out.append("*\t0\t0\t").append(m.unplaced().records()).append('\n');
        }
        System.out.print(out);
        System.out.flush();
        return 0;
    }
}
