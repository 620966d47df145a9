package io.bams3.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DatasetLayoutTest {

    /** The examples of docs/FORMAT.md section 2, and a few more of the same rules. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "chr1|chr1",
                "GL000207.1|GL000207.1",
                "HLA-A*01:01|HLA-A%2A01%3A01",
                "..|%2E.",
                "a/b|a%2Fb",
                "unmapped.chunk|%75nmapped.chunk",
                ".hidden|%2Ehidden",
                "unmapped|unmapped",
                "x unmapped.|x%20unmapped.",
                "chr_1-2|chr_1-2",
                "a~b|a%7Eb",
                "a%b|a%25b",
                "caf\u00e9|caf%E9"
            })
    void escapesAsFormatSection2Says(String name, String escaped) {
        assertThat(DatasetLayout.escape(name)).isEqualTo(escaped);
    }

    @Test
    void keysOfChunksIndexesAndTables() {
        ChunkEntry first = new ChunkEntry(4_999_974, 5_009_683, 5_009_800, 0, 3, 100, 10, 0, 0);
        ChunkEntry pileUp = new ChunkEntry(4_999_998, 4_999_998, 5_000_100, 2, 1, 100, 10, 0, 0);
        assertThat(DatasetLayout.chunkKey("11", first)).isEqualTo("data/11/0004999974-0005009684.chunk");
        assertThat(DatasetLayout.blockIndexKey("11", first)).isEqualTo("_index/11/0004999974-0005009684.idx");
        assertThat(DatasetLayout.chunkKey("11", pileUp)).isEqualTo("data/11/0004999998-0004999999.2.chunk");
        assertThat(DatasetLayout.chunkTableKey("HLA-A*01:01")).isEqualTo("_index/HLA-A%2A01%3A01/chunks.idx");
        assertThat(DatasetLayout.chunkKey("unmapped.chunk", first)).startsWith("data/%75nmapped.chunk/");
        assertThat(DatasetLayout.unplacedChunkKey(0)).isEqualTo("data/unmapped.chunk");
        assertThat(DatasetLayout.unplacedChunkKey(7)).isEqualTo("data/unmapped.7.chunk");
        assertThat(DatasetLayout.unplacedTableKey()).isEqualTo("_index/unmapped.idx");
    }
}
