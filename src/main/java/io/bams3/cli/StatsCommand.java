package io.bams3.cli;

import io.bams3.cohort.Cohort;
import io.bams3.cohort.CohortObject;
import io.bams3.format.CohortManifest;
import io.bams3.query.FetchPool;
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
            "Default output matches samtools idxstats; --json adds flagstat counts and storage figures.",
            "For a cohort (NAME.cohort): one line per sample (mapped, unmapped, total), its members opened in parallel;"
                    + " --by-reference gives each sample's idxstats rows, --json {\"samples\":[...]}."
        })
final class StatsCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    StoreOptions storage = new StoreOptions();

    @Parameters(index = "0", paramLabel = "DATASET|COHORT")
    String dataset;

    @Option(names = "--json", description = "JSON with flagstat-like counts, chunks, bytes, codec, source checksum.")
    boolean json;

    @Option(
            names = "--by-reference",
            description = "For a cohort: each sample's idxstats rows (a dataset's are always per reference).")
    boolean byReference;

    @Override
    public Integer call() {
        String out;
        try (StoreLocator stores = storage.locator()) {
            out = CohortObject.isCohort(dataset) ? cohort(stores) : dataset(stores);
        }
        System.out.print(out);
        System.out.flush();
        return 0;
    }

    private String dataset(StoreLocator stores) {
        DatasetStats stats = DatasetStats.open(stores, dataset);
        if (json) {
            return toJson(stats.json());
        }
        StringBuilder out = new StringBuilder();
        stats.appendIdxstats("", out);
        return out.toString();
    }

    private String cohort(StoreLocator stores) {
        CohortLocation location = new CohortLocation(stores, dataset);
        CohortManifest manifest = location.read();
        List<DatasetStats> stats;
        try (FetchPool pool = new FetchPool(CohortLocation.PARALLELISM)) {
            Cohort cohort = location.open(manifest, pool);
            stats = cohort.members().stream()
                    .map(m -> new DatasetStats(m.dataset()))
                    .toList();
        }
        List<CohortManifest.Member> members = manifest.members();
        if (json) {
            List<Map<String, Object>> samples = new ArrayList<>();
            for (int i = 0; i < members.size(); i++) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("sample", members.get(i).sample());
                e.put("dataset", members.get(i).dataset());
                e.put("mapped", stats.get(i).mapped());
                e.put("unmapped", stats.get(i).unmapped());
                e.putAll(stats.get(i).json());
                samples.add(e);
            }
            return toJson(Map.of("samples", samples));
        }
        StringBuilder out = new StringBuilder();
        if (byReference) {
            out.append("SAMPLE\tREFERENCE\tLENGTH\tMAPPED\tUNMAPPED\n");
            for (int i = 0; i < members.size(); i++) {
                stats.get(i).appendIdxstats(members.get(i).sample() + "\t", out);
            }
            return out.toString();
        }
        out.append("SAMPLE\tMAPPED\tUNMAPPED\tTOTAL\n");
        for (int i = 0; i < members.size(); i++) {
            DatasetStats s = stats.get(i);
            out.append(members.get(i).sample())
                    .append('\t')
                    .append(s.mapped())
                    .append('\t')
                    .append(s.unmapped())
                    .append('\t')
                    .append(s.records())
                    .append('\n');
        }
        return out.toString();
    }

    private static String toJson(Object doc) {
        return JsonMapper.builder()
                        .enable(SerializationFeature.INDENT_OUTPUT)
                        .build()
                        .writeValueAsString(doc) + "\n";
    }
}
