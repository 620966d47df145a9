package io.bams3.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The storage port: a flat namespace of objects under one root (a directory, or a bucket prefix).
 * Keys are relative, '/'-separated. Failures are {@link StoreException}s naming the object.
 */
public interface ObjectStore extends AutoCloseable {

    /** Where this store points, for messages ("/data/x.bams3", "s3://bucket/x.bams3"). */
    String location();

    /** Streams {@code range} of an object (null: the whole object). A short object is an error. */
    InputStream get(String key, ByteRange range);

    /** Size and time of an object, or empty if there is none. */
    Optional<ObjectInfo> head(String key);

    /**
     * Opens a writer; the object becomes visible only when the stream is closed without
     * {@link ObjectWriter#abort()}, and then in one piece.
     */
    ObjectWriter put(String key);

    /** Objects whose keys start with {@code prefix}, in key order. */
    List<ObjectInfo> list(String prefix);

    /**
     * The "directories" directly below {@code prefix} (which is empty or ends in '/'): the
     * distinct key prefixes up to the next '/', each ending in '/'. In key order.
     */
    List<String> children(String prefix);

    /**
     * At most the first {@code max} of {@link #children(String)}, in key order, where the store can
     * stop early (S3: one listing page instead of all of them).
     */
    default List<String> children(String prefix, int max) {
        List<String> all = children(prefix);
        return all.size() <= max ? all : List.copyOf(all.subList(0, max));
    }

    /**
     * Deletes every object whose key starts with {@code prefix}, and leaves no empty "directory"
     * behind: a store with real directories (the local one) removes those the deletion emptied,
     * up to its root, so deleting a store's last objects leaves no trace of it.
     */
    void deletePrefix(String prefix);

    /** A URL that lets a client GET the range without credentials, if this store can sign one. */
    default Optional<URI> presign(String key, ByteRange range, Duration expiry) {
        return Optional.empty();
    }

    StoreStats stats();

    /** How many ranges a reader should fetch at once from this store. */
    default int parallelism() {
        return 1;
    }

    @Override
    default void close() {}

    default byte[] getBytes(String key) {
        try (InputStream in = get(key, null)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new StoreException("cannot read " + location() + "/" + key + ": " + e.getMessage(), e);
        }
    }

    /** Writes a whole object; on failure nothing becomes visible. */
    default void putBytes(String key, byte[] data) {
        ObjectWriter w = put(key);
        try {
            w.write(data);
            w.close();
        } catch (IOException | RuntimeException e) {
            w.abort();
            throw new StoreException("cannot write " + location() + "/" + key + ": " + e.getMessage(), e);
        }
    }

    /** An object being written: visible after close, discarded by abort. */
    abstract class ObjectWriter extends OutputStream {
        /** Discards what was written; the object is not created. Close afterwards is a no-op. */
        public abstract void abort();
    }
}
