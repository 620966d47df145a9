package io.bams3.cli;

import io.bams3.convert.BamInput;
import io.bams3.convert.ConvertOptions;
import io.bams3.convert.Converter;
import io.bams3.format.Codec;
import io.bams3.format.DatasetLayout;
import io.bams3.format.DatasetMetadata;
import io.bams3.store.ObjectStore;
import io.bams3.store.S3Location;
import io.bams3.store.StoreLocator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "convert",
        mixinStandardHelpOptions = true,
        description = "Convert a coordinate-sorted BAM into a BAMS3 dataset.")
final class ConvertCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    StoreOptions storage = new StoreOptions();

    @Parameters(
            index = "0",
            paramLabel = "IN.bam",
            description = "Coordinate-sorted BAM: a file, an s3:// object (streamed), or - for standard input.")
    String input;

    @Parameters(index = "1", paramLabel = "DATASET", description = "Dataset to create, e.g. out/NA12878.bams3.")
    String dataset;

    @Option(names = "--codec", defaultValue = "bgzf", description = "Chunk codec: bgzf (default) or zstd.")
    String codec;

    @Option(
            names = "--chunk-bytes",
            defaultValue = "16M",
            paramLabel = "N",
            description = "Target compressed chunk size; k/M/G suffixes allowed (default ${DEFAULT-VALUE}).")
    String chunkBytes;

    @Option(names = "--threads", paramLabel = "N", description = "Compression threads (default: available cores).")
    Integer threads;

    @Option(names = "--force", description = "Replace an existing dataset.")
    boolean force;

    @Option(
            names = "--skip-existing",
            description = "Succeed without converting when the dataset already exists" + " (for reruns of batch jobs).")
    boolean skipExisting;

    @Override
    public Integer call() throws Exception {
        ConvertOptions options = new ConvertOptions(
                Codec.parse(codec),
                Sizes.parse(chunkBytes, "--chunk-bytes"),
                threads == null ? Runtime.getRuntime().availableProcessors() : threads,
                force);
        Progress progress = new Progress(System.err, System.console() != null);
        long started = System.nanoTime();
        DatasetMetadata m;
        try (StoreLocator stores = storage.locator();
                ObjectStore store = stores.open(dataset)) {
            if (skipExisting && !force && store.head(DatasetLayout.METADATA).isPresent()) {
                System.err.println(dataset + " exists; kept (--skip-existing)");
                return 0;
            }
            m = convert(options, progress, stores, store);
        } finally {
            progress.done();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.err.printf(
                "converted %s -> %s: %,d records, %d chunks, %,d bytes (%.3fx source), codec %s, %.1f s%n",
                input,
                dataset,
                m.records(),
                m.chunks(),
                m.dataBytes(),
                m.source().bytes() == 0
                        ? 0.0
                        : (double) m.dataBytes() / m.source().bytes(),
                m.codec(),
                seconds);
        return 0;
    }

    private DatasetMetadata convert(ConvertOptions options, Progress progress, StoreLocator stores, ObjectStore into)
            throws IOException {
        Converter converter = new Converter(options, progress);
        if (input.equals(BamInput.STDIN)) {
            return converter.convert(BamInput.stream(BamInput.STDIN, System.in), into);
        }
        if (!S3Location.isS3(input)) {
            return converter.convert(BamInput.file(Path.of(input)), into);
        }
        S3Location object = S3Location.parse(input);
        int slash = object.prefix().lastIndexOf('/');
        S3Location parent =
                new S3Location(object.bucket(), slash < 0 ? "" : object.prefix().substring(0, slash));
        ObjectStore from = stores.open(parent.toString());
        return converter.convert(BamInput.object(from, object.prefix().substring(slash + 1)), into);
    }
}
