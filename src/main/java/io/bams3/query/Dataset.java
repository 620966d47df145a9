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
import io.bams3.format.MetadataV1;
import io.bams3.format.ReferenceSummary;
import io.bams3.store.ObjectChangedException;
import io.bams3.store.ObjectNotFoundException;
import io.bams3.store.ObjectStore;
import io.bams3.store.PrefixedObjectStore;
import io.bams3.store.StoreException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An opened dataset: metadata and header read and checked; reference summaries and chunk tables
 * fetched on first use and kept; block indexes fetched per query. Every index object is checked
 * against its CRC32C. Reads format versions 3 and 2 (objects under the generation the metadata names)
 * and version 1 (objects at the root, every reference in the metadata).
 */
public final class Dataset {
    private final ObjectStore store;
    private final DatasetMetadata metadata;
    private final BamHeader header;
    private final ReferenceSummaries summaries;
    private final Map<Integer, List<ChunkEntry>> tables = new ConcurrentHashMap<>();
    private final IndexCache indexCache;
    private volatile byte[] headerBlocks;

    private Dataset(
            ObjectStore store,
            DatasetMetadata metadata,
            BamHeader header,
            ReferenceSummaries summaries,
            IndexCache indexCache) {
        this.store = store;
        this.metadata = metadata;
        this.header = header;
        this.summaries = summaries;
        this.indexCache = indexCache;
    }

    /** Largest metadata object and header text {@link #open(ObjectStore)} reads by default. */
    public static final long MAX_HEADER_BYTES = 1L << 30;

    public static Dataset open(ObjectStore store) {
        return open(store, IndexCache.none(), MAX_HEADER_BYTES);
    }

    /**
     * Opens a dataset whose block indexes are kept in {@code indexCache}, refusing one whose
     * metadata object or header is larger than {@code maxHeaderBytes} before reading more than
     * that ({@link DatasetTooLargeException}). On a store with parallel requests the root copy of
     * the header is fetched alongside the metadata (one round trip); it is used if it is the one
     * the metadata describes (size and CRC32C), else the generation's own is read.
     */
    public static Dataset open(ObjectStore root, IndexCache indexCache, long maxHeaderBytes) {
        CompletableFuture<byte[]> rootHeader = root.parallelism() > 1
                ? IndexFetches.async(() -> bounded(root, DatasetLayout.HEADER, maxHeaderBytes, "header"))
                : null;
        try {
            StoredMetadata stored = readStored(root, maxHeaderBytes);
            if (stored.v1() != null) {
                return openV1(root, stored.v1(), indexCache, maxHeaderBytes);
            }
            DatasetMetadata metadata = stored.current();
            if (metadata.header().bytes() > maxHeaderBytes) {
                throw tooLarge(metadata.header().bytes(), maxHeaderBytes);
            }
            ObjectStore store = PrefixedObjectStore.of(root, metadata.generationPrefix());
            byte[] bam = rootCopy(rootHeader, metadata.header());
            if (bam == null) {
                bam = read(store, DatasetLayout.HEADER, maxHeaderBytes, "header");
                check(bam, metadata.header().crc32c(), store, DatasetLayout.HEADER);
            }
            BamHeader header = parseHeader(bam, metadata, store);
            List<Integer> lengths = header.references().stream()
                    .map(BamHeader.Reference::length)
                    .toList();
            return new Dataset(
                    store, metadata, header, ReferenceSummaries.byRange(store, metadata, lengths), indexCache);
        } finally {
            if (rootHeader != null) {
                rootHeader.cancel(true);
            }
        }
    }

    private static Dataset openV1(ObjectStore store, MetadataV1 v1, IndexCache indexCache, long maxHeaderBytes) {
        if (v1.header().bytes() > maxHeaderBytes) {
            throw tooLarge(v1.header().bytes(), maxHeaderBytes);
        }
        byte[] text = read(store, v1.header().key(), maxHeaderBytes, "header");
        check(text, v1.header().crc32c(), store, v1.header().key());
        if (text.length != v1.header().bytes()) {
            throw new FormatException(store.location() + "/" + v1.header().key() + " has " + text.length
                    + " bytes, metadata says " + v1.header().bytes());
        }
        List<BamHeader.Reference> refs = v1.references().stream()
                .map(r -> new BamHeader.Reference(r.name(), r.length()))
                .toList();
        DatasetMetadata metadata = v1.current();
        return new Dataset(
                store,
                metadata,
                new BamHeader(text, refs),
                ReferenceSummaries.of(store, metadata, v1.summaries()),
                indexCache);
    }

