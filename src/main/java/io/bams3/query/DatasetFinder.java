package io.bams3.query;

import io.bams3.format.DatasetLayout;
import io.bams3.format.DatasetMetadata;
import io.bams3.store.ObjectStore;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the datasets below a location: a prefix is a dataset when it holds a metadata object;
 * otherwise its sub-prefixes are searched (never a dataset's own data or index prefixes).
 */
public final class DatasetFinder {
    private static final int MAX_DEPTH = 12;

    /** One dataset: its path relative to the searched location ("" for the location itself). */
    public record Found(String path, DatasetMetadata metadata) {}

    public List<Found> find(ObjectStore store) {
        List<Found> out = new ArrayList<>();
        walk(store, "", 0, out);
        return out;
    }

    private void walk(ObjectStore store, String prefix, int depth, List<Found> out) {
        String metadataKey = prefix + DatasetLayout.METADATA;
        if (store.head(metadataKey).isPresent()) {
            out.add(new Found(
                    prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1),
                    DatasetMetadata.fromJson(store.getBytes(metadataKey), store.location() + "/" + metadataKey)));
            return;
        }
        if (depth >= MAX_DEPTH) {
            return;
        }
        for (String child : store.children(prefix)) {
            String name = child.substring(prefix.length());
            if (!name.equals(DatasetLayout.DATA_DIR) && !name.equals(DatasetLayout.INDEX_DIR)) {
                walk(store, child, depth + 1, out);
            }
        }
    }
}
