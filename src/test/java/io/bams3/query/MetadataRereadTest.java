package io.bams3.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bams3.codec.FormatException;
import io.bams3.convert.ConvertOptions;
import io.bams3.convert.Converter;
import io.bams3.convert.ProgressListener;
import io.bams3.format.Codec;
import io.bams3.format.DatasetLayout;
import io.bams3.store.ByteRange;
import io.bams3.store.LocalObjectStore;
import io.bams3.store.ObjectChangedException;
import io.bams3.store.ObjectStore;
import io.bams3.testing.ForwardingObjectStore;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metadata object is overwritten in place by every replacement. A read of it that the store
 * reports as replaced mid-way, or that does not parse, is read once more (a store whose overwrite
 * is not atomic can serve a mixture); a second failure is the answer.
 */
class MetadataRereadTest {
    @TempDir
    static Path dir;

    private static LocalObjectStore dataset;

    @BeforeAll
    static void convert() throws Exception {
        dataset = new LocalObjectStore(dir.resolve("sample.bams3"));
        new Converter(new ConvertOptions(Codec.BGZF, 64 << 10, 2, false), ProgressListener.NONE)
                .convert(Path.of("src/test/resources/v1/na12878-sample.bam"), dataset);
    }

    /** Serves the metadata object's reads through {@code faults} in turn, then as stored. */
    private static final class MetadataFaults extends ForwardingObjectStore {
        private final Deque<Function<byte[], InputStream>> faults;
        int metadataReads;

        MetadataFaults(ObjectStore delegate, List<Function<byte[], InputStream>> faults) {
            super(delegate);
            this.faults = new ArrayDeque<>(faults);
        }

        @Override
        public InputStream get(String key, ByteRange range) {
            if (!key.equals(DatasetLayout.METADATA)) {
                return delegate.get(key, range);
            }
            metadataReads++;
            Function<byte[], InputStream> fault = faults.poll();
            return fault == null ? delegate.get(key, range) : fault.apply(delegate.getBytes(key));
        }
    }

    private static Function<byte[], InputStream> truncated() {
        return json -> new ByteArrayInputStream(Arrays.copyOf(json, json.length / 2));
    }

    private static Function<byte[], InputStream> replacedMidway() {
        return json -> {
            throw new ObjectChangedException("sample.bams3/_metadata.json was replaced while it was being read");
        };
    }

    @Test
    void aMixedOrReplacedReadIsReadAgain() {
        Dataset expected = Dataset.open(dataset);
        for (Function<byte[], InputStream> fault : List.of(truncated(), replacedMidway())) {
            MetadataFaults store = new MetadataFaults(dataset, List.of(fault));
            Dataset ds = Dataset.open(store);
            assertThat(ds.metadata()).isEqualTo(expected.metadata());
            assertThat(store.metadataReads).isEqualTo(2);

            store = new MetadataFaults(dataset, List.of(fault));
            assertThat(Dataset.readMetadata(store)).isEqualTo(expected.metadata());
            assertThat(store.metadataReads).isEqualTo(2);
        }
    }

    @Test
    void aSoundReadIsReadOnce() {
        MetadataFaults store = new MetadataFaults(dataset, List.of());
        Dataset.open(store);
        assertThat(store.metadataReads).isEqualTo(1);
    }

    @Test
    void twoFailedReadsAreTheAnswer() {
        MetadataFaults store = new MetadataFaults(dataset, List.of(truncated(), truncated()));
        assertThatThrownBy(() -> Dataset.open(store))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("sample.bams3/_metadata.json: unreadable dataset metadata");
        assertThat(store.metadataReads).isEqualTo(2);

        MetadataFaults replaced = new MetadataFaults(dataset, List.of(replacedMidway(), replacedMidway()));
        assertThatThrownBy(() -> Dataset.open(replaced)).isInstanceOf(ObjectChangedException.class);
        assertThat(replaced.metadataReads).isEqualTo(2);
    }
}
