package io.bams3.cli;

import io.bams3.cohort.Cohort;
import io.bams3.format.CohortManifest;
import io.bams3.query.FetchPool;
import io.bams3.store.StoreLocator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "ls",
        mixinStandardHelpOptions = true,
        description = {
            "List a cohort's members: sample<TAB>dataset as written, in member order.",
            "--long opens them (in parallel, metadata only) and adds a header line, mapped and unmapped"
                    + " records and the resolved location."
        })
final class CohortLsCommand implements Callable<Integer> {
    @Mixin
    StoreOptions storage = new StoreOptions();

    @Parameters(index = "0", paramLabel = "COHORT")
    String cohort;

    @Option(names = "--long", description = "Also mapped and unmapped records and the resolved location.")
    boolean longFormat;

    @Override
    public Integer call() {
        StringBuilder out = new StringBuilder();
        try (StoreLocator stores = storage.locator()) {
            CohortLocation location = new CohortLocation(stores, cohort);
            CohortManifest manifest = location.read();
            List<CohortManifest.Member> members = manifest.members();
            if (!longFormat) {
                members.forEach(m ->
                        out.append(m.sample()).append('\t').append(m.dataset()).append('\n'));
            } else {
                Cohort opened;
                try (FetchPool pool = new FetchPool(CohortLocation.PARALLELISM)) {
                    opened = location.open(manifest, pool);
                }
                out.append("SAMPLE\tDATASET\tMAPPED\tUNMAPPED\tLOCATION\n");
                for (int i = 0; i < members.size(); i++) {
                    CohortManifest.Member m = members.get(i);
                    DatasetStats s = new DatasetStats(opened.members().get(i).dataset());
                    out.append(m.sample())
                            .append('\t')
                            .append(m.dataset())
                            .append('\t')
                            .append(s.mapped())
                            .append('\t')
                            .append(s.unmapped())
                            .append('\t')
                            .append(location.resolve(m))
                            .append('\n');
                }
            }
        }
        System.out.print(out);
        System.out.flush();
        return 0;
    }
}
