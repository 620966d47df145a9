package io.bams3.store;

import io.bams3.testing.S3MockServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/** The contract against a real S3-compatible server (S3Mock, started by the tests). */
@Tag("slow")
@ExtendWith(S3MockServer.class)
class S3ObjectStoreContractTest extends ObjectStoreContract {
    @Override
    protected ObjectStore newStore() {
        S3MockServer s3 = S3MockServer.get();
        return new S3ObjectStore(s3.clients(), new S3Location(s3.newBucket("contract"), "some/prefix/x.bams3"));
    }

    @Override
    protected boolean presigns() {
        return true;
    }
}
