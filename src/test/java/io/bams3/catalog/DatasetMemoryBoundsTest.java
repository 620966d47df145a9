package io.bams3.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import htsjdk.samtools.SAMFileHeader;
import htsjdk.samtools.SAMFileWriter;
import htsjdk.samtools.SAMFileWriterFactory;
import htsjdk.samtools.SAMRecord;
import htsjdk.samtools.SAMSequenceDictionary;
import htsjdk.samtools.SAMSequenceRecord;
import io.bams3.convert.ConvertOptions;
import io.bams3.convert.Converter;
import io.bams3.convert.ProgressListener;
import io.bams3.format.Codec;
import io.bams3.query.Dataset;
import io.bams3.query.DatasetTooLargeException;
import io.bams3.store.LocalObjectStore;
import io.bams3.store.S3Settings;
import io.bams3.testing.TestFiles;
import io.bams3.testing.TestServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opened datasets are kept by the memory they hold, not by their count: many datasets with large
 * headers are all served, while the cache stays within its byte bound; a dataset whose header is
 * over the configured limit is refused with a clear error instead of being read.
 */
@Tag("server")
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatasetMemoryBoundsTest {
    private static final int DATASETS = 10;
    private static final int HEADER_BYTES = 1 << 20;

    @TempDir
    static Path root;

    @BeforeAll
    void datasets() throws IOException {
        Path bam = root.resolve("big-header.bam");
        writeBam(bam);
        Path first = root.resolve("big0.bams3");
        new Converter(new ConvertOptions(Codec.BGZF, 64 << 10, 2, false), ProgressListener.NONE)
                .convert(bam, new LocalObjectStore(first));
        for (int i = 1; i < DATASETS; i++) {
            TestFiles.copyTree(first, root.resolve("big" + i + ".bams3"));
        }
    }

    /** One reference, three reads, and about 1 MiB of @CO lines. */
    private static void writeBam(Path bam) {
        SAMFileHeader header =
                new SAMFileHeader(new SAMSequenceDictionary(List.of(new SAMSequenceRecord("chr1", 1_000_000))));
        header.setSortOrder(SAMFileHeader.SortOrder.coordinate);
        String line = "x".repeat(1000);
        for (int i = 0; i < HEADER_BYTES / 1000; i++) {
            header.addComment(line);
        }
        try (SAMFileWriter w = new SAMFileWriterFactory().makeBAMWriter(header, true, bam)) {
            for (int i = 0; i < 3; i++) {
                SAMRecord r = new SAMRecord(header);
                r.setReadName("r" + i);
                r.setReferenceName("chr1");
                r.setAlignmentStart(1000 + i);
                r.setCigarString("10M");
                r.setReadString("ACGTACGTAC");
                r.setBaseQualityString("IIIIIIIIII");
                w.addAlignment(r);
            }
        }
    }

    private static DatasetCatalog catalog(long maxDatasetBytes, long maxHeaderBytes) {
        return new DatasetCatalog(
                new DatasetLocator(List.of(DatasetRoot.of(root.toString()))),
                S3Settings.defaults(),
                new CacheSettings(Duration.ofMinutes(5), 10_000, maxDatasetBytes, 1 << 20, maxHeaderBytes));
    }

    @Test
    void cachedDatasetsAreBoundedByTheBytesTheyHold() {
        long bound = 3L * HEADER_BYTES + (HEADER_BYTES / 2);
        try (DatasetCatalog catalog = catalog(bound, 2L * HEADER_BYTES)) {
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < DATASETS; i++) {
                    Dataset ds = catalog.open("big" + i);
                    assertThat(ds.header().text().length).isGreaterThan(HEADER_BYTES);
                    assertThat(ds.retainedBytes()).isGreaterThan(HEADER_BYTES);
                    catalog.datasetCache().cleanUp();
                    assertThat(catalog.datasetCache()
                                    .policy()
                                    .eviction()
                                    .orElseThrow()
                                    .weightedSize()
                                    .orElseThrow())
                            .as("cache weight after opening big%d", i)
                            .isLessThanOrEqualTo(bound);
                }
            }
            assertThat(catalog.datasetCache().estimatedSize()).isBetween(1L, 3L);
        }
    }

    @Test
    void aHeaderOverTheLimitIsRefusedBeforeItIsRead() {
        try (DatasetCatalog catalog = catalog(64L << 20, HEADER_BYTES / 2)) {
            assertThatThrownBy(() -> catalog.open("big0"))
                    .isInstanceOf(DatasetTooLargeException.class)
                    .hasMessageContaining("too large")
                    .hasMessageNotContaining(root.toString());
        }
        try (TestServer server = TestServer.start(
                Map.of("bams3.roots[0].location", root.toString(), "bams3.limits.max-header-bytes", "512KB"))) {
            HttpResponse<byte[]> r = server.get("/reads/big1?referenceName=chr1");
            String body = new String(r.body(), StandardCharsets.UTF_8);
            assertThat(r.statusCode()).as(body).isEqualTo(500);
            assertThat(body).contains("\"InternalError\"").contains("too large").doesNotContain(root.toString());
        }
    }
}
