package io.bams3.convert;

import io.bams3.store.ObjectInfo;
import io.bams3.store.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** A BAM to convert: a local file or an object in a store, read once from start to end. */
public record BamInput(String name, long size, Opener opener) {

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

    /** The last part of the name (the file name), recorded in the dataset's metadata. */
    public String fileName() {
        return name.substring(name.lastIndexOf('/') + 1);
    }
}
