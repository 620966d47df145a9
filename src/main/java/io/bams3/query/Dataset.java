package io.bams3.query;

import io.bams3.codec.BamHeader;
import io.bams3.codec.BamWriter;
import io.bams3.codec.FormatException;
import io.bams3.format.BlockIndex;
import io.bams3.format.ChunkEntry;
import io.bams3.format.ChunkInvariants;
import io.bams3.format.ChunkTable;
import io.bams3.format.Codec;
import io.bams3.format.Crc32c;
import io.bams3.format.DatasetLayout;
import io.bams3.format.DatasetMetadata;
import io.bams3.store.ObjectNotFoundException;
import io.bams3.store.ObjectStore;
import io.bams3.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An opened dataset: metadata and header read and checked; chunk tables fetched on first use and
 * kept; block indexes fetched per query. Every index object is checked against its CRC32C.
 */
public final class Dataset {
    private final ObjectStore store;
    private final DatasetMetadata metadata;
    private final BamHeader header;
    private final Map<Integer, List<ChunkEntry>> tables = new ConcurrentHashMap<>();
    private final IndexCache indexCache;
    private volatile byte[] headerBlocks;

    private Dataset(ObjectStore store, DatasetMetadata metadata, BamHeader header, IndexCache indexCache) {
        this.store = store;
        this.metadata = metadata;
        this.header = header;
        this.indexCache = indexCache;
    }

    /** Largest metadata object and header text {@link #open(ObjectStore)} reads by default. */
    public static final long MAX_HEADER_BYTES = 1L << 30;

    public static Dataset open(ObjectStore store) {
        return open(store, IndexCache.none(), MAX_HEADER_BYTES);
    }

    /**
     * Opens a dataset whose block indexes are kept in {@code indexCache}, refusing one whose
     * metadata object or header text is larger than {@code maxHeaderBytes} before reading more
     * than that ({@link DatasetTooLargeException}).
     */
    public static Dataset open(ObjectStore store, IndexCache indexCache, long maxHeaderBytes) {
        // on a store with parallel requests the header is fetched alongside the metadata (one round trip)
        CompletableFuture<byte[]> header = store.parallelism() > 1
                ? CompletableFuture.supplyAsync(() -> read(store, DatasetLayout.HEADER, maxHeaderBytes, "header"))
                : null;
        DatasetMetadata metadata;
        try {
            metadata = readMetadata(store, maxHeaderBytes);
            if (metadata.header().bytes() > maxHeaderBytes) {
                throw new DatasetTooLargeException("its header text has "
                        + metadata.header().bytes() + " bytes, more than the " + maxHeaderBytes + " this reader opens");
            }
        } catch (RuntimeException e) {
            if (header != null) {
                header.cancel(true);
            }
            throw e;
        }
        byte[] text = header != null && metadata.header().key().equals(DatasetLayout.HEADER)
                ? join(header)
                : read(store, metadata.header().key(), maxHeaderBytes, "header");
        check(text, metadata.header().crc32c(), store, metadata.header().key());
        checkHeaderSize(text, metadata, store);
        List<BamHeader.Reference> refs = metadata.references().stream()
                .map(r -> new BamHeader.Reference(r.name(), r.length()))
                .toList();
        return new Dataset(store, metadata, new BamHeader(text, refs), indexCache);
    }

    /** Reads only the metadata object (what stats needs). */
    public static DatasetMetadata readMetadata(ObjectStore store) {
        return readMetadata(store, MAX_HEADER_BYTES);
    }

    private static DatasetMetadata readMetadata(ObjectStore store, long maxBytes) {
        byte[] json;
        try {
            json = bounded(store, DatasetLayout.METADATA, maxBytes, "metadata object");
        } catch (ObjectNotFoundException e) {
            throw new DatasetNotFoundException(
                    "not a BAMS3 dataset: " + store.location() + " (no " + DatasetLayout.METADATA + ")");
        }
        return DatasetMetadata.fromJson(json, store.location() + "/" + DatasetLayout.METADATA);
    }

    /** The whole object, or {@link DatasetTooLargeException} once it proves longer than {@code maxBytes}. */
    private static byte[] bounded(ObjectStore store, String key, long maxBytes, String what) {
        int limit = (int) Math.min(maxBytes, Integer.MAX_VALUE - 16);
        byte[] data;
        try (InputStream in = store.get(key, null)) {
            data = in.readNBytes(limit + 1);
        } catch (IOException e) {
            throw new StoreException("cannot read " + store.location() + "/" + key + ": " + e.getMessage(), e);
        }
        if (data.length > limit) {
            throw new DatasetTooLargeException(
                    "its " + what + " has more than the " + limit + " bytes this reader opens");
        }
        return data;
    }

    public ObjectStore store() {
        return store;
    }

    public DatasetMetadata metadata() {
        return metadata;
    }

    public BamHeader header() {
        return header;
    }

    public Codec codec() {
        return metadata.codecValue();
    }

