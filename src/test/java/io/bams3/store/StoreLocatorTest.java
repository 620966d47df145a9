package io.bams3.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bams3.testing.S3MockServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(S3MockServer.class)
class StoreLocatorTest {
    @TempDir
    Path dir;

    @Test
    void localAndS3LocationsOpenStoresThatCountIntoOneStats() {
        S3MockServer s3 = S3MockServer.get();
        String bucket = s3.newBucket("locator");
        StoreStats stats = new StoreStats();
        try (StoreLocator stores = new StoreLocator(s3.settings(), null, stats)) {
            ObjectStore local = stores.open(dir.resolve("x.bams3").toString());
            ObjectStore remote = stores.open("s3://" + bucket + "/p/x.bams3");
            assertThat(local).isInstanceOf(LocalObjectStore.class);
            assertThat(remote).isInstanceOf(S3ObjectStore.class);
            assertThat(remote.location()).isEqualTo("s3://" + bucket + "/p/x.bams3");
            local.putBytes("k", new byte[3]);
            remote.putBytes("k", new byte[4]);
            local.getBytes("k");
            remote.getBytes("k");
            assertThat(stats.getRequests()).isEqualTo(2);
            assertThat(stats.bytesRead()).isEqualTo(7);
            assertThat(stores.stats()).isSameAs(stats);
        }
    }

    @Test
    void otherSchemesAreRefused() {
        try (StoreLocator stores = new StoreLocator(S3Settings.defaults())) {
            assertThatThrownBy(() -> stores.open("https://example.org/x.bams3"))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("unsupported dataset location");
        }
    }
}
