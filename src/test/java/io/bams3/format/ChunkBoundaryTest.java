package io.bams3.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bams3.codec.BamRecordView;
import io.bams3.codec.BgzfBlockCodec;
import io.bams3.codec.RecordStreamReader;
import io.bams3.convert.ConvertOptions;
import io.bams3.convert.Converter;
import io.bams3.convert.ProgressListener;
import io.bams3.query.Dataset;
import io.bams3.store.LocalObjectStore;
import io.bams3.testing.Bams3Queries;
import io.bams3.testing.EdgeCaseBam;
import io.bams3.testing.HtsjdkOracle;
import io.bams3.testing.Samtools;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bgzf chunk layout promise: every unit starts at a record boundary, so BAM header + any run
 * of whole units + EOF block is a valid BAM. Also: every record is in exactly one chunk, records
 * bigger than a BGZF block span several blocks, pile-ups larger than a chunk get numbered parts.
 */
@Tag("samtools")
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChunkBoundaryTest {
    @TempDir
    static Path dir;

    private Path source;
    private Dataset ds;

    @BeforeAll
    void convert() throws IOException {
        source = EdgeCaseBam.write(dir.resolve("edge.bam"), 11);
        Path out = dir.resolve("edge.bams3");
        new Converter(new ConvertOptions(Codec.BGZF, 24 << 10, 2, false), ProgressListener.NONE)
                .convert(source, new LocalObjectStore(out));
        ds = Dataset.open(new LocalObjectStore(out));
    }

    /** A random run of whole units of one chunk, with the header and an EOF block: a BAM file. */
    private record Slice(byte[] bam, int firstPos) {}

    /** One slice of every chunk (the same slices every run). */
    private List<Slice> slices() throws IOException {
        Random rnd = new Random(3);
        byte[] header = ds.header().toBamBytes();
        List<Slice> out = new ArrayList<>();
        for (int ref = 0; ref < ds.header().references().size(); ref++) {
            List<ChunkEntry> chunks = ds.chunks(ref);
            for (int c = 0; c < chunks.size(); c++) {
                ChunkEntry e = chunks.get(c);
                byte[] chunk = ds.store().getBytes(ds.chunkKey(ref, e, c));
                BlockIndex index = ds.blockIndex(ref, e);
                int from = rnd.nextInt(index.size());
                int to = from + 1 + rnd.nextInt(index.size() - from);
                long start = index.offsets()[from];
                long end = to < index.size() ? index.offsets()[to] : chunk.length;
                ByteArrayOutputStream bam = new ByteArrayOutputStream();
                new BgzfBlockCodec().write(header, header.length, bam);
                bam.write(chunk, (int) start, (int) (end - start));
                bam.write(BgzfBlockCodec.EOF_BLOCK);
                out.add(new Slice(bam.toByteArray(), index.firstPos()[from]));
            }
        }
        return out;
    }

    @Test
    void anyRunOfWholeUnitsWithHeaderAndEofIsAValidBam() throws IOException {
        List<Slice> slices = slices();
        for (Slice slice : slices) {
            List<String> records = HtsjdkOracle.records(slice.bam());
            assertThat(records).isNotEmpty();
            assertThat(records.get(0).split("\t")[3]).isEqualTo(String.valueOf(slice.firstPos() + 1));
        }
        assertThat(slices).hasSizeGreaterThan(50);
    }

    @Test
    void samtoolsReadsEveryTenthSliceAsHtsjdkDoes() throws IOException {
        assumeTrue(Samtools.available(), "samtools is not installed");
        List<Slice> slices = slices();
        Path f = dir.resolve("slice.bam");
        for (int i = 0; i < slices.size(); i += 10) {
            Files.write(f, slices.get(i).bam());
            assertThat(Samtools.run("view", "-c", f.toString()).get(0))
                    .isEqualTo(String.valueOf(
                            HtsjdkOracle.records(slices.get(i).bam()).size()));
        }
    }

    @Test
    void everyRecordIsInExactlyOneChunk() throws IOException {
        List<String> all;
        try (HtsjdkOracle oracle = new HtsjdkOracle(source)) {
            all = oracle.all();
        }
        long inChunks = 0;
        for (int ref = -1; ref < ds.header().references().size(); ref++) {
            inChunks += ds.chunks(ref).stream().mapToLong(ChunkEntry::records).sum();
        }
        assertThat(inChunks).isEqualTo(all.size());
        assertThat(HtsjdkOracle.records(Bams3Queries.bam(ds, List.of()))).containsExactlyElementsOf(all);
    }

    @Test
    void largeRecordsSpanSeveralBgzfBlocksInOneUnit() throws IOException {
        int chrB = ds.header().referenceIndex("chrB");
        int multiBlockUnits = 0;
        List<ChunkEntry> chunks = ds.chunks(chrB);
        for (int c = 0; c < chunks.size(); c++) {
            ChunkEntry e = chunks.get(c);
            byte[] chunk = ds.store().getBytes(ds.chunkKey(chrB, e, c));
            BlockIndex index = ds.blockIndex(chrB, e);
            for (int i = 0; i < index.size(); i++) {
                long end = i + 1 < index.size() ? index.offsets()[i + 1] : chunk.length;
                int blocks = 0;
                for (long p = index.offsets()[i]; p < end; ) {
                    int size = ((chunk[(int) p + 16] & 0xff) | (chunk[(int) p + 17] & 0xff) << 8) + 1;
                    p += size;
                    blocks++;
                }
                if (blocks > 1) {
                    multiBlockUnits++;
                    byte[] unit = Arrays.copyOfRange(chunk, (int) index.offsets()[i], (int) end);
                    var in = new BgzfBlockCodec().decompress(new ByteArrayInputStream(unit), "unit");
                    BamRecordView r = new RecordStreamReader(in).next();
                    assertThat(r.totalLength()).isGreaterThan(BgzfBlockCodec.MAX_BLOCK_DATA);
                }
            }
        }
        assertThat(multiBlockUnits)
                .as("the six 120 kb reads and the long-CIGAR read")
                .isEqualTo(7);
    }

    @Test
    void pileUpsLargerThanTheHardLimitAreSplitIntoParts() {
        int ref = ds.header().referenceIndex(EdgeCaseBam.PILEUP_REF);
        List<ChunkEntry> atPile = ds.chunks(ref).stream()
                .filter(e -> e.firstPos() == EdgeCaseBam.PILEUP_POS && e.lastPos() == EdgeCaseBam.PILEUP_POS)
                .toList();
        assertThat(atPile).hasSizeGreaterThan(1);
        assertThat(atPile.stream().map(ChunkEntry::part).distinct().count()).isEqualTo(atPile.size());
        assertThat(atPile.stream().map(e -> ds.chunkKey(ref, e, 0)).distinct().count())
                .isEqualTo(atPile.size());
    }
}
