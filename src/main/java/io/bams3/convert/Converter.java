package io.bams3.convert;

import io.bams3.format.BamHeader;
import io.bams3.format.BamRecordView;
import io.bams3.format.BlockCodec;
import io.bams3.format.Codec;
import io.bams3.format.DatasetLayout;
import io.bams3.format.DatasetMetadata;
import io.bams3.format.FlagStats;
import io.bams3.store.ObjectInfo;
import io.bams3.store.ObjectStore;
import io.bams3.store.StoreException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32C;

/**
 * BAM -> BAMS3 in one streaming pass. The reading thread parses records and groups them into
 * units; {@code threads} workers compress units in parallel; units are handed to the
 * {@link DatasetWriter} in file order, with at most {@code 4 x threads} units in flight. The
 * metadata object is written last, so an interrupted conversion leaves no dataset; the partial
 * objects it wrote are removed on failure and before the next attempt.
 */
public final class Converter {
    private static final List<String> LAYOUT_PREFIXES =
            List.of(DatasetLayout.METADATA, DatasetLayout.HEADER, DatasetLayout.INDEX_DIR, DatasetLayout.DATA_DIR);

    private final ConvertOptions options;
    private final ProgressListener progress;

    public Converter(ConvertOptions options, ProgressListener progress) {
        this.options = options;
        this.progress = progress;
    }

    public DatasetMetadata convert(Path bam, ObjectStore store) throws IOException {
        return convert(BamInput.file(bam), store);
    }

    /** Converts a BAM read from {@code input} (a file, or an object streamed from a store). */
    public DatasetMetadata convert(BamInput bam, ObjectStore store) throws IOException {
        checkDestination(store);
        if (store.head(DatasetLayout.METADATA).isPresent()) {
            Optional<ObjectStore.Staging> staging = store.stage();
            if (staging.isPresent()) {
                // replace in one step at the end: a failed conversion leaves the old dataset as it was
                try {
                    DatasetMetadata m = convertInto(bam, staging.get().store());
                    staging.get().commit();
                    return m;
                } catch (IOException | RuntimeException | Error e) {
                    staging.get().discard();
                    throw e;
                }
            }
        }
        return convertInto(bam, store);
    }

    private DatasetMetadata convertInto(BamInput bam, ObjectStore store) throws IOException {
        try (BamSource source = new BamSource(bam)) {
            clear(store);
            try {
                return run(source, bam, store);
            } catch (RuntimeException | IOException | Error e) {
                try {
                    clear(store);
                } catch (RuntimeException cleanup) {
                    e.addSuppressed(cleanup); // the conversion's failure is the one to report
                }
                throw e;
            }
        }
    }

    private void checkDestination(ObjectStore store) {
        if (store.head(DatasetLayout.METADATA).isPresent() && !options.force()) {
            throw new ConversionException("dataset already exists: " + store.location() + " (use --force to replace it)");
        }
        for (ObjectInfo o : store.list("")) {
            if (LAYOUT_PREFIXES.stream().noneMatch(o.key()::startsWith)) {
                throw new ConversionException(store.location() + " holds other files (" + o.key()
                        + "); refusing to write a dataset there");
            }
        }
    }

    /** Removes an existing or partial dataset, metadata first so that readers stop seeing it. */
    private static void clear(ObjectStore store) {
        for (String prefix : LAYOUT_PREFIXES) {
            store.deletePrefix(prefix);
        }
    }

