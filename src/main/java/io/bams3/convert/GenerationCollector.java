package io.bams3.convert;

import io.bams3.format.DatasetLayout;
import io.bams3.format.DatasetMetadata;
import io.bams3.format.MetadataV1;
import io.bams3.store.ObjectInfo;
import io.bams3.store.ObjectStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Removes the objects of generations a dataset no longer uses (docs/FORMAT.md section 11), once
 * no reader can still be using them: when the current metadata was written more than
 * {@code grace} ago (every other generation stopped being current at or before that moment) and
 * the generation itself was created more than {@code grace} ago (so a conversion still writing
 * one keeps it). The objects of a version 1 dataset that a version 2 one replaced (at the root)
 * go by the same rule.
 */
public final class GenerationCollector {
    /**
     * Longer than a server's dataset cache (5 minutes by default) plus a presigned URL's life (10
     * minutes) plus the longest stream.
     */
    public static final Duration DEFAULT_GRACE = Duration.ofHours(1);

    private static final List<String> VERSION_1_OBJECTS =
            List.of(MetadataV1.HEADER_KEY, DatasetLayout.INDEX_DIR, DatasetLayout.DATA_DIR);

    private GenerationCollector() {}

    /** What a collection removed and what it kept for readers (generation prefixes, or version 1 objects). */
    public record Outcome(List<String> removed, List<String> kept) {}

    public static Outcome collect(ObjectStore root, Duration grace, Instant now) {
        Optional<ObjectInfo> info = root.head(DatasetLayout.METADATA);
        List<String> generations = root.children(DatasetLayout.GENERATIONS_DIR);
        boolean v1 = false;
        String current = null;
        // without metadata, no reader uses any generation: what a killed first conversion left
        boolean retiredLongAgo = true;
        if (info.isPresent()) {
            String source = root.location() + "/" + DatasetLayout.METADATA;
            byte[] json = root.getBytes(DatasetLayout.METADATA);
            v1 = DatasetMetadata.versionOf(json, source) == MetadataV1.VERSION;
            current = v1 ? null : DatasetMetadata.fromJson(json, source).generation();
            retiredLongAgo = !info.get().lastModified().plus(grace).isAfter(now);
        } else if (generations.isEmpty()) {
            throw new ConversionException(
                    "not a BAMS3 dataset: " + root.location() + " (no " + DatasetLayout.METADATA + ")");
        }
        List<String> removed = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (String prefix : generations) {
            String name = prefix.substring(DatasetLayout.GENERATIONS_DIR.length(), prefix.length() - 1);
            if (name.equals(current)) {
                continue;
            }
            boolean createdLongAgo = DatasetLayout.generationTime(name)
                    .map(t -> !t.plus(grace).isAfter(now))
                    .orElse(true);
            if (retiredLongAgo && createdLongAgo) {
                root.deletePrefix(prefix);
                removed.add(prefix);
            } else {
                kept.add(prefix);
            }
        }
        if (info.isPresent() && !v1) {
            for (String old : VERSION_1_OBJECTS) {
                if (root.list(old).isEmpty()) {
                    continue;
                }
                if (retiredLongAgo) {
                    root.deletePrefix(old);
                    removed.add(old);
                } else {
                    kept.add(old);
                }
            }
        }
        return new Outcome(removed, kept);
    }

    /** {@link #collect}, for after a conversion: a failure to clean up leaves the new dataset as it is. */
    static void collectQuietly(ObjectStore root, Duration grace, Instant now) {
        try {
            collect(root, grace, now);
        } catch (RuntimeException e) {
            // the dataset is published; what is left is removed by a later conversion or by bams3 gc
        }
    }
}
