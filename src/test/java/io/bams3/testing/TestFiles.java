package io.bams3.testing;

import io.bams3.format.DatasetLayout;
import io.bams3.format.DatasetMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** File-tree operations the tests share. */
public final class TestFiles {
    private TestFiles() {}

    /**
     * The directory of the current generation of a local dataset (format version 2 or later), where its
     * header, reference table, index and data objects are (docs/FORMAT.md section 2).
     */
    public static Path generation(Path dataset) throws IOException {
        byte[] json = Files.readAllBytes(dataset.resolve(DatasetLayout.METADATA));
        return dataset.resolve(
                DatasetMetadata.fromJson(json, dataset.toString()).generationPrefix());
    }

    /** Copies the tree under {@code from} to {@code to} (created as needed; files already there are replaced). */
    public static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