    /** The header as the BGZF block(s) that start a BAM; computed once. */
    public byte[] headerBlocks() {
        byte[] b = headerBlocks;
        if (b == null) {
            b = BamWriter.headerBlocks(header);
            headerBlocks = b;
        }
        return b;
    }

    /** Chunk table of a reference, or of the unplaced records for {@link Region#UNPLACED}. */
    public List<ChunkEntry> chunks(int refIndex) {
        return tables.computeIfAbsent(refIndex, this::loadTable);
    }

    private List<ChunkEntry> loadTable(int refIndex) {
        int count;
        String crc;
        String key;
        if (refIndex == Region.UNPLACED) {
            count = metadata.unplaced().chunks();
            crc = metadata.unplaced().indexCrc32c();
            key = DatasetLayout.unplacedTableKey();
        } else {
            DatasetMetadata.ReferenceSummary r = metadata.references().get(refIndex);
            count = r.chunks();
            crc = r.indexCrc32c();
            key = DatasetLayout.chunkTableKey(r.name());
        }
        if (count == 0) {
            return List.of();
        }
        byte[] data = read(store, key);
        check(data, crc, store, key);
        List<ChunkEntry> entries = ChunkTable.decode(data, store.location() + "/" + key);
        if (entries.size() != count) {
            throw new FormatException(
                    store.location() + "/" + key + " lists " + entries.size() + " chunks, metadata says " + count);
        }
        checkTable(refIndex, entries, store.location() + "/" + key);
        return entries;
    }

    public String chunkKey(int refIndex, ChunkEntry chunk, int ordinal) {
        return refIndex == Region.UNPLACED
                ? DatasetLayout.unplacedChunkKey(ordinal)
                : DatasetLayout.chunkKey(header.references().get(refIndex).name(), chunk);
    }

    public BlockIndex blockIndex(int refIndex, ChunkEntry chunk) {
        String key =
                DatasetLayout.blockIndexKey(header.references().get(refIndex).name(), chunk);
        return indexCache.get(
                store.location() + "/" + key + "#" + DatasetMetadata.hex(chunk.indexCrc32c()),
                () -> loadBlockIndex(key, chunk));
    }

    private BlockIndex loadBlockIndex(String key, ChunkEntry chunk) {
        byte[] data = read(store, key);
        check(data, DatasetMetadata.hex(chunk.indexCrc32c()), store, key);
        BlockIndex index = BlockIndex.decode(data, store.location() + "/" + key);
        ChunkInvariants.blockIndex(index, chunk, store.location() + "/" + key);
        return index;
    }

    /** A chunk table against its reference and the metadata's totals (docs/FORMAT.md §11). */
    private void checkTable(int refIndex, List<ChunkEntry> entries, String source) {
        if (refIndex == Region.UNPLACED) {
            ChunkInvariants.unplacedTable(entries, source);
            ChunkInvariants.totals(
                    entries, metadata.unplaced().records(), metadata.unplaced().bytes(), source);
        } else {
            DatasetMetadata.ReferenceSummary r = metadata.references().get(refIndex);
            ChunkInvariants.placedTable(entries, r.length(), source);
            ChunkInvariants.totals(entries, r.records(), r.bytes(), source);
        }
    }

    private static void checkHeaderSize(byte[] text, DatasetMetadata metadata, ObjectStore store) {
        if (text.length != metadata.header().bytes()) {
            throw new FormatException(store.location() + "/" + metadata.header().key() + " has " + text.length
                    + " bytes, metadata says " + metadata.header().bytes());
        }
    }

    private static byte[] join(CompletableFuture<byte[]> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

    private static byte[] read(ObjectStore store, String key) {
        try {
            return store.getBytes(key);
        } catch (ObjectNotFoundException e) {
            throw missing(store, key);
        }
    }

    private static byte[] read(ObjectStore store, String key, long maxBytes, String what) {
        try {
            return bounded(store, key, maxBytes, what);
        } catch (ObjectNotFoundException e) {
            throw missing(store, key);
        }
    }

    /** The error for an object the dataset refers to that is not in the store. */
    public FormatException missing(String key) {
        return missing(store, key);
    }

    private static FormatException missing(ObjectStore store, String key) {
        String what = key.startsWith(DatasetLayout.DATA_DIR) ? "chunk " : "";
        return new FormatException("dataset " + store.location() + " is missing " + what + key);
    }

    /**
     * Roughly the heap this opened dataset holds (header text, reference list and metadata, name
     * index), for weighing it in a cache; chunk tables read later are not counted.
     */
    public long retainedBytes() {
        long perReference = 0;
        for (BamHeader.Reference r : header.references()) {
            // the name twice (header and metadata), two records, a map entry
            perReference += 2L * r.name().length() + 200;
        }
        return 1024 + header.text().length + perReference;
    }

    private static void check(byte[] data, String expectedHex, ObjectStore store, String key) {
        if (Crc32c.of(data) != DatasetMetadata.parseHex(expectedHex)) {
            throw new FormatException(store.location() + "/" + key + " fails its CRC32C check");
        }
    }
}
