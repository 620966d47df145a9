package io.bams3.cli;

import io.bams3.convert.ConvertOptions;
import io.bams3.convert.Converter;
import io.bams3.format.Codec;
import io.bams3.format.DatasetMetadata;
import io.bams3.store.ObjectStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "convert", description = "Convert a coordinate-sorted BAM into a BAMS3 dataset.")
final class ConvertCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    StoreOptions storage = new StoreOptions();

    @Parameters(index = "0", paramLabel = "IN.bam", description = "Coordinate-sorted BAM file.")
    Path input;

    @Parameters(index = "1", paramLabel = "DATASET", description = "Dataset to create, e.g. out/NA12878.bams3.")
    String dataset;

    @Option(names = "--codec", defaultValue = "bgzf", description = "Chunk codec: bgzf (default) or zstd.")
    String codec;

    @Option(names = "--chunk-bytes", defaultValue = "16M", paramLabel = "N",
            description = "Target compressed chunk size; k/M/G suffixes allowed (default ${DEFAULT-VALUE}).")
    String chunkBytes;

    @Option(names = "--threads", paramLabel = "N", description = "Compression threads (default: available cores).")
    Integer threads;

    @Option(names = "--force", description = "Replace an existing dataset.")
    boolean force;

    @Override
    public Integer call() throws Exception {
        ConvertOptions options = new ConvertOptions(Codec.parse(codec), Sizes.parse(chunkBytes, "--chunk-bytes"),
                threads == null ? Runtime.getRuntime().availableProcessors() : threads, force);
        Progress progress = new Progress(System.err, System.console() != null);
        long started = System.nanoTime();
        DatasetMetadata m;
        try (ObjectStore store = storage.open(dataset)) {
            m = new Converter(options, progress).convert(input, store);
        } finally {
            progress.done();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.err.printf("converted %s -> %s: %,d records, %d chunks, %,d bytes (%.3fx source), codec %s, %.1f s%n",
                input, dataset, m.records(), m.chunkCount(), m.dataBytes(),
                m.source().bytes() == 0 ? 0.0 : (double) m.dataBytes() / m.source().bytes(), m.codec(), seconds);
        return 0;
    }
}
