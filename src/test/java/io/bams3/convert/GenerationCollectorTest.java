package io.bams3.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bams3.format.Codec;
import io.bams3.format.DatasetLayout;
import io.bams3.format.DatasetMetadata;
import io.bams3.store.LocalObjectStore;
import io.bams3.testing.TestBams;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which generations {@code gc} removes: only what no reader can be using, nor a conversion writing. */
class GenerationCollectorTest {
    private static final Duration HOUR = Duration.ofHours(1);

    @TempDir
    Path dir;

    private static String generation(Instant created) {
        return DatasetLayout.generationPrefix(DatasetLayout.newGeneration(created, 7));
    }

    @Test
    void whatAKilledFirstConversionLeftGoesOnceNoConversionCanStillBeWritingIt() {
        LocalObjectStore store = new LocalObjectStore(dir.resolve("killed.bams3"));
        Instant now = Instant.now();
        String old = generation(now.minus(Duration.ofHours(3)));
        String running = generation(now.minus(Duration.ofMinutes(5)));
        store.putBytes(old + "data/1/0000000001-0000000100.chunk", new byte[] {1});
        store.putBytes(running + "data/1/0000000001-0000000100.chunk", new byte[] {1});

        GenerationCollector.Outcome outcome = GenerationCollector.collect(store, HOUR, now);
        assertThat(outcome.removed()).containsExactly(old);
        assertThat(outcome.kept()).containsExactly(running);
        assertThat(store.children(DatasetLayout.GENERATIONS_DIR)).containsExactly(running);
    }

    @Test
    void aReplacedGenerationStaysForTheGracePeriodAfterTheSwitch() throws IOException {
        LocalObjectStore store = new LocalObjectStore(dir.resolve("x.bams3"));
        ConvertOptions force = new ConvertOptions(Codec.BGZF, 64 << 10, 1, true);
        DatasetMetadata first =
                new Converter(force, ProgressListener.NONE).convert(TestBams.path(TestBams.MPILEUP), store);
        DatasetMetadata second =
                new Converter(force, ProgressListener.NONE).convert(TestBams.path(TestBams.MPILEUP), store);
        assertThat(store.children(DatasetLayout.GENERATIONS_DIR))
                .containsExactlyInAnyOrder(first.generationPrefix(), second.generationPrefix());

        Instant switched = store.head(DatasetLayout.METADATA).orElseThrow().lastModified();
        assertThat(GenerationCollector.collect(store, HOUR, switched.plus(Duration.ofMinutes(59)))
                        .kept())
                .containsExactly(first.generationPrefix());
        assertThat(GenerationCollector.collect(store, HOUR, switched.plus(Duration.ofMinutes(61)))
                        .removed())
                .containsExactly(first.generationPrefix());
        assertThat(store.children(DatasetLayout.GENERATIONS_DIR)).containsExactly(second.generationPrefix());
    }

    @Test
    void aPrefixWithNothingOfADatasetIsAnError() {
        LocalObjectStore store = new LocalObjectStore(dir.resolve("nothing"));
        assertThatThrownBy(() -> GenerationCollector.collect(store, HOUR, Instant.now()))
                .isInstanceOf(ConversionException.class)
                .hasMessageContaining("not a BAMS3 dataset");
    }
}
