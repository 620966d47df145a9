package io.bams3.convert;

import io.bams3.codec.BamHeader;
import io.bams3.format.BlockIndex;
import io.bams3.format.ChunkEntry;
import io.bams3.format.ChunkTable;
import io.bams3.format.Crc32c;
import io.bams3.format.DatasetLayout;
import io.bams3.format.DatasetMetadata;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Receives compressed units in file order and cuts them into chunk objects, writing each chunk,
 * its block index, and each reference's chunk table as soon as they are complete (in the
 * background, a bounded number at a time). Holds the units of the open chunk and of the chunks
 * still being written. Chunks close at a unit boundary once the target size is reached and
 * the position advances (so chunk position spans are disjoint), or at the hard size limit.
 */
final class DatasetWriter {
    private final ObjectUploads uploads;
    private final BamHeader header;
    private final ConvertOptions options;

    private final Map<Integer, ReferenceSummaries.Table> tables = new HashMap<>();
    private final List<ChunkEntry> tableEntries = new ArrayList<>();
    private int tableRef = Integer.MIN_VALUE;
    private long tableBytes;
    private int chunks;
    private long dataBytes;
    private DatasetMetadata.Unplaced unplaced = new DatasetMetadata.Unplaced(0, 0, 0, DatasetMetadata.hex(0));

    private final List<Unit> units = new ArrayList<>();
    private long chunkBytes;
    private int chunkRef = Integer.MIN_VALUE;
    private int chunkLastPos;
    private int part;
    private int lastClosedFirstPos = Integer.MIN_VALUE;

    DatasetWriter(ObjectUploads uploads, BamHeader header, ConvertOptions options) {
        this.uploads = uploads;
        this.header = header;
        this.options = options;
    }

    void accept(Unit u) {
        if (!units.isEmpty()) {
            boolean sameRef = u.refId() == chunkRef;
            boolean full = chunkBytes >= options.chunkTargetBytes() && (u.refId() < 0 || u.firstPos() > chunkLastPos);
            if (!sameRef || full || chunkBytes >= options.hardLimit()) {
                closeChunk();
            }
        }
        if (u.refId() != tableRef) {
            finishTable();
            tableRef = u.refId();
        }
        units.add(u);
        chunkRef = u.refId();
        chunkBytes += u.compressed().length;
        chunkLastPos = u.lastPos();
    }

    private void closeChunk() {
        int n = units.size();
        long[] offsets = new long[n];
        int[] firstPos = new int[n];
        int[] maxEnd = new int[n];
        int[] unitRecords = new int[n];
        int[] unitCrc = new int[n];
        CRC32C crc = new CRC32C();
        long offset = 0;
        long records = 0;
        int runningMax = Integer.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            Unit u = units.get(i);
            offsets[i] = offset;
            firstPos[i] = u.firstPos();
            runningMax = Math.max(runningMax, u.maxEnd());
            maxEnd[i] = u.maxEnd();
            unitRecords[i] = u.records();
            unitCrc[i] = Crc32c.of(u.compressed());
            offset += u.compressed().length;
            records += u.records();
            crc.update(u.compressed());
        }
        int first = units.get(0).firstPos();
        part = first == lastClosedFirstPos ? part + 1 : 0;
        lastClosedFirstPos = first;
        boolean placed = chunkRef >= 0;
        byte[] blockIndex = placed ? new BlockIndex(offsets, firstPos, maxEnd, unitRecords, unitCrc).encode() : null;
        int indexCrc = placed ? Crc32c.of(blockIndex) : 0;
        ChunkEntry entry = new ChunkEntry(
                first,
                units.get(n - 1).lastPos(),
                runningMax,
                placed ? part : 0,
                n,
                offset,
                records,
                (int) crc.getValue(),
                indexCrc);
        String key = placed
                ? DatasetLayout.chunkKey(refName(chunkRef), entry)
                : DatasetLayout.unplacedChunkKey(tableEntries.size());
        uploads.put(key, units.stream().map(Unit::compressed).toList());
        if (placed) {
            uploads.put(DatasetLayout.blockIndexKey(refName(chunkRef), entry), List.of(blockIndex));
        }
        tableEntries.add(entry);
        tableBytes += offset;
        units.clear();
        chunkBytes = 0;
    }

    private void finishTable() {
        if (tableEntries.isEmpty()) {
            return;
        }
        byte[] table = ChunkTable.encode(tableEntries);
        int crc = Crc32c.of(table);
        chunks += tableEntries.size();
        dataBytes += tableBytes;
        if (tableRef >= 0) {
            uploads.put(DatasetLayout.chunkTableKey(refName(tableRef)), List.of(table));
            tables.put(tableRef, new ReferenceSummaries.Table(tableEntries.size(), tableBytes, crc));
        } else {
            uploads.put(DatasetLayout.unplacedTableKey(), List.of(table));
            long records = tableEntries.stream().mapToLong(ChunkEntry::records).sum();
            unplaced = new DatasetMetadata.Unplaced(records, tableEntries.size(), tableBytes, DatasetMetadata.hex(crc));
        }
        tableEntries.clear();
        tableBytes = 0;
        lastClosedFirstPos = Integer.MIN_VALUE;
        part = 0;
    }

    /** Flushes the last chunk and table and waits for every write. */
    void finish() {
        if (!units.isEmpty()) {
            closeChunk();
        }
        finishTable();
        uploads.awaitAll();
    }

    /** The per-reference summaries (made on demand, see {@link ReferenceSummaries}). */
    ReferenceSummaries summaries(long[] mapped, long[] unmapped) {
        return new ReferenceSummaries(header.references(), mapped, unmapped, tables);
    }

    /** Chunks written, all references and the unplaced records. */
    int chunks() {
        return chunks;
    }

    /** Total size of the chunk objects written. */
    long dataBytes() {
        return dataBytes;
    }

    DatasetMetadata.Unplaced unplaced() {
        return unplaced;
    }

    private String refName(int ref) {
        return header.references().get(ref).name();
    }
}
