package io.bams3.convert;

import io.bams3.codec.BamHeader;
import io.bams3.codec.BamRecordView;
import io.bams3.format.Codec;
import io.bams3.format.DatasetLayout;
import io.bams3.format.DatasetMetadata;
import io.bams3.format.MetadataV1;
import io.bams3.format.ReferenceTable;
import io.bams3.store.ObjectInfo;
import io.bams3.store.ObjectStore;
import io.bams3.store.PrefixedObjectStore;
import io.bams3.store.StoreException;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

/**
 * BAM -> BAMS3 in one streaming pass. The reading thread parses records and groups them into
 * units; {@code threads} workers compress units in parallel; units are handed to the
 * {@link DatasetWriter} in file order, with at most {@code 4 x threads} units in flight.
 * Everything is written under a new generation; the metadata object, written last and replaced in
 * one step, makes it the dataset. An interrupted conversion therefore leaves the old dataset (or
 * none) as readers saw it, and its partial generation is removed. Generations replaced more than
 * {@link GenerationCollector#DEFAULT_GRACE} ago are removed at the end.
 */
public final class Converter {
    /** What a dataset prefix may hold: this version's objects, and those of version 1 it replaces. */
    private static final List<String> LAYOUT_PREFIXES = List.of(
            DatasetLayout.METADATA,
            DatasetLayout.HEADER,
            DatasetLayout.GENERATIONS_DIR,
            MetadataV1.HEADER_KEY,
            DatasetLayout.INDEX_DIR,
            DatasetLayout.DATA_DIR);

    private static final SecureRandom RANDOM = new SecureRandom();

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
    public DatasetMetadata convert(BamInput bam, ObjectStore root) throws IOException {
        checkDestination(root);
        String generation = DatasetLayout.newGeneration(Instant.now(), RANDOM.nextLong());
        String prefix = DatasetLayout.generationPrefix(generation);
        DatasetMetadata metadata;
        try (BamSource source = new BamSource(bam)) {
            try {
                metadata = run(source, bam, root, generation);
                publish(root, metadata);
            } catch (RuntimeException | IOException | Error e) {
                try {
                    root.deletePrefix(prefix);
                    if (root.head(DatasetLayout.METADATA).isEmpty()) {
                        root.deletePrefix(DatasetLayout.HEADER); // nothing was there before: nothing stays
                    }
                } catch (RuntimeException cleanup) {
                    e.addSuppressed(cleanup); // the conversion's failure is the one to report
                }
                throw e;
            }
        }
        GenerationCollector.collectQuietly(root, GenerationCollector.DEFAULT_GRACE, Instant.now());
        return metadata;
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

    /** Writes the generation and the root copy of its header; returns the metadata that publishes them. */
    private DatasetMetadata run(BamSource source, BamInput bam, ObjectStore root, String generation)
            throws IOException {
        ObjectStore store = PrefixedObjectStore.of(root, DatasetLayout.generationPrefix(generation));
        BamHeader header = source.header();
        SourceCounts counts = new SourceCounts(header.references().size());
        ObjectUploads uploads = new ObjectUploads(store, Math.max(1, Math.min(4, store.parallelism())));
        DatasetWriter writer = new DatasetWriter(uploads, header, options);
        DatasetMetadata.References references;
        try (uploads;
                CompressionPipeline pipeline =
                        new CompressionPipeline(options.codec().blockCodec(), options.threads(), writer)) {
            cutUnits(source, counts, pipeline);
            pipeline.finish();
            writer.finish();
            references = writeReferenceTable(store, writer.summaries(counts.mapped(), counts.unmapped()));
        }
        String sha256 = source.finishChecksum();
        // a stream's size is known once it has ended
        long sourceBytes = bam.sized() ? source.size() : source.bytesConsumed();
        progress.progress(sourceBytes, sourceBytes, source.records());

        DatasetMetadata.Header written = writeHeader(store, header);
        // a copy beside the metadata lets a reader fetch both at once
        writeHeader(root, header);
        return new DatasetMetadata(
                DatasetMetadata.FORMAT,
                DatasetMetadata.VERSION,
                options.codec().id(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                generation,
                new DatasetMetadata.Source(bam.fileName(), sourceBytes, sha256),
                options.chunkTargetBytes(),
                source.records(),
                writer.chunks(),
                writer.dataBytes(),
                written,
                references,
                writer.unplaced(),
                counts.flagstat());
    }

    /** Streams the binary header into its object; returns its size and CRC32C. */
    private static DatasetMetadata.Header writeHeader(ObjectStore store, BamHeader header) {
        ObjectStore.ObjectWriter w = store.put(DatasetLayout.HEADER);
        boolean written = false;
        try {
            CRC32C crc = new CRC32C();
            CheckedOutputStream out = new CheckedOutputStream(w, crc);
            header.write(out);
            out.flush();
            w.close();
            written = true;
            return new DatasetMetadata.Header(header.bamSize(), DatasetMetadata.hex((int) crc.getValue()));
        } catch (IOException e) {
            throw new StoreException(
                    "cannot write " + store.location() + "/" + DatasetLayout.HEADER + ": " + e.getMessage(), e);
        } finally {
            if (!written) {
                w.abort();
            }
        }
    }

    /** Streams the reference table into its object (one entry at a time: a header may list millions). */
    private static DatasetMetadata.References writeReferenceTable(ObjectStore store, ReferenceSummaries summaries) {
        ObjectStore.ObjectWriter w = store.put(DatasetLayout.REFERENCES);
        boolean written = false;
        try {
            int crc = ReferenceTable.write(w, summaries.size(), summaries::get);
            w.close();
            written = true;
            return new DatasetMetadata.References(
                    summaries.size(), ReferenceTable.size(summaries.size()), DatasetMetadata.hex(crc));
        } catch (IOException e) {
            throw new StoreException(
                    "cannot write " + store.location() + "/" + DatasetLayout.REFERENCES + ": " + e.getMessage(), e);
        } finally {
            if (!written) {
                w.abort();
            }
        }
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

    /** Writes the metadata object: the dataset is the new generation from then on. */
    private static void publish(ObjectStore store, DatasetMetadata metadata) {
        store.putBytes(DatasetLayout.METADATA, metadata.toJson());
    }
}
