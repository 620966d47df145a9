package io.bams3.convert;

import io.bams3.codec.BamHeader;
import io.bams3.codec.BamRecordView;
import io.bams3.format.Codec;
import io.bams3.format.Crc32c;
import io.bams3.format.DatasetLayout;
import io.bams3.format.DatasetMetadata;
import io.bams3.store.ObjectInfo;
import io.bams3.store.ObjectStore;
import io.bams3.store.StoreException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

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
            throw new ConversionException(
                    "dataset already exists: " + store.location() + " (use --force to replace it)");
        }
        for (ObjectInfo o : store.list("")) {
            if (LAYOUT_PREFIXES.stream().noneMatch(o.key()::startsWith)) {
                throw new ConversionException(
                        store.location() + " holds other files (" + o.key() + "); refusing to write a dataset there");
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
        SourceCounts counts = new SourceCounts(header.references().size());
        ObjectUploads uploads = new ObjectUploads(store, Math.max(1, Math.min(4, store.parallelism())));
        DatasetWriter writer = new DatasetWriter(uploads, header, options);
        List<DatasetMetadata.ReferenceSummary> summaries;
        try (uploads;
                CompressionPipeline pipeline =
                        new CompressionPipeline(options.codec().blockCodec(), options.threads(), writer)) {
            cutUnits(source, counts, pipeline);
            pipeline.finish();
            summaries = writer.finish(counts.mapped(), counts.unmapped());
        }
        String sha256 = source.finishChecksum();
        // a stream's size is known once it has ended
        long sourceBytes = bam.sized() ? source.size() : source.bytesConsumed();
        progress.progress(sourceBytes, sourceBytes, source.records());

        byte[] text = header.text();
        store.putBytes(DatasetLayout.HEADER, text);
        DatasetMetadata metadata = new DatasetMetadata(
                DatasetMetadata.FORMAT,
                DatasetMetadata.VERSION,
                options.codec().id(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                new DatasetMetadata.Source(bam.fileName(), sourceBytes, sha256),
                options.chunkTargetBytes(),
                source.records(),
                new DatasetMetadata.Header(DatasetLayout.HEADER, text.length, DatasetMetadata.hex(Crc32c.of(text))),
                summaries,
                writer.unplaced(),
                counts.flagstat());
        publish(store, metadata);
        return metadata;
    }

    /**
     * Reads the source block by block, counts its records, and cuts them into units (FORMAT.md
     * section 6): a bgzf source block of whole records of one reference is reused as it is;
     * other records are grouped up to the codec's target size and compressed.
     */
    private void cutUnits(BamSource source, SourceCounts counts, CompressionPipeline pipeline) throws IOException {
        int target = options.codec().blockCodec().targetUncompressedSize();
        UnitBuilder unit = new UnitBuilder(target);
        boolean reuseBlocks = options.codec() == Codec.BGZF;
        long nextProgress = 0;
        while (source.nextBlock()) {
            int n = source.count();
            for (int i = 0; i < n; i++) {
                counts.add(source.record(i));
            }
            int firstRef = source.record(0).refId();
            if (reuseBlocks && source.wholeBlock() && source.record(n - 1).refId() == firstRef) {
                // the source block already is a valid unit: whole records of one reference
                if (!unit.isEmpty()) {
                    pipeline.compress(unit.take());
                }
                unit.addAll(source, n);
                pipeline.add(unit.takeCompressed(source.compressedBlock()));
            } else {
                for (int i = 0; i < n; i++) {
                    BamRecordView r = source.record(i);
                    if (!unit.isEmpty() && (r.refId() != unit.refId() || unit.length() + r.totalLength() > target)) {
                        pipeline.compress(unit.take());
                    }
                    unit.add(r);
                    if (unit.length() >= target) {
                        pipeline.compress(unit.take());
                    }
                }
            }
            if (source.records() >= nextProgress) {
                progress.progress(source.bytesConsumed(), source.size(), source.records());
                nextProgress = source.records() + 50_000;
            }
        }
        if (!unit.isEmpty()) {
            pipeline.compress(unit.take());
        }
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
            throw new StoreException(
                    "cannot write " + store.location() + "/" + DatasetLayout.METADATA + ": " + e.getMessage(), e);
        } finally {
            if (!published) {
                w.abort();
            }
        }
    }
}
