package io.bams3.web.page;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.bams3.catalog.DatasetCatalog;
import io.bams3.catalog.DatasetLocator;
import io.bams3.catalog.DatasetRoot;
import io.bams3.catalog.InvalidIdException;
import io.bams3.format.DatasetLayout;
import io.bams3.store.ObjectStore;
import io.bams3.store.StoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Finds the dataset ids under the configured roots by listing their stores: for a root without
 * an id pattern, a directory (or key prefix) {@code <rel><suffix>/} is the dataset
 * {@code <idPrefix><rel>}, the inverse of {@link DatasetLocator}'s mapping. Only names that are
 * valid ids and that the locator maps back to the same location are kept (a name an earlier root
 * shadows is left out). Nothing inside a dataset is read. The walk is bounded in depth and in the
 * directories it visits; the answer is kept for {@link #TTL}.
 */
final class DatasetLister {
    /** How long a walk's answer is reused. */
    static final Duration TTL = Duration.ofSeconds(30);

    static final int MAX_DEPTH = 12;
    static final int MAX_DIRECTORIES = 50_000;

    private final DatasetCatalog catalog;
    private final Cache<String, DatasetIds> walks =
            Caffeine.newBuilder().expireAfterWrite(TTL).maximumSize(1).build();

    DatasetLister(DatasetCatalog catalog) {
        this.catalog = catalog;
    }

    /** Every dataset id under the roots, sorted (cached for {@link #TTL}). */
    DatasetIds ids() {
        return walks.get("all", k -> walk());
    }

    private DatasetIds walk() {
        TreeSet<String> ids = new TreeSet<>();
        List<String> notes = new ArrayList<>();
        List<DatasetRoot> roots = catalog.locator().roots();
        for (int r = 0; r < roots.size(); r++) {
            DatasetRoot root = roots.get(r);
            if (root.idPattern() != null) {
                notes.add("root " + (r + 1) + " maps ids through a pattern; its datasets are not listed");
                continue;
            }
            try {
                Walk walk = new Walk(root, catalog.store(root.location()), ids);
                walk.visit("", 0);
                if (walk.cut) {
                    notes.add("root " + (r + 1) + " holds more directories than are walked (" + MAX_DIRECTORIES
                            + ", depth " + MAX_DEPTH + "); the list may be incomplete");
                }
            } catch (StoreException e) {
                notes.add("root " + (r + 1) + " could not be listed");
            }
        }
        return new DatasetIds(List.copyOf(ids), List.copyOf(notes));
    }

    /** One root's walk. */
    private final class Walk {
        private final DatasetRoot root;
        private final ObjectStore store;
        private final TreeSet<String> ids;
        private final DatasetLocator alone;
        private int visited;
        private boolean cut;

        Walk(DatasetRoot root, ObjectStore store, TreeSet<String> ids) {
            this.root = root;
            this.store = store;
            this.ids = ids;
            this.alone = new DatasetLocator(List.of(root));
        }

        void visit(String prefix, int depth) {
            if (depth > MAX_DEPTH || visited >= MAX_DIRECTORIES) {
                cut = true;
                return;
            }
            visited++;
            for (String child : store.children(prefix)) {
                String name = child.substring(prefix.length(), child.length() - 1);
                if (name.isEmpty() || name.startsWith(".")) {
                    continue;
                }
                String rel = child.substring(0, child.length() - 1);
                if (isDataset(child, name)) {
                    String relId = root.suffix().isEmpty()
                            ? rel
                            : rel.substring(0, rel.length() - root.suffix().length());
                    accept(root.idPrefix() + relId);
                } else {
                    visit(child, depth + 1);
                }
            }
        }

        private boolean isDataset(String child, String name) {
            if (!root.suffix().isEmpty()) {
                return name.endsWith(root.suffix())
                        && name.length() > root.suffix().length();
            }
            return store.head(child + DatasetLayout.METADATA).isPresent();
        }

        private void accept(String id) {
            try {
                Optional<String> here = alone.locate(id);
                if (here.isPresent() && Objects.equals(here, catalog.locator().locate(id))) {
                    ids.add(id);
                }
            } catch (InvalidIdException e) {
                // a name that is not a valid id cannot be served: it is not listed
            }
        }
    }
}