    /** The root copy of the header if it arrived and is the one described, else null. */
    private static byte[] rootCopy(CompletableFuture<byte[]> rootHeader, DatasetMetadata.Header expected) {
        if (rootHeader == null) {
            return null;
        }
        try {
            byte[] bam = rootHeader.join();
            return bam.length == expected.bytes() && Crc32c.of(bam) == DatasetMetadata.parseHex(expected.crc32c())
                    ? bam
                    : null;
        } catch (CompletionException | CancellationException e) {
            return null; // absent, being replaced, or unreadable: the generation's copy decides
        }
    }

    /** The binary header object: exactly one BAM header, with as many references as the table. */
    private static BamHeader parseHeader(byte[] bam, DatasetMetadata metadata, ObjectStore store) {
        String source = store.location() + "/" + DatasetLayout.HEADER;
        if (bam.length != metadata.header().bytes()) {
            throw new FormatException(source + " has " + bam.length + " bytes, metadata says "
                    + metadata.header().bytes());
        }
        ByteArrayInputStream in = new ByteArrayInputStream(bam);
        BamHeader header;
        try {
            header = BamHeader.read(in);
        } catch (IOException | FormatException e) {
            throw new FormatException(source + ": " + e.getMessage());
        }
        if (in.available() != 0) {
            throw new FormatException(source + " has " + in.available() + " bytes after the BAM header");
        }
        if (header.references().size() != metadata.references().count()) {
            throw new FormatException(
                    source + " lists " + header.references().size() + " references, the reference table "
                            + metadata.references().count());
        }
        Set<String> names = new HashSet<>();
        for (BamHeader.Reference r : header.references()) {
            if (r.name().isEmpty() || !names.add(r.name())) {
                throw new FormatException(source + ": reference name '" + r.name() + "' is empty or repeated");
            }
        }
        return header;
    }

    private static DatasetTooLargeException tooLarge(long bytes, long max) {
        return new DatasetTooLargeException(
                "its header has " + bytes + " bytes, more than the " + max + " this reader opens");
    }

    /** Reads only the metadata object (what {@code ls} needs); version 1 as its version 2 equivalent. */
    public static DatasetMetadata readMetadata(ObjectStore store) {
        return readStored(store, MAX_HEADER_BYTES).current();
    }

    /** The metadata object as read: a version 1 one is also kept as such ({@code v1} else null). */
    private record StoredMetadata(DatasetMetadata current, MetadataV1 v1) {}

    /**
     * Reads and parses the metadata object. One that was replaced while being read, or that does
     * not parse, is read once more before that is the answer: the object is overwritten in place
     * by every replacement, and a store whose overwrite is not atomic (S3Mock, some gateways) can
     * serve a mixture of two versions.
     */
    private static StoredMetadata readStored(ObjectStore store, long maxBytes) {
        try {
            return parse(store, metadataBytes(store, maxBytes));
        } catch (ObjectChangedException | FormatException e) {
            return parse(store, metadataBytes(store, maxBytes));
        }
    }

    private static StoredMetadata parse(ObjectStore store, byte[] json) {
        String source = store.location() + "/" + DatasetLayout.METADATA;
        if (DatasetMetadata.versionOf(json, source) == MetadataV1.VERSION) {
            MetadataV1 v1 = MetadataV1.fromJson(json, source);
            return new StoredMetadata(v1.current(), v1);
        }
        return new StoredMetadata(DatasetMetadata.fromJson(json, source), null);
    }

