package io.bams3.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.bams3.codec.BamWriter;
import io.bams3.codec.BgzfBlockCodec;
import io.bams3.convert.ConvertOptions;
import io.bams3.convert.Converter;
import io.bams3.convert.ProgressListener;
import io.bams3.format.BlockIndex;
import io.bams3.format.ChunkEntry;
import io.bams3.format.Codec;
import io.bams3.store.ByteRange;
import io.bams3.store.LocalObjectStore;
import io.bams3.testing.HtsjdkOracle;
import io.bams3.testing.TestBams;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A streamed region passes the units (BGZF blocks) it wants whole as they are stored, also inside
 * the chunks it covers only in part; only the units at its edges are filtered and compressed
 * again. The records are those htsjdk finds in the source BAM.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BlockPassThroughTest {
    @TempDir
    static Path dir;

    private final Path source = TestBams.path(TestBams.NA12878);
    private Dataset ds;
    private HtsjdkOracle oracle;

    @BeforeAll
    void convert() throws Exception {
        LocalObjectStore store = new LocalObjectStore(dir.resolve("na.bams3"));
        new Converter(new ConvertOptions(Codec.BGZF, 256 << 10, 2, false), ProgressListener.NONE)
                .convert(source, store);
        ds = Dataset.open(store);
        oracle = new HtsjdkOracle(source);
    }

    private byte[] streamed(List<Region> regions) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BamWriter writer = new BamWriter(out, ds.header());
        writer.close(); // the header and an EOF block; the body is spliced in before the EOF
        byte[] head = out.toByteArray();
        ByteArrayOutputStream bam = new ByteArrayOutputStream();
        bam.write(head, 0, head.length - BgzfBlockCodec.EOF_BLOCK.length);
        new BamBlockStreamer(ds, 8 << 20, null).write(new QueryPlanner(ds).plan(regions), bam);
        bam.write(BgzfBlockCodec.EOF_BLOCK);
        return bam.toByteArray();
    }

    private byte[] stored(int ref, ChunkEntry chunk, long from, long to) throws IOException {
        int ordinal = ds.chunks(ref).indexOf(chunk);
        try (InputStream in = ds.store().get(ds.chunkKey(ref, chunk, ordinal), new ByteRange(from, to))) {
            return in.readAllBytes();
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Test
    void interiorUnitsOfAPartlyCoveredChunkPassAsStoredAndTheEdgesDoNot() throws Exception {
        int ref = ds.header().referenceIndex("11");
        int checked = 0;
        for (ChunkEntry chunk : ds.chunks(ref)) {
            BlockIndex units = ds.blockIndex(ref, chunk);
            int n = units.offsets().length;
            if (n < 5 || !(units.firstPos()[1] < units.firstPos()[2] && units.firstPos()[2] < units.firstPos()[3])) {
                continue;
            }
            // [firstPos[1], firstPos[3]): unit 1 lies inside; unit 0 (starts before) and 2 (may hold a
            // record at firstPos[3]) are edges
            Region region = new Region(ref, "11", units.firstPos()[1], units.firstPos()[3]);
            byte[] bam = streamed(List.of(region));
            assertThat(HtsjdkOracle.records(bam)).isEqualTo(oracle.query(List.of(region)));
            byte[] inside = stored(ref, chunk, units.offsets()[1], units.offsets()[2]);
            byte[] before = stored(ref, chunk, units.offsets()[0], units.offsets()[1]);
            assertThat(contains(bam, inside))
                    .as("unit 1 of %s passes as stored", chunk)
                    .isTrue();
            assertThat(contains(bam, before))
                    .as("unit 0 of %s is filtered", chunk)
                    .isFalse();
            checked++;
        }
        assertThat(checked).as("chunks with five units or more").isGreaterThan(3);
    }

    @Test
    void randomRegionsAndRegionSetsGiveExactlyTheOracleRecords() throws Exception {
        Random rnd = new Random(11);
        for (int t = 0; t < 60; t++) {
            List<Region> regions = new ArrayList<>();
            int count = 1 + rnd.nextInt(3);
            for (int i = 0; i < count; i++) {
                String name = rnd.nextBoolean() ? "11" : "20";
                int ref = ds.header().referenceIndex(name);
                int beg = (name.equals("11") ? 4_999_000 : 5_999_000) + rnd.nextInt(120_000);
                regions.add(new Region(ref, name, beg, beg + 1 + rnd.nextInt(rnd.nextBoolean() ? 2_000 : 60_000)));
            }
            List<Region> merged = QueryPlanner.merge(regions);
            assertThat(HtsjdkOracle.records(streamed(merged))).as("%s", merged).isEqualTo(oracle.query(merged));
        }
    }
}
