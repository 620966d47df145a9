package io.bams3.query;

import io.bams3.codec.FormatException;
import io.bams3.format.DatasetLayout;
import io.bams3.format.DatasetMetadata;
import io.bams3.format.ReferenceSummary;
import io.bams3.format.ReferenceTable;
import io.bams3.store.ByteRange;
import io.bams3.store.ObjectNotFoundException;
import io.bams3.store.ObjectStore;
import io.bams3.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-reference summaries of an opened dataset. Version 2 keeps them in the reference table,
 * of which a query reads only the 40-byte entries of the references it touches, each once;
 * version 1 had them all in its metadata. Every entry is checked before it is used: its own
 * CRC32C, its counts, and its length against the header's.
 */
final class ReferenceSummaries {
    private final ObjectStore store;
    private final DatasetMetadata metadata;
    private final List<Integer> lengths;
    private final List<ReferenceSummary> preloaded;
    private final Map<Integer, ReferenceSummary> fetched = new ConcurrentHashMap<>();

    private ReferenceSummaries(
            ObjectStore store, DatasetMetadata metadata, List<Integer> lengths, List<ReferenceSummary> preloaded) {
        this.store = store;
        this.metadata = metadata;
        this.lengths = lengths;
        this.preloaded = preloaded;
    }

    /** Summaries fetched entry by entry from the reference table of {@code store}'s generation. */
    static ReferenceSummaries byRange(ObjectStore store, DatasetMetadata metadata, List<Integer> lengths) {
        return new ReferenceSummaries(store, metadata, lengths, null);
    }

    /** Summaries already read (version 1 metadata); checked here. */
    static ReferenceSummaries of(ObjectStore store, DatasetMetadata metadata, List<ReferenceSummary> all) {
        return new ReferenceSummaries(
                store, metadata, all.stream().map(ReferenceSummary::length).toList(), all);
    }

    /** Whether {@link #get} answers without a request. */
    boolean isKnown(int ref) {
        return preloaded != null || fetched.containsKey(ref);
    }

    ReferenceSummary get(int ref) {
        if (preloaded != null) {
            return preloaded.get(ref);
        }
        return fetched.computeIfAbsent(ref, this::fetch);
    }

    /**
     * Every summary, checked, with their sums against the metadata's totals; version 2 reads the
     * whole table (what {@code stats} and {@code validate} need).
     */
    List<ReferenceSummary> all() {
        List<ReferenceSummary> all;
        String source = store.location() + "/" + DatasetLayout.REFERENCES;
        if (preloaded != null) {
            all = preloaded;
        } else {
            byte[] data = Dataset.readChecked(
                    store, DatasetLayout.REFERENCES, metadata.references().crc32c());
            if (data.length != metadata.references().bytes()) {
                throw new FormatException(source + " has " + data.length + " bytes, metadata says "
                        + metadata.references().bytes());
            }
            all = ReferenceTable.decode(data, source);
        }
        for (int i = 0; i < all.size(); i++) {
            checked(all.get(i), i, source);
        }
        metadata.checkTotals(all, source);
        return all;
    }

    private ReferenceSummary fetch(int ref) {
        String source = store.location() + "/" + DatasetLayout.REFERENCES;
        ByteRange range = new ByteRange(ReferenceTable.offset(ref), ReferenceTable.offset(ref + 1));
        byte[] entry;
        try (InputStream in = store.get(DatasetLayout.REFERENCES, range)) {
            entry = in.readNBytes(ReferenceTable.ENTRY_SIZE + 1);
        } catch (ObjectNotFoundException e) {
            throw new FormatException("dataset " + store.location() + " is missing " + DatasetLayout.REFERENCES);
        } catch (IOException e) {
            throw new StoreException("cannot read " + source + ": " + e.getMessage(), e);
        }
        return checked(ReferenceTable.decodeEntry(entry, ref, source), ref, source);
    }

    private ReferenceSummary checked(ReferenceSummary s, int ref, String source) {
        String what = source + ": reference " + ref;
        s.check(what);
        if (s.length() != lengths.get(ref)) {
            throw new FormatException(what + " has length " + s.length() + ", the header says " + lengths.get(ref));
        }
        return s;
    }
}
