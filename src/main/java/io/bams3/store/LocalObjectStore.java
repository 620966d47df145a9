package io.bams3.store;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Objects as files under a root directory. Writes go to a hidden temporary file that is renamed
 * into place on close, so a reader never sees a partial object.
 *
 * <p>No symbolic link below the store's confinement is followed: an object, or a directory on the
 * way to it, that is a link is not found (reads, listings) or refused (writes), wherever the link
 * points. The confinement is the root itself (the root may then be a link, as a path a user names
 * may be) or a directory that contains it, such as the server's dataset root, so that the
 * dataset's own directory and every directory between it and that root must not be links either.
 */
public final class LocalObjectStore implements ObjectStore {
    private static final String TEMP_PREFIX = ".tmp-";
    private final Path root;
    private final Path confinement;
    private final StoreStats stats;

    public LocalObjectStore(Path root) {
        this(root, new StoreStats());
    }

    /** A store that counts its requests into shared {@code stats}. */
    public LocalObjectStore(Path root, StoreStats stats) {
        this(root, root, stats);
    }

    /**
     * A store on {@code root} that follows no symbolic link below {@code confinement} ({@code root}
     * or a directory that contains it), counting its requests into shared {@code stats}.
     */
    public LocalObjectStore(Path root, Path confinement, StoreStats stats) {
        this.root = root.toAbsolutePath().normalize();
        this.confinement = confinement.toAbsolutePath().normalize();
        if (!this.root.startsWith(this.confinement)) {
            throw new IllegalArgumentException("the store root " + root + " is not inside " + confinement);
        }
        this.stats = stats;
    }

    public Path root() {
        return root;
    }

    @Override
    public String location() {
        return root.toString();
    }

    private Path path(String key) {
        Path p = root.resolve(key).normalize();
        if (!p.startsWith(root) || key.isEmpty()) {
            throw new StoreException("key escapes the store root: " + key);
        }
        return p;
    }

    /** The first of {@code p} and its parents below the confinement that is a symbolic link, or null. */
    private Path link(Path p) {
        for (Path q = p; q != null && q.startsWith(confinement) && !q.equals(confinement); q = q.getParent()) {
            if (Files.isSymbolicLink(q)) {
                return q;
            }
        }
        return null;
    }

    private ObjectNotFoundException linked(String key, Path link) {
        return new ObjectNotFoundException("no such object: " + location() + "/" + key + " (" + link
                + " is a symbolic link, which is not followed)");
    }

