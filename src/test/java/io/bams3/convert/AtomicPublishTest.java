package io.bams3.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bams3.format.Codec;
import io.bams3.format.DatasetLayout;
import io.bams3.store.LocalObjectStore;
import io.bams3.store.ObjectStore;
import io.bams3.testing.Cli;
import io.bams3.testing.ForwardingObjectStore;
import io.bams3.testing.TestBams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dataset appears whole or not at all; reruns are reproducible; --force never loses the old one. */
class AtomicPublishTest {
    @TempDir
    Path dir;

    private static final ConvertOptions SMALL = new ConvertOptions(Codec.BGZF, 32 << 10, 2, false);

    @Test
    void crashMidwayLeavesNoDatasetAndRerunGivesTheSameBytes() throws IOException {
        Path target = dir.resolve("x.bams3");
        ProgressListener crash = (bytes, total, records) -> {
            if (records > 20_000) {
                throw new IllegalStateException("simulated crash");
            }
        };
        assertThatThrownBy(() ->
                        new Converter(SMALL, crash).convert(TestBams.path(TestBams.CHRM), new LocalObjectStore(target)))
                .hasMessageContaining("simulated crash");
        assertThat(target.resolve(DatasetLayout.METADATA)).doesNotExist();
        assertThat(new LocalObjectStore(target).list("")).isEmpty();

        new Converter(SMALL, ProgressListener.NONE).convert(TestBams.path(TestBams.CHRM), new LocalObjectStore(target));
        Path again = dir.resolve("again.bams3");
        new Converter(new ConvertOptions(Codec.BGZF, 32 << 10, 1, false), ProgressListener.NONE)
                .convert(TestBams.path(TestBams.CHRM), new LocalObjectStore(again));
        Map<String, byte[]> a = contents(target);
        Map<String, byte[]> b = contents(again);
        assertThat(a.keySet()).isEqualTo(b.keySet()).hasSizeGreaterThan(10);
        for (String key : a.keySet()) {
            if (!key.equals(DatasetLayout.METADATA)) {
                assertThat(Arrays.equals(a.get(key), b.get(key))).as(key).isTrue();
            }
        }
        assertThat(withoutTimes(a.get(DatasetLayout.METADATA))).isEqualTo(withoutTimes(b.get(DatasetLayout.METADATA)));
    }

    /** The metadata without the fields that name the moment of conversion (its time and generation). */
    private static String withoutTimes(byte[] metadata) {
        return new String(metadata).replaceAll("\"(created|generation)\" : \"[^\"]+\"", "");
    }

    @Test
    void existingDatasetIsRefusedWithoutForceAndKeptWhenForcedConversionFails() throws IOException {
        Path target = dir.resolve("keep.bams3");
        String source = TestBams.path(TestBams.MPILEUP).toString();
        assertThat(Cli.run("convert", source, target.toString()).exit()).isZero();
        Map<String, byte[]> before = contents(target);

        Cli.Result refused = Cli.run("convert", source, target.toString());
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.stderr()).contains("already exists").contains("--force");

        byte[] whole = Files.readAllBytes(TestBams.path(TestBams.NA12878));
        Path cut = dir.resolve("cut.bam");
        Files.write(cut, Arrays.copyOf(whole, whole.length - 5000));
        Cli.Result failed = Cli.run("convert", cut.toString(), target.toString(), "--force");
        assertThat(failed.exit()).isNotZero();
        Map<String, byte[]> after = contents(target);
        assertThat(after.keySet()).isEqualTo(before.keySet());
        assertThat(Cli.run("validate", target.toString()).exit()).isZero();
        try (var siblings = Files.list(dir)) {
            assertThat(siblings.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.contains("staging") || n.contains(".old-"));
        }

        Cli.Result forced =
                Cli.run("convert", TestBams.path(TestBams.NA12878).toString(), target.toString(), "--force");
        assertThat(forced.exit()).as(forced.stderr()).isZero();
        assertThat(Cli.run("view", "-c", target.toString()).out().trim()).isEqualTo("39918");
    }

    @Test
    void refusesToWriteIntoADirectoryWithOtherFiles() throws IOException {
        Path target = dir.resolve("home");
        Files.createDirectories(target);
        Files.writeString(target.resolve("notes.txt"), "precious");
        Cli.Result r = Cli.run("convert", TestBams.path(TestBams.MPILEUP).toString(), target.toString());
        assertThat(r.exit()).isNotZero();
        assertThat(r.stderr()).contains("holds other files");
        assertThat(target.resolve("notes.txt")).hasContent("precious");
    }

    @Test
    void aFailureWhileWritingTheMetadataLeavesNothingAndIsTheErrorReported() {
        Path target = dir.resolve("meta.bams3");
        FailingStore store = new FailingStore(new LocalObjectStore(target));
        assertThatThrownBy(() ->
                        new Converter(SMALL, ProgressListener.NONE).convert(TestBams.path(TestBams.NA12878), store))
                .hasMessageContaining("disk full")
                .satisfies(e -> assertThat(e.getSuppressed()).isEmpty());
        assertThat(store.metadataBytes).isGreaterThan(1000);
        assertThat(target).doesNotExist();

        store.alsoFailTheCleanup();
        assertThatThrownBy(() ->
                        new Converter(SMALL, ProgressListener.NONE).convert(TestBams.path(TestBams.NA12878), store))
                .hasMessageContaining("disk full")
                .satisfies(e -> assertThat(e.getSuppressed())
                        .singleElement()
                        .hasToString("java.lang.IllegalStateException: cleanup failed too"));
    }

    /** Fails the metadata object after its first 1000 bytes; can fail the cleanup after that as well. */
    private static final class FailingStore extends ForwardingObjectStore {
        long metadataBytes;
        private boolean failCleanup;
        private boolean failed;

        FailingStore(ObjectStore delegate) {
            super(delegate);
        }

        /** From the next conversion on, deleting after the metadata failed fails too. */
        void alsoFailTheCleanup() {
            failCleanup = true;
            failed = false;
            metadataBytes = 0;
        }

        @Override
        public ObjectWriter put(String key) {
            ObjectWriter real = delegate.put(key);
            if (!key.equals(DatasetLayout.METADATA)) {
                return real;
            }
            return new ObjectWriter() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    metadataBytes += len;
                    if (metadataBytes > 1000) {
                        failed = true;
                        throw new IOException("disk full");
                    }
                    real.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    real.close();
                }

                @Override
                public void abort() {
                    real.abort();
                }
            };
        }

        @Override
        public void deletePrefix(String prefix) {
            if (failed && failCleanup) {
                throw new IllegalStateException("cleanup failed too");
            }
            delegate.deletePrefix(prefix);
        }
    }

    private static Map<String, byte[]> contents(Path root) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (var files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                // generations are named by the time of conversion: compared by what they hold
                out.put(root.relativize(p).toString().replaceFirst("^gen/[^/]+/", "gen/*/"), Files.readAllBytes(p));
            }
        }
        return out;
    }
}
