package io.bams3.web;

import io.bams3.catalog.DatasetCatalog;
import io.bams3.catalog.DatasetRoot;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Creates the store clients before the server reports ready (the S3 SDK takes a second or two to
 * start), so the first readiness probe and the first ticket do not pay for it.
 */
@Component
class StoreWarmup implements ApplicationRunner {
    private final DatasetCatalog catalog;

    StoreWarmup(DatasetCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (DatasetRoot root : catalog.locator().roots()) {
            String location = root.base();
            catalog.store(location);
        }
    }
}
