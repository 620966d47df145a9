package io.bams3.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bams3.convert.GenerationCollector;
import io.bams3.format.DatasetLayout;
import io.bams3.format.DatasetMetadata;
import io.bams3.format.MetadataV1;
import io.bams3.store.LocalObjectStore;
import io.bams3.testing.Cli;
import io.bams3.testing.Samtools;
import io.bams3.testing.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dataset written by format version 1 (committed: src/test/resources/v1, converted from the BAM
 * beside it by the last version 1 writer) is still read exactly, validated and described; a
 * forced conversion replaces it by a dataset of the current version, and the version 1 objects go once the
 * grace period is over.
 */
@Tag("samtools")
class Version1DatasetTest {
    private static final Path V1 = Path.of("src/test/resources/v1");
    private static final Path BAM = V1.resolve("na12878-sample.bam");

    @TempDir
    Path dir;

    private Path copy() throws IOException {
        Path copy = dir.resolve("v1.bams3");
        TestFiles.copyTree(V1.resolve("na12878-sample.bams3"), copy);
        return copy;
    }

    @Test
    void isReadExactlyAsBefore() throws IOException {
        assumeTrue(Samtools.available(), "samtools is not installed");
        Dataset ds = Dataset.open(new LocalObjectStore(copy()));
        assertThat(ds.metadata().formatVersion()).isEqualTo(1);
        RegionIdentityTest.assertSamLinesIdenticalToSamtools("v1 fixture", BAM, ds, new Random(7));
    }

    @Test
    void isValidatedAndDescribed() throws IOException {
        Path ds = copy();
        Cli.Result validate = Cli.run("validate", ds.toString());
        assertThat(validate.exit()).as(validate.stderr()).isZero();
        assertThat(validate.out()).contains("OK (13 chunks, 3,153 records");
        assumeTrue(Samtools.available(), "samtools is not installed");
        assertThat(Cli.run("stats", ds.toString()).out())
                .isEqualTo(String.join("\n", Samtools.run("idxstats", BAM.toString())) + "\n");
    }

    @Test
    void aForcedConversionReplacesItAndItsObjectsGoAfterTheGracePeriod() throws IOException {
        Path ds = copy();
        Cli.Result forced = Cli.run("convert", BAM.toString(), ds.toString(), "--force");
        assertThat(forced.exit()).as(forced.stderr()).isZero();
        assertThat(Dataset.open(new LocalObjectStore(ds)).metadata().formatVersion())
                .isEqualTo(DatasetMetadata.VERSION);
        // readers that opened version 1 keep its objects until the grace period is over
        assertThat(ds.resolve(MetadataV1.HEADER_KEY)).exists();
        assertThat(ds.resolve(DatasetLayout.DATA_DIR)).exists();
        GenerationCollector.Outcome gc =
                GenerationCollector.collect(new LocalObjectStore(ds), Duration.ZERO, Instant.now());
        assertThat(gc.removed())
                .containsExactly(MetadataV1.HEADER_KEY, DatasetLayout.INDEX_DIR, DatasetLayout.DATA_DIR);
        try (var top = Files.list(ds)) {
            assertThat(top.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(DatasetLayout.METADATA, DatasetLayout.HEADER, "gen");
        }
        assertThat(Cli.run("view", "-c", ds.toString()).out().trim()).isEqualTo("3153");
    }

    @Test
    void gcKeepsWhatReadersMayStillUseAndSaysSo() throws IOException {
        Path ds = copy();
        assertThat(Cli.run("convert", BAM.toString(), ds.toString(), "--force").exit())
                .isZero();
        Cli.Result kept = Cli.run("gc", ds.toString());
        assertThat(kept.exit()).as(kept.stderr()).isZero();
        assertThat(kept.out()).contains("kept " + DatasetLayout.DATA_DIR).doesNotContain("removed");
        Cli.Result removed = Cli.run("gc", ds.toString(), "--grace", "0s");
        assertThat(removed.out()).contains("removed " + DatasetLayout.DATA_DIR);
        assertThat(ds.resolve(DatasetLayout.DATA_DIR)).doesNotExist();
        Cli.Result bad = Cli.run("gc", ds.toString(), "--grace", "soon");
        assertThat(bad.exit()).isNotZero();
        assertThat(bad.stderr()).contains("'soon' is not a duration");
    }
}
