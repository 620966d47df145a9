package io.bams3.store;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The objects of another store whose keys start with {@code prefix} (empty, or ending in '/'),
 * as a store of their own: keys are relative to the prefix. A view: closing it leaves the other
 * store open.
 */
public final class PrefixedObjectStore implements ObjectStore {
    private final ObjectStore base;
    private final String prefix;

    private PrefixedObjectStore(ObjectStore base, String prefix) {
        this.base = base;
        this.prefix = prefix;
    }

    /** {@code base} itself for an empty prefix. */
    public static ObjectStore of(ObjectStore base, String prefix) {
        if (prefix.isEmpty()) {
            return base;
        }
        if (!prefix.endsWith("/") || prefix.startsWith("/")) {
            throw new IllegalArgumentException("a key prefix ends in '/' and does not start with one: " + prefix);
        }
        return new PrefixedObjectStore(base, prefix);
    }

    @Override
    public String location() {
        return base.location() + "/" + prefix.substring(0, prefix.length() - 1);
    }

    @Override
    public InputStream get(String key, ByteRange range) {
        return base.get(prefix + key, range);
    }

    @Override
    public Optional<ObjectInfo> head(String key) {
        return base.head(prefix + key).map(this::relative);
    }

    @Override
    public ObjectWriter put(String key) {
        return base.put(prefix + key);
    }

    @Override
    public List<ObjectInfo> list(String keyPrefix) {
        return base.list(prefix + keyPrefix).stream().map(this::relative).toList();
    }

    @Override
    public List<String> children(String keyPrefix) {
        return base.children(prefix + keyPrefix).stream()
                .map(c -> c.substring(prefix.length()))
                .toList();
    }

    @Override
    public List<String> children(String keyPrefix, int max) {
        return base.children(prefix + keyPrefix, max).stream()
                .map(c -> c.substring(prefix.length()))
                .toList();
    }

    @Override
    public void deletePrefix(String keyPrefix) {
        base.deletePrefix(prefix + keyPrefix);
    }

    @Override
    public Optional<URI> presign(String key, ByteRange range, Duration expiry) {
        return base.presign(prefix + key, range, expiry);
    }

    @Override
    public StoreStats stats() {
        return base.stats();
    }

    @Override
    public int parallelism() {
        return base.parallelism();
    }

    private ObjectInfo relative(ObjectInfo o) {
        return new ObjectInfo(o.key().substring(prefix.length()), o.size(), o.lastModified());
    }
}
