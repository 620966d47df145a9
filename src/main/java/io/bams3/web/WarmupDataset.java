package io.bams3.web;

import io.bams3.catalog.CacheSettings;
import io.bams3.catalog.DatasetCatalog;
import io.bams3.catalog.DatasetLocator;
import io.bams3.catalog.DatasetRoot;
import io.bams3.codec.BamHeader;
import io.bams3.codec.BamRecordView;
import io.bams3.codec.BamWriter;
import io.bams3.codec.RecordStreamReader;
import io.bams3.convert.ConvertOptions;
import io.bams3.convert.Converter;
import io.bams3.convert.ProgressListener;
import io.bams3.format.Codec;
import io.bams3.store.LocalObjectStore;
import io.bams3.store.S3Settings;
import io.bams3.store.StoreException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * A tiny dataset for the warm-up's self-query, in a temporary directory of its own and served by a
 * catalog of its own (so it is never reachable by id, and its reads do not count in the server's
 * store metrics): the first {@link #RECORDS} records of the demo BAM bundled in the jar, converted
 * with small chunks in both codecs ({@code bgzf} and {@code zstd}). Deleted by {@link #close()}.
 */
final class WarmupDataset implements AutoCloseable {
    /** Records taken from the demo BAM: a few dozen BGZF blocks, a few chunks. */
    static final int RECORDS = 1500;

    private static final long CHUNK_BYTES = 64 << 10;

    private final Path dir;
    private final DatasetCatalog catalog;
    private final String referenceName;
    private final int start;
    private final int end;

    private WarmupDataset(Path dir, DatasetCatalog catalog, String referenceName, int start, int end) {
        this.dir = dir;
        this.catalog = catalog;
        this.referenceName = referenceName;
        this.start = start;
        this.end = end;
    }

    /** The id of the dataset in {@code codec}. */
    static String id(Codec codec) {
        return "warmup-" + codec.id();
    }

    static WarmupDataset create(CacheSettings cache) throws IOException {
        Path dir = Files.createTempDirectory("bams3-warmup");
        try {
            Path bam = dir.resolve("source.bam");
            String ref;
            int first = -1;
            int last = -1;
            try (InputStream resource = WarmupDataset.class.getResourceAsStream(DemoDataset.RESOURCE)) {
                if (resource == null) {
                    throw new IOException("the demo BAM " + DemoDataset.RESOURCE + " is not in this build");
                }
                InputStream in = new GZIPInputStream(new BufferedInputStream(resource, 1 << 16), 1 << 16);
                BamHeader header = BamHeader.read(in);
                RecordStreamReader reader = new RecordStreamReader(in, DemoDataset.RESOURCE);
                int refId = -1;
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(bam), 1 << 16);
                        BamWriter writer = new BamWriter(out, header)) {
                    for (int i = 0; i < RECORDS; i++) {
                        BamRecordView r = reader.next();
                        if (r == null) {
                            break;
                        }
                        if (refId < 0 && r.refId() >= 0) {
                            refId = r.refId();
                            first = r.pos();
                        }
                        if (r.refId() == refId) {
                            last = r.pos();
                        }
                        writer.write(r);
                    }
                }
                if (refId < 0) {
                    throw new IOException("the demo BAM has no placed records");
                }
                ref = header.references().get(refId).name();
            }
            for (Codec codec : Codec.values()) {
                new Converter(new ConvertOptions(codec, CHUNK_BYTES, 1, false), ProgressListener.NONE)
                        .convert(bam, new LocalObjectStore(dir.resolve(id(codec) + DatasetRoot.DEFAULT_SUFFIX)));
            }
            Files.delete(bam);
            DatasetCatalog catalog = new DatasetCatalog(
                    new DatasetLocator(List.of(DatasetRoot.of(dir.toString()))), S3Settings.defaults(), cache);
            return new WarmupDataset(dir, catalog, ref, first, last + 1);
        } catch (IOException | RuntimeException e) {
            delete(dir);
            throw e;
        }
    }

    DatasetCatalog catalog() {
        return catalog;
    }

    /** The reference the records lie on, and the span they cover (0-based, half-open). */
    String referenceName() {
        return referenceName;
    }

    int start() {
        return start;
    }

    int end() {
        return end;
    }

    @Override
    public void close() {
        catalog.close();
        delete(dir);
    }

    /** Removes the directory and everything in it, as deleting a local store's every object does. */
    private static void delete(Path dir) {
        try {
            new LocalObjectStore(dir).deletePrefix("");
        } catch (StoreException e) {
            // a temporary directory left behind is harmless
        }
    }
}
