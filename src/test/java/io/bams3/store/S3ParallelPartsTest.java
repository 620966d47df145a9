package io.bams3.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bams3.testing.S3MockServer;
import java.io.IOException;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The parts of a large object go up in parallel, at most {@link S3Settings#parallelism()} at once,
 * and the object is the bytes written; a part that fails aborts the whole upload and leaves
 * nothing visible, not even an upload in progress. Against S3Mock behind a proxy that holds each
 * part for a while (so overlap is observable) and can fail one.
 */
@Tag("slow")
@ExtendWith(S3MockServer.class)
class S3ParallelPartsTest {
    private static final int PARALLEL = 3;
    private static final int PARTS = 6;

    /** Six parts, the last one short, written in pieces that straddle the part boundaries. */
    private static byte[] sixParts() {
        byte[] data = new byte[(PARTS - 1) * S3ObjectStore.PART_SIZE + 4321];
        new Random(13).nextBytes(data);
        return data;
    }

    private static void writeInPieces(ObjectStore.ObjectWriter w, byte[] data) throws IOException {
        for (int p = 0; p < data.length; p += 77_777) {
            w.write(data, p, Math.min(77_777, data.length - p));
        }
    }

    private static S3Settings through(PartHoldingProxy proxy) {
        S3Settings s = S3MockServer.get().settings().withEndpoint(proxy.endpoint());
        return new S3Settings(
                s.endpoint(),
                s.region(),
                s.pathStyle(),
                s.profile(),
                s.accessKey(),
                s.secretKey(),
                s.anonymous(),
                s.requesterPays(),
                s.encryption(),
                s.maxConnections(),
                PARALLEL,
                2,
                s.connectTimeout(),
                s.readTimeout(),
                s.apiCallTimeout());
    }

    @Test
    void partsGoUpInParallelAndMakeExactlyTheBytesWritten() throws Exception {
        S3MockServer s3 = S3MockServer.get();
        String bucket = s3.newBucket("parallel-parts");
        byte[] data = sixParts();
        try (PartHoldingProxy proxy = new PartHoldingProxy(s3.endpoint(), Duration.ofMillis(300));
                S3Clients clients = new S3Clients(through(proxy));
                ObjectStore store = new S3ObjectStore(clients, new S3Location(bucket, "ds"))) {
            try (ObjectStore.ObjectWriter w = store.put("data/big.chunk")) {
                writeInPieces(w, data);
            }
            assertThat(proxy.partRequests.get()).isEqualTo(PARTS);
            assertThat(proxy.mostAtOnce.get()).isGreaterThan(1).isLessThanOrEqualTo(PARALLEL);
        }
        byte[] back = s3.clients()
                .client()
                .getObjectAsBytes(b -> b.bucket(bucket).key("ds/data/big.chunk"))
                .asByteArray();
        assertThat(back.length).isEqualTo(data.length);
        assertThat(back).isEqualTo(data);
    }

    @Test
    void aFailedPartAbortsTheUploadAndLeavesNothing() throws Exception {
        S3MockServer s3 = S3MockServer.get();
        String bucket = s3.newBucket("failed-part");
        byte[] data = sixParts();
        try (PartHoldingProxy proxy = new PartHoldingProxy(s3.endpoint(), Duration.ofMillis(100));
                S3Clients clients = new S3Clients(through(proxy));
                ObjectStore store = new S3ObjectStore(clients, new S3Location(bucket, "ds"))) {
            proxy.failPart(3);
            ObjectStore.ObjectWriter w = store.put("data/big.chunk");
            assertThatThrownBy(() -> {
                        writeInPieces(w, data);
                        w.close();
                    })
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("s3://" + bucket + "/ds/data/big.chunk")
                    .hasMessageContaining("HTTP 500");
            assertThat(store.head("data/big.chunk")).isEmpty();
            assertThat(store.list("")).isEmpty();
        }
        assertThat(s3.clients().client().listObjectsV2(b -> b.bucket(bucket)).contents())
                .isEmpty();
        assertThat(s3.clients()
                        .client()
                        .listMultipartUploads(b -> b.bucket(bucket))
                        .uploads())
                .isEmpty();
    }
}
