package io.bams3.bench;

import io.bams3.format.DatasetLayout;
import io.bams3.format.DatasetMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A dataset written to a local directory, seen as files: sizes, and removal before a rerun. */
public record DatasetDirectory(Path root) {

    /** Bytes of every file of the dataset. */
    public long totalBytes() {
        return bytesUnder(root);
    }

    /** Bytes of the chunk objects (data/... of the current generation). */
    public long chunkBytes() {
        try {
            byte[] json = Files.readAllBytes(root.resolve(DatasetLayout.METADATA));
            String generation = DatasetMetadata.fromJson(json, root.toString()).generationPrefix();
            return bytesUnder(root.resolve(generation).resolve(DatasetLayout.DATA_DIR));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the metadata of " + root, e);
        }
    }

    public void delete() {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }

    private static long bytesUnder(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(p -> {
                        try {
                            return Files.size(p);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .sum();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
