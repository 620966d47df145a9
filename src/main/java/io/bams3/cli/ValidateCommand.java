package io.bams3.cli;

import io.bams3.query.Validator;
import io.bams3.store.ObjectStore;
import io.bams3.store.StoreLocator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = "Check structure, every checksum and every record; exit 0 only if all holds.")
final class ValidateCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    StoreOptions storage = new StoreOptions();

    @Parameters(index = "0", paramLabel = "DATASET")
    String dataset;

    @Override
    public Integer call() {
        Validator.Report report;
        try (StoreLocator stores = storage.locator();
                ObjectStore store = stores.open(dataset)) {
            report = new Validator().validate(store);
        }
        for (String p : report.problems()) {
            System.err.println("bams3 validate: " + p);
        }
        if (!report.ok()) {
            System.err.printf(
                    "bams3 validate: %s is INVALID (%d problems)%n",
                    dataset, report.problems().size());
            return 1;
        }
        System.out.printf(
                "%s: OK (%d chunks, %,d records, %,d bytes checked)%n",
                dataset, report.chunks(), report.records(), report.bytes());
        return 0;
    }
}