    private DatasetMetadata run(BamSource source, BamInput bam, ObjectStore store) throws IOException {
        BamHeader header = source.header();
        BlockCodec codec = options.codec().blockCodec();
        ObjectUploads uploads = new ObjectUploads(store, Math.max(1, Math.min(4, store.parallelism())));
        DatasetWriter writer = new DatasetWriter(uploads, header, options);
        int refs = header.references().size();
        long[] mapped = new long[refs];
        long[] unmapped = new long[refs];
        FlagStats.Counter flagstat = new FlagStats.Counter();

        ExecutorService pool = Executors.newFixedThreadPool(options.threads(), r -> {
            Thread t = new Thread(r, "bams3-compress");
            t.setDaemon(true);
            return t;
        });
        ArrayDeque<Future<Unit>> inflight = new ArrayDeque<>();
        int maxInflight = options.threads() * 4;
        int target = codec.targetUncompressedSize();
        UnitBuilder unit = new UnitBuilder(target);
        boolean reuseBlocks = options.codec() == Codec.BGZF;
        long nextProgress = 0;
        List<DatasetMetadata.ReferenceSummary> summaries;
        try {
            while (source.nextBlock()) {
                int n = source.count();
                int firstRef = source.record(0).refId();
                for (int i = 0; i < n; i++) {
                    BamRecordView r = source.record(i);
                    int ref = r.refId();
                    if (ref >= 0) {
                        if (r.hasFlag(BamRecordView.FLAG_UNMAPPED)) unmapped[ref]++; else mapped[ref]++;
                    }
                    flagstat.add(r);
                }
                if (reuseBlocks && source.wholeBlock() && source.record(n - 1).refId() == firstRef) {
                    // the source block already is a valid unit: whole records of one reference
                    if (!unit.isEmpty()) {
                        submit(unit.take(), codec, pool, inflight, maxInflight, writer);
                    }
                    unit.addAll(source, n);
                    Unit reused = unit.takeCompressed(source.compressedBlock());
                    inflight.add(CompletableFuture.completedFuture(reused));
                    drain(inflight, maxInflight, writer);
                } else {
                    for (int i = 0; i < n; i++) {
                        BamRecordView r = source.record(i);
                        if (!unit.isEmpty() && (r.refId() != unit.refId || unit.length + r.totalLength() > target)) {
                            submit(unit.take(), codec, pool, inflight, maxInflight, writer);
                        }
                        unit.add(r);
                        if (unit.length >= target) {
                            submit(unit.take(), codec, pool, inflight, maxInflight, writer);
                        }
                    }
                }
                if (source.records() >= nextProgress) {
                    progress.progress(source.bytesConsumed(), source.size(), source.records());
                    nextProgress = source.records() + 50_000;
                }
            }
            if (!unit.isEmpty()) {
                submit(unit.take(), codec, pool, inflight, maxInflight, writer);
            }
            while (!inflight.isEmpty()) {
                writer.accept(await(inflight.poll()));
            }
            summaries = writer.finish(mapped, unmapped);
        } finally {
            pool.shutdownNow();
            uploads.close();
        }
        String sha256 = source.finishChecksum();
        progress.progress(source.size(), source.size(), source.records());

        byte[] text = header.text();
        store.putBytes(DatasetLayout.HEADER, text);
        CRC32C headerCrc = new CRC32C();
        headerCrc.update(text);
        DatasetMetadata metadata = new DatasetMetadata(DatasetMetadata.FORMAT, DatasetMetadata.VERSION,
                options.codec().id(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                new DatasetMetadata.Source(bam.fileName(), source.size(), sha256),
                options.chunkTargetBytes(), source.records(),
                new DatasetMetadata.Header(DatasetLayout.HEADER, text.length, DatasetMetadata.hex((int) headerCrc.getValue())),
                summaries, writer.unplaced(), flagstat.result());
        publish(store, metadata);
        return metadata;
    }

    /** Streams the metadata into its object, which appears only once complete. */
    private static void publish(ObjectStore store, DatasetMetadata metadata) {
        ObjectStore.ObjectWriter w = store.put(DatasetLayout.METADATA);
        boolean published = false;
        try {
            metadata.writeJson(w);
            w.close();
            published = true;
        } catch (IOException e) {
            throw new StoreException("cannot write " + store.location() + "/" + DatasetLayout.METADATA + ": "
                    + e.getMessage(), e);
        } finally {
            if (!published) {
                w.abort();
            }
        }
    }

    private static void submit(UnitBuilder.Pending p, BlockCodec codec, ExecutorService pool,
                               ArrayDeque<Future<Unit>> inflight, int maxInflight, DatasetWriter writer) {
        inflight.add(pool.submit(() -> new Unit(p.refId(), p.firstPos(), p.lastPos(), p.maxEnd(), p.records(),
                codec.compress(p.data(), p.data().length))));
        drain(inflight, maxInflight, writer);
    }

    private static void drain(ArrayDeque<Future<Unit>> inflight, int maxInflight, DatasetWriter writer) {
        while (inflight.size() > maxInflight) {
            writer.accept(await(inflight.poll()));
        }
    }

    private static Unit await(Future<Unit> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("conversion interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof IOException io) throw new UncheckedIOException(io);
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Accumulates whole records of one reference until a unit is full. */
    private static final class UnitBuilder {
        record Pending(int refId, int firstPos, int lastPos, int maxEnd, int records, byte[] data) { }

        private byte[] buf;
        int length;
        int refId;
        private int firstPos;
        private int lastPos;
        private int maxEnd;
        private int records;

        UnitBuilder(int capacity) { buf = new byte[capacity]; }

        boolean isEmpty() { return records == 0; }

        void add(BamRecordView r) {
            int n = r.totalLength();
            if (length + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(length + n, buf.length * 2));
            }
            System.arraycopy(r.buffer(), r.offset(), buf, length, n);
            length += n;
            track(r);
        }

        /** Takes the positions of the last source block's records, whose bytes are not copied. */
        void addAll(BamSource source, int n) {
            for (int i = 0; i < n; i++) {
                track(source.record(i));
            }
        }

        private void track(BamRecordView r) {
            if (records == 0) {
                refId = r.refId();
                firstPos = r.pos();
                maxEnd = Integer.MIN_VALUE;
            }
            lastPos = r.pos();
            maxEnd = Math.max(maxEnd, r.refId() < 0 ? -1 : r.end());
            records++;
        }

        /** A unit of the records added by {@link #addAll} with their already compressed bytes. */
        Unit takeCompressed(byte[] compressed) {
            Unit u = new Unit(refId, firstPos, lastPos, maxEnd, records, compressed);
            length = 0;
            records = 0;
            return u;
        }

        Pending take() {
            Pending p = new Pending(refId, firstPos, lastPos, maxEnd, records, Arrays.copyOf(buf, length));
            length = 0;
            records = 0;
            return p;
        }
    }
}
