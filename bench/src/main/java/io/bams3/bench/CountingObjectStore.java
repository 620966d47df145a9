package io.bams3.bench;

import io.bams3.store.ByteRange;
import io.bams3.store.ObjectStore;
import io.bams3.testing.ForwardingObjectStore;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Decorates a store and counts, per {@link KeyClass}, the GET requests made and the bytes
 * actually delivered to the reader. Everything else is passed through unchanged.
 */
public final class CountingObjectStore extends ForwardingObjectStore {
    private final Map<KeyClass, LongAdder> bytes = new EnumMap<>(KeyClass.class);
    private final Map<KeyClass, LongAdder> requests = new EnumMap<>(KeyClass.class);

    public CountingObjectStore(ObjectStore delegate) {
        super(delegate);
        for (KeyClass c : KeyClass.values()) {
            bytes.put(c, new LongAdder());
            requests.put(c, new LongAdder());
        }
    }

    public long bytes(KeyClass c) {
        return bytes.get(c).sum();
    }

    public long requests(KeyClass c) {
        return requests.get(c).sum();
    }

    @Override
    public InputStream get(String key, ByteRange range) {
        KeyClass c = KeyClass.of(key);
        requests.get(c).increment();
        return new Tally(delegate.get(key, range), bytes.get(c));
    }

    /** Adds every byte read through it to a counter. */
    private static final class Tally extends FilterInputStream {
        private final LongAdder counter;

        Tally(InputStream in, LongAdder counter) {
            super(in);
            this.counter = counter;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) counter.increment();
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) counter.add(n);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            counter.add(s);
            return s;
        }
    }
}
