package io.bams3.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store port's behaviour on the local adapter. */
class LocalObjectStoreTest {
    @TempDir
    Path dir;

    @Test
    void putGetRangeHeadListDelete() throws IOException {
        LocalObjectStore store = new LocalObjectStore(dir.resolve("root"));
        store.putBytes("a/b/one", "0123456789".getBytes());
        store.putBytes("a/two", "xy".getBytes());
        store.putBytes("c", "z".getBytes());
        try (InputStream in = store.get("a/b/one", new ByteRange(2, 5))) {
            assertThat(new String(in.readAllBytes())).isEqualTo("234");
        }
        assertThat(store.head("a/b/one").orElseThrow().size()).isEqualTo(10);
        assertThat(store.head("nope")).isEmpty();
        assertThat(store.list("a/").stream().map(ObjectInfo::key)).containsExactly("a/b/one", "a/two");
        assertThat(store.stats().bytesRead()).isEqualTo(3);
        store.deletePrefix("a/");
        assertThat(store.list("").stream().map(ObjectInfo::key)).containsExactly("c");
    }

    @Test
    void shortObjectsAndMissingObjectsAreErrors() {
        LocalObjectStore store = new LocalObjectStore(dir);
        store.putBytes("k", new byte[5]);
        assertThatThrownBy(() -> store.get("k", new ByteRange(0, 9)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("shorter");
        assertThatThrownBy(() -> store.get("missing", null))
                .isInstanceOf(ObjectNotFoundException.class)
                .hasMessageContaining("missing");
        assertThatThrownBy(() -> store.get("../escape", null)).isInstanceOf(StoreException.class);
    }

    @Test
    void abortedAndUnfinishedWritesAreInvisibleAndCleanedUp() throws IOException {
        LocalObjectStore store = new LocalObjectStore(dir.resolve("root"));
        ObjectStore.ObjectWriter w = store.put("data/x.chunk");
        w.write(new byte[100]);
        assertThat(store.list("")).isEmpty();
        w.abort();
        assertThat(store.head("data/x.chunk")).isEmpty();
        ObjectStore.ObjectWriter open = store.put("data/y.chunk");
        open.write(1);
        open.flush();
        assertThat(store.list("")).isEmpty();
        store.deletePrefix("data/");
        try (var files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void deletingTheLastObjectsLeavesNoDirectories() throws IOException {
        Path root = dir.resolve("x.bams3");
        LocalObjectStore store = new LocalObjectStore(root);
        store.putBytes("_index/c1/chunks.idx", new byte[3]);
        store.putBytes("data/c1/a.chunk", new byte[3]);
        ObjectStore.ObjectWriter unfinished = store.put("data/c2/b.chunk");
        unfinished.write(1);
        unfinished.flush();
        Files.createDirectories(root.resolve("data/c3"));

        store.deletePrefix("_index/");
        assertThat(root.resolve("_index")).doesNotExist();
        assertThat(root.resolve("data/c1/a.chunk")).exists();
        store.deletePrefix("data/");
        assertThat(root).doesNotExist();
        store.deletePrefix("data/");

        Path kept = dir.resolve("kept");
        LocalObjectStore other = new LocalObjectStore(kept);
        other.putBytes("data/c1/a.chunk", new byte[3]);
        other.putBytes("notes.txt", new byte[3]);
        other.deletePrefix("data/");
        try (var files = Files.walk(kept)) {
            assertThat(files.map(p -> kept.relativize(p).toString())).containsExactlyInAnyOrder("", "notes.txt");
        }
    }

    @Test
    void noSymbolicLinkBelowTheRootIsFollowed() throws IOException {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "secret");
        Files.createDirectories(outside.resolve("sub"));
        Files.writeString(outside.resolve("sub/obj"), "secret");
        Path root = dir.resolve("root");
        LocalObjectStore store = new LocalObjectStore(root);
        store.putBytes("real", "ok".getBytes());
        store.putBytes("d/x", "ok".getBytes());
        Files.createSymbolicLink(root.resolve("file-link"), outside.resolve("secret"));
        Files.createSymbolicLink(root.resolve("dir-link"), outside.resolve("sub"));
        Files.createSymbolicLink(root.resolve("inner-link"), root.resolve("real"));
        Files.createSymbolicLink(root.resolve("d/inner-dir-link"), root.resolve("d"));
        for (String key : List.of("file-link", "dir-link/obj", "inner-link", "d/inner-dir-link/x")) {
            assertThatThrownBy(() -> store.get(key, null))
                    .as(key)
                    .isInstanceOf(ObjectNotFoundException.class)
                    .hasMessageContaining("symbolic link");
            assertThat(store.head(key)).as(key).isEmpty();
        }
        assertThat(store.list("").stream().map(ObjectInfo::key)).containsExactly("d/x", "real");
        assertThat(store.children("")).containsExactly("d/");
        assertThat(store.children("dir-link/")).isEmpty();
        assertThatThrownBy(() -> store.putBytes("dir-link/new", new byte[1]))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("symbolic link");
        assertThat(outside.resolve("sub/new")).doesNotExist();
        try (InputStream in = store.get("real", null)) {
            assertThat(in.readAllBytes()).isEqualTo("ok".getBytes());
        }
    }

    @Test
    void aRootNamedDirectlyMayBeALinkButNotOneBelowTheBoundaryItIsConfinedTo() throws IOException {
        Path real = dir.resolve("elsewhere/real.bams3");
        new LocalObjectStore(real).putBytes("k", "v".getBytes());
        Path confinement = Files.createDirectories(dir.resolve("root"));
        Path link = Files.createSymbolicLink(confinement.resolve("link.bams3"), real);
        try (InputStream in = new LocalObjectStore(link).get("k", null)) {
            assertThat(in.readAllBytes()).isEqualTo("v".getBytes());
        }
        LocalObjectStore confined = new LocalObjectStore(link, confinement, new StoreStats());
        assertThatThrownBy(() -> confined.get("k", null)).isInstanceOf(ObjectNotFoundException.class);
        assertThat(confined.head("k")).isEmpty();
        assertThat(confined.list("")).isEmpty();
        assertThatThrownBy(() -> new LocalObjectStore(dir.resolve("a"), dir.resolve("b"), new StoreStats()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
