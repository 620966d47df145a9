package io.bams3.testing;

import io.bams3.convert.ConvertOptions;
import io.bams3.convert.Converter;
import io.bams3.convert.ProgressListener;
import io.bams3.format.Codec;
import io.bams3.store.LocalObjectStore;
import io.bams3.store.ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The datasets the server tests serve, converted once per test run from the real BAMs and the
 * generated edge-case BAM: id -> source BAM (the oracle input).
 */
public final class ServedDatasets {
    /** A dataset to serve: its id, source, codec and chunk size. */
    public record Spec(String id, Path source, Codec codec, long chunkBytes) {}

    private static Path edgeBam;
    private static Path localRoot;

    private ServedDatasets() {}

    /** The source BAM of the generated edge cases (written once per run). */
    public static synchronized Path edgeBam() {
        if (edgeBam == null) {
            try {
                Path dir = Files.createTempDirectory("bams3-served-edge");
                dir.toFile().deleteOnExit();
                edgeBam = EdgeCaseBam.write(dir.resolve("edge.bam"), 11);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return edgeBam;
    }

    /** A directory with every dataset converted into it, made once per test run. */
    public static synchronized Path localRoot() {
        if (localRoot == null) {
            try {
                Path dir = Files.createTempDirectory("bams3-served");
                convertAll(key -> new LocalObjectStore(dir.resolve(key)));
                localRoot = dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return localRoot;
    }

    /** Every served dataset; ids with '/' included. */
    public static Map<String, Spec> all() {
        Map<String, Spec> out = new LinkedHashMap<>();
        add(out, new Spec("na12878", TestBams.path(TestBams.NA12878), Codec.BGZF, ConvertOptions.DEFAULT_CHUNK_BYTES));
        add(out, new Spec("small/na12878", TestBams.path(TestBams.NA12878), Codec.BGZF, 32 << 10));
        add(out, new Spec("chrm", TestBams.path(TestBams.CHRM), Codec.BGZF, 128 << 10));
        add(out, new Spec("zstd/chrm", TestBams.path(TestBams.CHRM), Codec.ZSTD, 128 << 10));
        add(out, new Spec("edge", edgeBam(), Codec.BGZF, 48 << 10));
        add(out, new Spec("mpileup", TestBams.path(TestBams.MPILEUP), Codec.BGZF, ConvertOptions.DEFAULT_CHUNK_BYTES));
        return out;
    }

    private static void add(Map<String, Spec> out, Spec spec) {
        out.put(spec.id(), spec);
    }

    /** Converts every dataset into {@code id + ".bams3"} under the stores {@code storeOf} gives. */
    public static Map<String, Spec> convertAll(Function<String, ObjectStore> storeOf) {
        Map<String, Spec> specs = all();
        for (Spec s : specs.values()) {
            try (ObjectStore store = storeOf.apply(s.id() + ".bams3")) {
                new Converter(new ConvertOptions(s.codec(), s.chunkBytes(), 2, false), ProgressListener.NONE)
                        .convert(s.source(), store);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return specs;
    }
}