    @Override
    public InputStream get(String key, ByteRange range) {
        Path p = path(key);
        stats.addGetRequest();
        Path link = link(p);
        if (link != null) {
            throw linked(key, link);
        }
        FileChannel ch = null;
        try {
            // a link that appeared since the check above fails to open rather than being followed
            ch = FileChannel.open(p, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
            long size = ch.size();
            long from = range == null ? 0 : range.from();
            long to = range == null ? size : range.to();
            if (to > size) {
                throw new StoreException(location() + "/" + key + " is shorter (" + size
                        + " bytes) than the requested range " + from + "-" + to);
            }
            ch.position(from);
            InputStream in = new CountingStream(Channels.newInputStream(ch), to - from, stats);
            ch = null;
            return in;
        } catch (NoSuchFileException e) {
            throw new ObjectNotFoundException("no such object: " + location() + "/" + key);
        } catch (IOException e) {
            if (Files.isSymbolicLink(p)) {
                throw linked(key, p);
            }
            if (!(e instanceof AccessDeniedException) && !Files.exists(p)) {
                // a key the filesystem cannot name (too long, a file where a directory would be) names no object
                throw new ObjectNotFoundException("no such object: " + location() + "/" + key);
            }
            throw new StoreException("cannot read " + location() + "/" + key + ": " + e.getMessage(), e);
        } finally {
            closeQuietly(ch);
        }
    }

    /** Closes a channel that was opened but not handed out (a failed get). */
    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                // nothing was read from it; the get's own failure is what matters
            }
        }
    }

    @Override
    public Optional<ObjectInfo> head(String key) {
        stats.addOtherRequest();
        Path p = path(key);
        if (link(p) != null) {
            return Optional.empty();
        }
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return a.isRegularFile()
                    ? Optional.of(
                            new ObjectInfo(key, a.size(), a.lastModifiedTime().toInstant()))
                    : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            if (!(e instanceof AccessDeniedException) && !Files.exists(p)) {
                return Optional.empty();
            }
            throw new StoreException("cannot stat " + p + ": " + e.getMessage(), e);
        }
    }

    @Override
    public ObjectWriter put(String key) {
        stats.addOtherRequest();
        Path target = path(key);
        Path link = link(target.getParent());
        if (link != null) {
            throw new StoreException(
                    "cannot write " + target + ": " + link + " is a symbolic link, which is not followed");
        }
        try {
            Files.createDirectories(target.getParent());
            Path tmp = target.resolveSibling(TEMP_PREFIX + UUID.randomUUID() + "-" + target.getFileName());
            OutputStream out =
                    new BufferedOutputStream(Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW), 1 << 16);
            return new FileWriter(out, tmp, target);
        } catch (IOException e) {
            throw new StoreException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<ObjectInfo> list(String prefix) {
        stats.addOtherRequest();
        // links at or above the confinement are the caller's; below it none is followed
        if (link(root) != null || !Files.isDirectory(root)) {
            return List.of();
        }
        List<ObjectInfo> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String key = root.relativize(p).toString().replace('\\', '/');
                if (key.startsWith(prefix) && !p.getFileName().toString().startsWith(TEMP_PREFIX)) {
                    BasicFileAttributes a =
                            Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    if (a.isRegularFile()) {
                        out.add(new ObjectInfo(
                                key, a.size(), a.lastModifiedTime().toInstant()));
                    }
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot list " + root + ": " + e.getMessage(), e);
        }
        out.sort(Comparator.comparing(ObjectInfo::key));
        return out;
    }

    @Override
    public List<String> children(String prefix) {
        stats.addOtherRequest();
        Path dir = prefix.isEmpty() ? root : path(prefix);
        if (link(dir) != null || !Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> prefix + p.getFileName() + "/")
                    .filter(p -> !p.substring(prefix.length()).startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new StoreException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Deletes the files under {@code prefix} (temporary files of unfinished writes included), then
     * every directory left empty under it or by it, up to and including the root: a store whose
     * last object is deleted leaves no directory behind.
     */
    @Override
    public void deletePrefix(String prefix) {
        stats.addOtherRequest();
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Set<Path> emptied = new HashSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            // children sort after their parent: in reverse, a directory comes after everything in it
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                String relative = root.relativize(p).toString().replace('\\', '/');
                boolean directory = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
                boolean delete = directory
                        ? (emptied.contains(p) || (relative + "/").startsWith(prefix)) && isEmpty(p)
                        : targetKey(relative).startsWith(prefix);
                if (delete && Files.deleteIfExists(p)) {
                    emptied.add(p.getParent());
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot delete under " + root + ": " + e.getMessage(), e);
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    /** The key a file stands for: a temporary file left by an unfinished write counts as its target. */
    private static String targetKey(String relative) {
        int slash = relative.lastIndexOf('/');
        String name = relative.substring(slash + 1);
        if (name.startsWith(TEMP_PREFIX) && name.length() > TEMP_PREFIX.length() + 37) {
            return relative.substring(0, slash + 1) + name.substring(TEMP_PREFIX.length() + 37);
        }
        return relative;
    }

    @Override
    public StoreStats stats() {
        return stats;
    }

    private static final class FileWriter extends ObjectWriter {
        private final OutputStream out;
        private final Path tmp;
        private final Path target;
        private boolean closed;

        FileWriter(OutputStream out, Path tmp, Path target) {
            this.out = out;
            this.tmp = tmp;
            this.target = target;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                out.close();
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                Files.deleteIfExists(tmp);
                throw new StoreException("cannot write " + target + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void abort() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                out.close();
            } catch (IOException ignored) {
                // the temporary file is deleted below either way
            }
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // nothing visible was created
            }
        }
    }
}
