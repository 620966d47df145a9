package io.bams3.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bams3.codec.BamRecordView;
import io.bams3.codec.FormatException;
import io.bams3.convert.ConvertOptions;
import io.bams3.convert.Converter;
import io.bams3.convert.ProgressListener;
import io.bams3.format.ChunkEntry;
import io.bams3.format.Codec;
import io.bams3.format.DatasetLayout;
import io.bams3.store.LocalObjectStore;
import io.bams3.testing.DatasetEditor;
import io.bams3.testing.TestBams;
import io.bams3.testing.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pull reader gives exactly the records the push reader gives, whatever its piece size, and
 * fails like it on damaged data: a flipped byte, a cut range, a missing chunk object are errors,
 * never a clean shorter answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecordCursorTest {
    @TempDir
    static Path dir;

    private FetchPool pool;

    @BeforeAll
    void start() {
        pool = new FetchPool(4);
    }

    @AfterAll
    void stop() {
        pool.close();
    }

    private Path convert(String name, Codec codec) throws IOException {
        Path ds = dir.resolve(name);
        new Converter(new ConvertOptions(codec, 64 << 10, 2, false), ProgressListener.NONE)
                .convert(TestBams.path(TestBams.NA12878), new LocalObjectStore(ds));
        return ds;
    }

    private static List<byte[]> pushed(Dataset ds, List<ChunkRead> plan) throws IOException {
        List<byte[]> out = new ArrayList<>();
        new RecordReader(ds).read(plan, r -> out.add(copy(r)));
        return out;
    }

    private List<byte[]> pulled(Dataset ds, List<ChunkRead> plan, long pieceBytes) throws IOException {
        List<byte[]> out = new ArrayList<>();
        try (RecordCursor cursor = new RecordCursor(ds, plan, pieceBytes, pool)) {
            BamRecordView r;
            while ((r = cursor.next()) != null) {
                out.add(copy(r));
            }
            assertThat(cursor.emitted()).isEqualTo(out.size());
        }
        return out;
    }

    private static byte[] copy(BamRecordView r) {
        return Arrays.copyOfRange(r.buffer(), r.offset(), r.offset() + r.totalLength());
    }

    @Test
    void randomRegionsGiveThePushReadersRecordsAtEveryPieceSize() throws IOException {
        for (Codec codec : Codec.values()) {
            Dataset ds = Dataset.open(new LocalObjectStore(convert("same-" + codec, codec)));
            RegionParser parser = new RegionParser(ds.header());
            Random rnd = new Random(5);
            for (int i = 0; i < 20; i++) {
                String ref = rnd.nextBoolean() ? "11" : "20";
                int beg = (ref.equals("11") ? 4_990_000 : 5_990_000) + rnd.nextInt(120_000);
                List<Region> regions = List.of(parser.parse(ref + ":" + beg + "-" + (beg + rnd.nextInt(60_000))));
                List<ChunkRead> plan = new QueryPlanner(ds).plan(regions);
                List<byte[]> expected = pushed(ds, plan);
                for (long piece : new long[] {1, 100_000, 64L << 20}) {
                    assertThat(pulled(ds, plan, piece))
                            .as("%s %s piece %d", codec, regions, piece)
                            .usingElementComparator(Arrays::compare)
                            .containsExactlyElementsOf(expected);
                }
            }
            List<ChunkRead> everything = new QueryPlanner(ds).everything();
            assertThat(pulled(ds, everything, 1)).hasSize(39_918);
        }
    }

    @Test
    void aFlippedByteInAWholeChunkIsAnError() throws IOException {
        Path ds = convert("flipped", Codec.BGZF);
        DatasetEditor editor = new DatasetEditor(ds);
        ChunkEntry chunk = editor.table("20").get(1);
        Path file = TestFiles.generation(ds).resolve(DatasetLayout.chunkKey("20", chunk));
        byte[] data = Files.readAllBytes(file);
        data[data.length / 2] ^= 0x10;
        Files.write(file, data);
        Dataset opened = Dataset.open(new LocalObjectStore(ds));
        List<ChunkRead> plan = new QueryPlanner(opened).plan(List.of(new RegionParser(opened.header()).parse("20")));
        assertThatThrownBy(() -> pulled(opened, plan, 1)).isInstanceOf(FormatException.class);
    }

    @Test
    void aMissingChunkObjectIsAnError() throws IOException {
        Path ds = convert("missing", Codec.BGZF);
        DatasetEditor editor = new DatasetEditor(ds);
        ChunkEntry chunk = editor.table("11").get(2);
        Files.delete(TestFiles.generation(ds).resolve(DatasetLayout.chunkKey("11", chunk)));
        Dataset opened = Dataset.open(new LocalObjectStore(ds));
        List<ChunkRead> plan = new QueryPlanner(opened).plan(List.of(new RegionParser(opened.header()).parse("11")));
        assertThatThrownBy(() -> pulled(opened, plan, 64L << 20))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("missing");
    }
}
