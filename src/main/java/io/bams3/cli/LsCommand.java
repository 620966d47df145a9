package io.bams3.cli;

import io.bams3.format.DatasetMetadata;
import io.bams3.query.DatasetFinder;
import io.bams3.store.ObjectStore;
import io.bams3.store.StoreLocator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
        name = "ls",
        mixinStandardHelpOptions = true,
        description =
                "List the datasets below a location (s3://bucket/prefix/ or a directory); exit 1 when there is none.")
final class LsCommand implements Callable<Integer> {
    @Mixin
    StoreOptions storage = new StoreOptions();

    @Parameters(index = "0", paramLabel = "LOCATION")
    String location;

    @Override
    public Integer call() {
        List<DatasetFinder.Found> found;
        try (StoreLocator stores = storage.locator();
                ObjectStore store = stores.open(location)) {
            found = new DatasetFinder().find(store);
        }
        if (found.isEmpty()) {
            // as aws s3 ls: nothing to list is a failure, so that a mistyped location is not a silent empty table
            System.err.println("bams3 ls: error: no BAMS3 dataset at or under " + location);
            return Main.EXIT_RUNTIME_ERROR;
        }
        String base = location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
        StringBuilder out = new StringBuilder("NAME\tRECORDS\tBYTES\tCODEC\tCREATED\n");
        for (DatasetFinder.Found f : found) {
            DatasetMetadata m = f.metadata();
            out.append(f.path().isEmpty() ? base : base + "/" + f.path())
                    .append('\t')
                    .append(m.records())
                    .append('\t')
                    .append(m.dataBytes())
                    .append('\t')
                    .append(m.codec())
                    .append('\t')
                    .append(m.created())
                    .append('\n');
        }
        System.out.print(out);
        System.out.flush();
        return 0;
    }
}
