package io.bams3.bench;

import htsjdk.samtools.BAMFileSpan;
import htsjdk.samtools.BAMIndex;
import htsjdk.samtools.Chunk;
import htsjdk.samtools.SAMRecord;
import htsjdk.samtools.SAMRecordIterator;
import htsjdk.samtools.SamInputResource;
import htsjdk.samtools.SamReader;
import htsjdk.samtools.SamReaderFactory;
import htsjdk.samtools.ValidationStringency;
import io.bams3.query.Region;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The baseline BAMS3 is compared with: the BGZF blocks of the source BAM that a BAI-driven reader
 * decodes for a region. The chunks come from htsjdk's index (bins overlapping the region, trimmed
 * by the linear index); they are read in file order until the first record past the region, as
 * htsjdk's and htslib's iterators do. I/O buffering is left out, as it is for BAMS3.
 */
public final class BaiBaseline implements AutoCloseable {
    private final SamReader reader;
    private final BAMIndex index;
    private final FileChannel bam;

    /** Bytes of whole BGZF blocks decoded, and records returned, for one query. */
    public record Result(long bytes, long records) {}

    public BaiBaseline(Path bamPath) throws IOException {
        this.reader = SamReaderFactory.makeDefault()
                .validationStringency(ValidationStringency.SILENT)
                .enable(SamReaderFactory.Option.INCLUDE_SOURCE_IN_RECORDS)
                .open(SamInputResource.of(bamPath).index(indexOf(bamPath)));
        this.index = reader.indexing().getIndex();
        this.bam = FileChannel.open(bamPath, StandardOpenOption.READ);
    }

    /** The .bai next to a BAM: NAME.bai or NAME.bam.bai. */
    public static Path indexOf(Path bam) {
        Path sibling = bam.resolveSibling(bam.getFileName().toString().replaceFirst("\\.bam$", ".bai"));
        return Files.exists(sibling) ? sibling : bam.resolveSibling(bam.getFileName() + ".bai");
    }

    public Result query(Region region) {
        int ref = reader.getFileHeader().getSequenceIndex(region.refName());
        BAMFileSpan span = index.getSpanOverlapping(ref, region.beg() + 1, region.end());
        if (span == null || span.getChunks().isEmpty()) {
            return new Result(0, 0);
        }
        long records = 0;
        long lastEnd = -1;
        try (SAMRecordIterator it = reader.queryOverlapping(region.refName(), region.beg() + 1, region.end())) {
            while (it.hasNext()) {
                SAMRecord r = it.next();
                lastEnd = ((BAMFileSpan) r.getFileSource().getFilePointer())
                        .getChunks()
                        .get(0)
                        .getChunkEnd();
                records++;
            }
        }
        // the iterator stops in the block where the record after the last returned one starts
        long stop = lastEnd < 0 ? blockEnd(span.getChunks().get(0).getChunkStart() >>> 16) : blockEnd(lastEnd >>> 16);
        return new Result(blockBytes(span.getChunks(), stop), records);
    }

    /** Bytes of the blocks the chunks touch, merged, up to {@code stop}. */
    private long blockBytes(List<Chunk> chunks, long stop) {
        List<long[]> ranges = new ArrayList<>();
        for (Chunk c : chunks) {
            long from = c.getChunkStart() >>> 16;
            long endBlock = c.getChunkEnd() >>> 16;
            long to = (c.getChunkEnd() & 0xffff) == 0 ? endBlock : blockEnd(endBlock);
            if (from < stop) {
                ranges.add(new long[] {from, Math.min(to, stop)});
            }
        }
        ranges.sort(Comparator.comparingLong(r -> r[0]));
        long total = 0;
        long from = 0;
        long to = 0;
        for (long[] r : ranges) {
            if (r[0] > to) {
                total += to - from;
                from = r[0];
            }
            to = Math.max(to, r[1]);
        }
        return total + (to - from);
    }

    /** File offset just past the BGZF block that starts at {@code offset}. */
    private long blockEnd(long offset) {
        ByteBuffer header = ByteBuffer.allocate(18).order(ByteOrder.LITTLE_ENDIAN);
        try {
            while (header.hasRemaining()) {
                if (bam.read(header, offset + header.position()) < 0) {
                    throw new IOException("BGZF block header at " + offset + " is past the end of the file");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return offset + (header.getShort(16) & 0xffff) + 1;
    }

    @Override
    public void close() throws IOException {
        bam.close();
        reader.close();
    }
}
