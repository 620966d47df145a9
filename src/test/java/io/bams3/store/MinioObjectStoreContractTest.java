package io.bams3.store;

import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The contract against MinIO in a container; skipped where no Docker engine runs. */
@Tag("docker")
@Testcontainers(disabledWithoutDocker = true)
class MinioObjectStoreContractTest extends ObjectStoreContract {
    @Container
    static final MinIOContainer MINIO = new MinIOContainer("minio/minio:RELEASE.2025-04-22T22-12-26Z");

    private static S3Clients clients;
    private int n;

    @Override
    protected ObjectStore newStore() {
        if (clients == null) {
            clients = new S3Clients(S3Settings.defaults()
                    .withEndpoint(URI.create(MINIO.getS3URL()))
                    .withRegion("us-east-1")
                    .withCredentials(MINIO.getUserName(), MINIO.getPassword()));
        }
        String bucket = "contract-" + System.nanoTime() + "-" + n++;
        clients.client().createBucket(b -> b.bucket(bucket));
        return new S3ObjectStore(clients, new S3Location(bucket, "p/x.bams3"));
    }

    @Override
    protected boolean presigns() {
        return true;
    }

    @AfterAll
    static void closeClients() {
        if (clients != null) {
            clients.close();
        }
    }
}
