package io.bams3.convert;

import static org.assertj.core.api.Assertions.assertThat;

import io.bams3.format.Codec;
import io.bams3.store.LocalObjectStore;
import io.bams3.store.ObjectInfo;
import io.bams3.store.ObjectStore;
import io.bams3.store.PrefixedObjectStore;
import io.bams3.testing.TestBams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Source blocks that already hold whole records of one reference (htslib writes BAMs that way)
 * are stored as they are, without recompression; the rest is recompressed.
 */
class BlockReuseTest {
    @TempDir
    Path dir;

    @Test
    void htslibWrittenBlocksAreReusedVerbatim() throws IOException {
        Path source = TestBams.path(TestBams.NA12878);
        LocalObjectStore root = new LocalObjectStore(dir.resolve("na.bams3"));
        ObjectStore store = PrefixedObjectStore.of(
                root,
                new Converter(new ConvertOptions(Codec.BGZF, 64 << 10, 2, false), ProgressListener.NONE)
                        .convert(source, root)
                        .generationPrefix());
        byte[] src = Files.readAllBytes(source);
        int reused = 0;
        int total = 0;
        for (ObjectInfo o : store.list("data/")) {
            byte[] chunk = store.getBytes(o.key());
            for (int p = 0; p < chunk.length; ) {
                int size = ((chunk[p + 16] & 0xff) | (chunk[p + 17] & 0xff) << 8) + 1;
                if (indexOf(src, chunk, p, size) >= 0) {
                    reused++;
                }
                total++;
                p += size;
            }
        }
        assertThat(total).isGreaterThan(100);
        // all but the blocks shared with the header or spanning a reference change
        assertThat(reused).isGreaterThan(total * 9 / 10).isLessThan(total);
    }

    @Test
    void zstdNeverReusesBlocks() throws IOException {
        LocalObjectStore root = new LocalObjectStore(dir.resolve("z.bams3"));
        ObjectStore store = PrefixedObjectStore.of(
                root,
                new Converter(new ConvertOptions(Codec.ZSTD, 64 << 10, 2, false), ProgressListener.NONE)
                        .convert(TestBams.path(TestBams.MPILEUP), root)
                        .generationPrefix());
        byte[] chunk = store.getBytes(store.list("data/").get(0).key());
        assertThat(chunk[0] & 0xff).isEqualTo(0x28); // zstd frame magic 28 B5 2F FD
        assertThat(chunk[3] & 0xff).isEqualTo(0xfd);
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from, int length) {
        outer:
        for (int i = 0; i + length <= haystack.length; i++) {
            for (int j = 0; j < length; j++) {
                if (haystack[i + j] != needle[from + j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
