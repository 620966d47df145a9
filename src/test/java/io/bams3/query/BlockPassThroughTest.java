package io.bams3.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bams3.codec.BamWriter;
import io.bams3.codec.BgzfBlockCodec;
import io.bams3.codec.FormatException;
import io.bams3.convert.ConvertOptions;
import io.bams3.convert.Converter;
import io.bams3.convert.ProgressListener;
import io.bams3.format.BlockIndex;
import io.bams3.format.ChunkEntry;
import io.bams3.format.Codec;
import io.bams3.format.DatasetLayout;
import io.bams3.format.DatasetMetadata;
import io.bams3.store.ByteRange;
import io.bams3.store.LocalObjectStore;
import io.bams3.testing.DatasetEditor;
import io.bams3.testing.HtsjdkOracle;
import io.bams3.testing.TestBams;
import io.bams3.testing.TestFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
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
 * again. The records are those htsjdk finds in the source BAM. With unit checks in the block index
 * (format version 3), such a unit is checked by the CRC32C of its stored bytes instead of being
 * decompressed; datasets without them still pass it, after decoding it.
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

    @Test
    void aUnitPassedWithoutDecodingIsCheckedByTheCrc32cOfItsStoredBytes() throws Exception {
        Path copy = dir.resolve("flipped.bams3");
        DatasetEditor editor = editableCopy(copy);
        int chunk = chunkWithInteriorUnit(editor);
        BlockIndex units = editor.blockIndex("11", chunk);
        assertThat(units.hasUnitChecks()).isTrue();
        Path file = TestFiles.generation(copy)
                .resolve(DatasetLayout.chunkKey("11", editor.table("11").get(chunk)));
        byte[] data = Files.readAllBytes(file);
        // a byte of unit 1's deflate data: its block CRC32 would catch it too, but only if inflated
        data[(int) (units.offsets()[1] + units.offsets()[2]) / 2] ^= 0x10;
        Files.write(file, data);
        Dataset flipped = Dataset.open(new LocalObjectStore(copy));
        int ref = flipped.header().referenceIndex("11");
        Region region = new Region(ref, "11", units.firstPos()[1], units.firstPos()[3]);
        List<ChunkRead> plan = new QueryPlanner(flipped).plan(List.of(region));
        assertThatThrownBy(() -> new BamBlockStreamer(flipped, 8 << 20, null).write(plan, new ByteArrayOutputStream()))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("unit 1 fails its CRC32C check");
    }

    @Test
    void blockIndexesWithoutUnitChecksStillPassInteriorUnitsAfterDecodingThem() throws Exception {
        Path copy = dir.resolve("v2.bams3");
        DatasetEditor editor = editableCopy(copy);
        int chunk = chunkWithInteriorUnit(editor);
        for (String name : List.of("11", "20")) {
            for (int c = 0; c < editor.table(name).size(); c++) {
                BlockIndex i = editor.blockIndex(name, c);
                editor.writeBlockIndex(name, c, new BlockIndex(i.offsets(), i.firstPos(), i.maxEnd()));
            }
        }
        editor.editMetadata(m -> m.put("formatVersion", DatasetMetadata.VERSION_2));
        Dataset v2 = Dataset.open(new LocalObjectStore(copy));
        assertThat(v2.metadata().formatVersion()).isEqualTo(2);
        int ref = v2.header().referenceIndex("11");
        BlockIndex units = v2.blockIndex(ref, v2.chunks(ref).get(chunk));
        assertThat(units.hasUnitChecks()).isFalse();
        Region region = new Region(ref, "11", units.firstPos()[1], units.firstPos()[3]);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        long records = new BamBlockStreamer(v2, 8 << 20, null).write(new QueryPlanner(v2).plan(List.of(region)), body);
        assertThat(records).isEqualTo(oracle.query(List.of(region)).size());
        assertThat(contains(
                        body.toByteArray(),
                        stored(ref, v2.chunks(ref).get(chunk), units.offsets()[1], units.offsets()[2])))
                .isTrue();
        // and a version 1 block index in a format version 3 dataset is refused
        editor.editMetadata(m -> m.put("formatVersion", DatasetMetadata.VERSION));
        Dataset mixed = Dataset.open(new LocalObjectStore(copy));
        assertThatThrownBy(() -> mixed.blockIndex(ref, mixed.chunks(ref).get(chunk)))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("is a version 1 block index in a format version 3 dataset");
    }

    @Test
    void streamedRecordCountsComeFromTheBlockIndexForUnitsPassedWhole() throws Exception {
        int ref = ds.header().referenceIndex("20");
        Random rnd = new Random(5);
        for (int t = 0; t < 20; t++) {
            int beg = 5_999_000 + rnd.nextInt(120_000);
            Region region = new Region(ref, "20", beg, beg + 1 + rnd.nextInt(80_000));
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            long records =
                    new BamBlockStreamer(ds, 8 << 20, null).write(new QueryPlanner(ds).plan(List.of(region)), body);
            assertThat(records)
                    .as("%s", region)
                    .isEqualTo(oracle.query(List.of(region)).size());
        }
    }

    /** A copy of the converted dataset at {@code copy}, to be edited. */
    private static DatasetEditor editableCopy(Path copy) throws IOException {
        TestFiles.copyTree(dir.resolve("na.bams3"), copy);
        return new DatasetEditor(copy);
    }

    /** A chunk of 11 with five units or more whose units 1, 2 and 3 start at increasing positions. */
    private static int chunkWithInteriorUnit(DatasetEditor editor) throws IOException {
        for (int c = 0; c < editor.table("11").size(); c++) {
            BlockIndex u = editor.blockIndex("11", c);
            if (u.size() >= 5 && u.firstPos()[1] < u.firstPos()[2] && u.firstPos()[2] < u.firstPos()[3]) {
                return c;
            }
        }
        throw new AssertionError("no chunk of 11 with an interior unit");
    }
}