    private static byte[] metadataBytes(ObjectStore store, long maxBytes) {
        try {
            return bounded(store, DatasetLayout.METADATA, maxBytes, "metadata object");
        } catch (ObjectNotFoundException e) {
            throw new DatasetNotFoundException(
                    "not a BAMS3 dataset: " + store.location() + " (no " + DatasetLayout.METADATA + ")");
        }
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

    /** The summary of reference {@code ref} (its entry of the reference table), checked. */
    public ReferenceSummary summary(int ref) {
        return summaries.get(ref);
    }

    /** Every reference's summary, checked against the metadata's totals (reads the whole table). */
    public List<ReferenceSummary> summaries() {
        return summaries.all();
    }

    private List<ChunkEntry> loadTable(int refIndex) {
        if (refIndex == Region.UNPLACED) {
            DatasetMetadata.Unplaced u = metadata.unplaced();
            if (u.chunks() == 0) {
                return List.of();
            }
            String key = DatasetLayout.unplacedTableKey();
            List<ChunkEntry> entries = decodeTable(readChecked(store, key, u.indexCrc32c()), u.chunks(), key);
            ChunkInvariants.unplacedTable(entries, store.location() + "/" + key);
            ChunkInvariants.totals(entries, u.records(), u.bytes(), store.location() + "/" + key);
            return entries;
        }
        String key =
                DatasetLayout.chunkTableKey(header.references().get(refIndex).name());
        // the table's key needs only the name: fetched alongside the reference's summary, which says
        // whether there is a table and what it must be (a table of a reference without records is ignored)
        CompletableFuture<ReferenceSummary> pending = summaries.isKnown(refIndex) || store.parallelism() <= 1
                ? CompletableFuture.completedFuture(summaries.get(refIndex))
                : IndexFetches.async(() -> summaries.get(refIndex));
        byte[] data = null;
        if (!pending.isDone()) {
            try {
                data = store.getBytes(key);
            } catch (ObjectNotFoundException e) {
                data = null;
            } catch (RuntimeException e) {
                pending.cancel(true);
                throw e;
            }
        }
        ReferenceSummary r = join(pending);
        if (r.chunks() == 0) {
            return List.of();
        }
        if (data == null) {
            data = read(store, key);
        }
        check(data, DatasetMetadata.hex(r.indexCrc32c()), store, key);
        List<ChunkEntry> entries = decodeTable(data, r.chunks(), key);
        ChunkInvariants.placedTable(entries, r.length(), store.location() + "/" + key);
        ChunkInvariants.totals(entries, r.records(), r.bytes(), store.location() + "/" + key);
        return entries;
    }

    private List<ChunkEntry> decodeTable(byte[] data, int count, String key) {
        List<ChunkEntry> entries = ChunkTable.decode(data, store.location() + "/" + key);
        if (entries.size() != count) {
            throw new FormatException(
                    store.location() + "/" + key + " lists " + entries.size() + " chunks, metadata says " + count);
        }
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

    /**
     * The block indexes of several chunks of reference {@code refIndex}, in their order: fetched
     * at once on a store with parallel requests, so a region that ends in two chunks costs one
     * round trip for both.
     */
    public List<BlockIndex> blockIndexes(int refIndex, List<ChunkEntry> chunks) {
        if (chunks.size() <= 1 || store.parallelism() <= 1) {
            return chunks.stream().map(c -> blockIndex(refIndex, c)).toList();
        }
        List<CompletableFuture<BlockIndex>> pending = chunks.stream()
                .map(c -> IndexFetches.async(() -> blockIndex(refIndex, c)))
                .toList();
        try {
            return pending.stream().map(Dataset::join).toList();
        } finally {
            pending.forEach(f -> f.cancel(true));
        }
    }

    private BlockIndex loadBlockIndex(String key, ChunkEntry chunk) {
        byte[] data = read(store, key);
        check(data, DatasetMetadata.hex(chunk.indexCrc32c()), store, key);
        BlockIndex index = BlockIndex.decode(data, store.location() + "/" + key);
        if (index.version() != metadata.blockIndexVersion()) {
            throw new FormatException(store.location() + "/" + key + " is a version " + index.version()
                    + " block index in a format version " + metadata.formatVersion() + " dataset");
        }
        ChunkInvariants.blockIndex(index, chunk, store.location() + "/" + key);
        return index;
    }

    private static <T> T join(CompletableFuture<T> f) {
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

    /** A whole object that must be there, checked against its CRC32C. */
    static byte[] readChecked(ObjectStore store, String key, String expectedHex) {
        byte[] data = read(store, key);
        check(data, expectedHex, store, key);
        return data;
    }

    private static void check(byte[] data, String expectedHex, ObjectStore store, String key) {
        if (Crc32c.of(data) != DatasetMetadata.parseHex(expectedHex)) {
            throw new FormatException(store.location() + "/" + key + " fails its CRC32C check");
        }
    }
}
