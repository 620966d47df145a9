package io.bams3.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ObjectStore} adapter must have. Each adapter's test extends this
 * and supplies a fresh, empty store.
 */
abstract class ObjectStoreContract {

    /** A new empty store for one test. */
    protected abstract ObjectStore newStore() throws Exception;

    /** Whether the adapter signs URLs (object stores do; the local filesystem does not). */
    protected abstract boolean presigns();

    @Test
    void putThenGetWholeAndRanges() throws Exception {
        try (ObjectStore store = newStore()) {
            byte[] data = random(200_000, 1);
            store.putBytes("data/11/0000000001-0000000100.chunk", data);
            assertThat(store.getBytes("data/11/0000000001-0000000100.chunk")).isEqualTo(data);
            try (InputStream in = store.get("data/11/0000000001-0000000100.chunk", new ByteRange(1000, 150_000))) {
                assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(data, 1000, 150_000));
            }
            try (InputStream in = store.get("data/11/0000000001-0000000100.chunk", new ByteRange(199_999, 200_000))) {
                assertThat(in.readAllBytes()).containsExactly(data[199_999]);
            }
            assertThat(store.stats().getRequests()).isGreaterThanOrEqualTo(3);
            assertThat(store.stats().bytesRead()).isGreaterThanOrEqualTo(200_000 + 149_000 + 1);
        }
    }

    @Test
    void largeObjectsGoUpInParts() throws Exception {
        try (ObjectStore store = newStore()) {
            byte[] data = random(S3ObjectStore.PART_SIZE * 2 + 12345, 2);
            try (ObjectStore.ObjectWriter w = store.put("big")) {
                for (int p = 0; p < data.length; p += 100_000) {
                    w.write(data, p, Math.min(100_000, data.length - p));
                }
            }
            assertThat(store.head("big").orElseThrow().size()).isEqualTo(data.length);
            assertThat(store.getBytes("big")).isEqualTo(data);
        }
    }

    @Test
    void headAndMissingObjects() throws Exception {
        try (ObjectStore store = newStore()) {
            store.putBytes("a", new byte[] {1, 2, 3});
            assertThat(store.head("a").orElseThrow().size()).isEqualTo(3);
            assertThat(store.head("nope")).isEmpty();
            assertThatThrownBy(() -> store.getBytes("nope"))
                    .isInstanceOf(ObjectNotFoundException.class)
                    .hasMessageContaining("nope");
            assertThatThrownBy(() -> store.get("nope", new ByteRange(0, 1)).read())
                    .isInstanceOf(ObjectNotFoundException.class);
        }
    }

    @Test
    void aRangePastTheEndIsAnErrorNotAShortRead() throws Exception {
        try (ObjectStore store = newStore()) {
            store.putBytes("short", new byte[100]);
            assertThatThrownBy(() -> {
                        try (InputStream in = store.get("short", new ByteRange(50, 150))) {
                            in.readAllBytes();
                        }
                    })
                    .satisfiesAnyOf(
                            e -> assertThat(e).isInstanceOf(StoreException.class),
                            e -> assertThat(e).isInstanceOf(IOException.class));
        }
    }

    @Test
    void listIsOrderedAndRelativeToTheRoot() throws Exception {
        try (ObjectStore store = newStore()) {
            store.putBytes("data/b", new byte[2]);
            store.putBytes("data/a/x", new byte[1]);
            store.putBytes("_metadata.json", new byte[3]);
            assertThat(store.list("data/").stream().map(ObjectInfo::key)).containsExactly("data/a/x", "data/b");
            assertThat(store.list("").stream().map(ObjectInfo::key))
                    .containsExactly("_metadata.json", "data/a/x", "data/b");
            assertThat(store.list("data/b").get(0).size()).isEqualTo(2);
        }
    }

    @Test
    void deletePrefixRemovesOnlyThatPrefix() throws Exception {
        try (ObjectStore store = newStore()) {
            for (int i = 0; i < 30; i++) {
                store.putBytes("data/c" + i, new byte[] {(byte) i});
            }
            store.putBytes("keep", new byte[1]);
            store.deletePrefix("data/");
            assertThat(store.list("").stream().map(ObjectInfo::key)).containsExactly("keep");
        }
    }

    @Test
    void deletePrefixLeavesNoEmptyDirectories() throws Exception {
        try (ObjectStore store = newStore()) {
            store.putBytes("_index/c1/chunks.idx", new byte[1]);
            store.putBytes("data/c1/a.chunk", new byte[1]);
            store.putBytes("data/c2/b.chunk", new byte[1]);
            store.putBytes("keep/x", new byte[1]);
            store.deletePrefix("_index/");
            assertThat(store.children("")).containsExactly("data/", "keep/");
            store.deletePrefix("data/c1/");
            assertThat(store.children("data/")).containsExactly("data/c2/");
            store.deletePrefix("data/c");
            assertThat(store.children("")).containsExactly("keep/");
            assertThat(store.list("").stream().map(ObjectInfo::key)).containsExactly("keep/x");
        }
    }

    @Test
    void childrenCanStopAtTheFirstFew() throws Exception {
        try (ObjectStore store = newStore()) {
            for (String dir : List.of("d/", "a/", "c/", "b/")) {
                store.putBytes(dir + "x", new byte[1]);
            }
            store.putBytes("0-object-at-the-top", new byte[1]);
            assertThat(store.children("", 2)).containsExactly("a/", "b/");
            assertThat(store.children("", 10)).containsExactly("a/", "b/", "c/", "d/");
            assertThat(store.children("", 4)).isEqualTo(store.children(""));
        }
    }

    @Test
    void abortedWritesLeaveNothing() throws Exception {
        try (ObjectStore store = newStore()) {
            ObjectStore.ObjectWriter small = store.put("small");
            small.write(new byte[10]);
            small.abort();
            ObjectStore.ObjectWriter big = store.put("big");
            big.write(new byte[S3ObjectStore.PART_SIZE + 10]);
            big.abort();
            assertThat(store.head("small")).isEmpty();
            assertThat(store.head("big")).isEmpty();
            assertThat(store.list("")).isEmpty();
        }
    }

    @Test
    void presignedRangeUrlsServeExactlyTheRange() throws Exception {
        try (ObjectStore store = newStore()) {
            byte[] data = random(5000, 3);
            store.putBytes("data/x.chunk", data);
            Optional<URI> url = store.presign("data/x.chunk", new ByteRange(100, 300), Duration.ofMinutes(5));
            assertThat(url.isPresent()).isEqualTo(presigns());
            if (url.isPresent()) {
                HttpResponse<byte[]> r = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(url.get())
                                        .header("Range", new ByteRange(100, 300).httpHeader())
                                        .build(),
                                HttpResponse.BodyHandlers.ofByteArray());
                assertThat(r.statusCode()).isEqualTo(206);
                assertThat(r.body()).isEqualTo(Arrays.copyOfRange(data, 100, 300));
            }
        }
    }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
