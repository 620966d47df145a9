package io.bams3.web;

import io.bams3.catalog.DatasetCatalog;
import io.bams3.convert.ConvertOptions;
import io.bams3.convert.Converter;
import io.bams3.convert.ProgressListener;
import io.bams3.format.DatasetLayout;
import io.bams3.store.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Converts the BAM bundled in the jar into the demo dataset's location on first start (before the
 * application reports ready), so a fresh server has something to answer with.
 */
@Component
class DemoDataset implements ApplicationRunner {
    static final String RESOURCE = "/demo/htsnexus_test_NA12878.bam";
    private static final Logger LOG = LoggerFactory.getLogger(DemoDataset.class);

    private final DatasetCatalog catalog;
    private final Bams3Properties props;

    DemoDataset(DatasetCatalog catalog, Bams3Properties props) {
        this.catalog = catalog;
        this.props = props;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!props.demo().enabled()) {
            return;
        }
        try {
            create();
        } catch (IOException | RuntimeException e) {
            // the server still serves what exists; the demo is tried again at the next start
            LOG.warn(
                    "the demo dataset '{}' could not be created: {}",
                    props.demo().id(),
                    e.getMessage());
        }
    }

    private void create() throws IOException {
        String id = props.demo().id();
        String location = catalog.locator().locate(id).orElse(null);
        if (location == null) {
            LOG.warn("no dataset root answers for the demo id '{}'; the demo dataset is not created", id);
            return;
        }
        ObjectStore store = catalog.store(location);
        if (store.head(DatasetLayout.METADATA).isPresent()) {
            return;
        }
        Path bam = Files.createTempFile("bams3-demo", ".bam");
        try (InputStream in = DemoDataset.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                LOG.warn("the demo BAM {} is not in this build; the demo dataset is not created", RESOURCE);
                return;
            }
            Files.copy(in, bam, StandardCopyOption.REPLACE_EXISTING);
            new Converter(ConvertOptions.defaults(), ProgressListener.NONE).convert(bam, store);
            LOG.info("demo dataset '{}' created at {}", id, location);
        } finally {
            Files.deleteIfExists(bam);
        }
    }
}
