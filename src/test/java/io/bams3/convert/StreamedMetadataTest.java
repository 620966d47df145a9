package io.bams3.convert;

import static org.assertj.core.api.Assertions.assertThat;

import io.bams3.format.Codec;
import io.bams3.format.DatasetLayout;
import io.bams3.format.DatasetMetadata;
import io.bams3.store.LocalObjectStore;
import io.bams3.testing.TestBams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The metadata object is streamed, byte for byte what serializing the whole metadata at once gives. */
class StreamedMetadataTest {
    @TempDir
    Path dir;

    @Test
    void streamedMetadataEqualsTheWholeDocument() throws IOException {
        Path target = dir.resolve("x.bams3");
        DatasetMetadata m = new Converter(new ConvertOptions(Codec.BGZF, 64 << 10, 2, false), ProgressListener.NONE)
                .convert(TestBams.path(TestBams.NA12878), new LocalObjectStore(target));
        List<DatasetMetadata.ReferenceSummary> plain = List.copyOf(m.references());
        assertThat(plain).hasSizeGreaterThan(20).anyMatch(r -> r.chunks() > 1).anyMatch(r -> r.chunks() == 0);
        DatasetMetadata whole = new DatasetMetadata(
                m.format(),
                m.formatVersion(),
                m.codec(),
                m.created(),
                m.source(),
                m.chunkTargetBytes(),
                m.records(),
                m.header(),
                plain,
                m.unplaced(),
                m.flagstat());

        byte[] written = Files.readAllBytes(target.resolve(DatasetLayout.METADATA));
        assertThat(new String(written)).isEqualTo(new String(whole.toJson()));
        assertThat(DatasetMetadata.fromJson(written, "x").references()).isEqualTo(plain);
    }
}
