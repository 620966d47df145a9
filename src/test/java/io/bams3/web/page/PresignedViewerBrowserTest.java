package io.bams3.web.page;

import io.bams3.store.S3Location;
import io.bams3.store.S3ObjectStore;
import io.bams3.testing.S3MockServer;
import io.bams3.testing.ServedDatasets;
import io.bams3.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The pages in headless Chromium against a server on an S3 root (S3Mock) with presigned tickets:
 * igv.js fetches the data straight from the store. S3Mock answers every origin's CORS preflight
 * and Range GET with {@code Access-Control-Allow-Origin: *} and {@code Access-Control-Expose-Headers: *},
 * the rule a real bucket needs for the page's origin (README, Browse and view).
 */
@ExtendWith(S3MockServer.class)
class PresignedViewerBrowserTest extends ViewerBrowserContract {
    @Override
    TestServer startServer() {
        S3MockServer s3 = S3MockServer.get();
        String bucket = s3.newBucket("browser");
        ServedDatasets.convertAll(key -> new S3ObjectStore(s3.clients(), new S3Location(bucket, "served/" + key)));
        return TestServer.start(withReference(Map.of(
                "bams3.roots[0].location",
                "s3://" + bucket + "/served",
                "bams3.s3.endpoint-url",
                s3.endpoint().toString(),
                "bams3.s3.region",
                "us-east-1",
                "bams3.tickets.mode",
                "presigned")));
    }

    @Override
    String dataPrefix(TestServer server) {
        return S3MockServer.get().endpoint() + "/";
    }

    @Override
    String mode() {
        return "presigned";
    }
}
