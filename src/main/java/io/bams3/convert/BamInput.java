package io.bams3.convert;

import io.bams3.store.ObjectInfo;
import io.bams3.store.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A BAM to convert: a local file, an object in a store, or a stream (standard input), read once
 * from start to end. {@code size} is {@link #UNKNOWN_SIZE} for a stream.
 */
public record BamInput(String name, long size, Opener opener) {
    public static final long UNKNOWN_SIZE = -1;

    /** The name a stream of standard input is given, as samtools names it. */
    public static final String STDIN = "-";

    /** Opens the BAM's bytes from the start. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    public static BamInput file(Path path) throws IOException {
        try {
            return new BamInput(path.toString(), Files.size(path), () -> Files.newInputStream(path));
        } catch (NoSuchFileException e) {
            throw new ConversionException("no such file: " + path);
        }
    }

    /** An object of a store (e.g. a BAM in S3), streamed rather than downloaded first. */
    public static BamInput object(ObjectStore store, String key) {
        ObjectInfo info = store.head(key)
                .orElseThrow(() -> new ConversionException("no such object: " + store.location() + "/" + key));
        return new BamInput(store.location() + "/" + key, info.size(), () -> store.get(key, null));
    }

    /**
     * A BAM arriving on a stream of unknown length (standard input: {@code samtools sort -O bam |
     * bams3 convert - DATASET}). It is read once, like a file; its size is what it turns out to be.
     */
    public static BamInput stream(String name, InputStream in) {
        return new BamInput(name, UNKNOWN_SIZE, () -> in);
    }

    /** Whether the size is known before reading (a file or an object, not a stream). */
    public boolean sized() {
        return size != UNKNOWN_SIZE;
    }

    /** The last part of the name (the file name), recorded in the dataset's metadata. */
    public String fileName() {
        return name.substring(name.lastIndexOf('/') + 1);
    }
}
