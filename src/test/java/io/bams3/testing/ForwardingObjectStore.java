package io.bams3.testing;

import io.bams3.store.ByteRange;
import io.bams3.store.ObjectInfo;
import io.bams3.store.ObjectStore;
import io.bams3.store.StoreStats;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A store that passes every call to another; decorators override what they observe. */
public abstract class ForwardingObjectStore implements ObjectStore {
    protected final ObjectStore delegate;

    protected ForwardingObjectStore(ObjectStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public String location() {
        return delegate.location();
    }

    @Override
    public InputStream get(String key, ByteRange range) {
        return delegate.get(key, range);
    }

    @Override
    public Optional<ObjectInfo> head(String key) {
        return delegate.head(key);
    }

    @Override
    public ObjectWriter put(String key) {
        return delegate.put(key);
    }

    @Override
    public List<ObjectInfo> list(String prefix) {
        return delegate.list(prefix);
    }

    @Override
    public List<String> children(String prefix) {
        return delegate.children(prefix);
    }

    @Override
    public void deletePrefix(String prefix) {
        delegate.deletePrefix(prefix);
    }

    @Override
    public Optional<URI> presign(String key, ByteRange range, Duration expiry) {
        return delegate.presign(key, range, expiry);
    }

    @Override
    public StoreStats stats() {
        return delegate.stats();
    }

    @Override
    public int parallelism() {
        return delegate.parallelism();
    }
}
