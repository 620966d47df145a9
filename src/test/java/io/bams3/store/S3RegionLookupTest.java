package io.bams3.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;

/**
 * Where no region is configured, the S3 client for an S3-compatible endpoint does not ask the
 * instance metadata service (away from EC2 that question takes seconds of every command); the
 * client for AWS still does, as the SDK's chain does. The metadata service here is a loopback
 * server that counts what it is asked.
 */
class S3RegionLookupTest {

    @Test
    void aCustomEndpointWithoutARegionIsNotWorthAMetadataServiceQuestion(@TempDir Path dir) throws Exception {
        assumeTrue(
                System.getenv("AWS_REGION") == null && System.getenv("AWS_DEFAULT_REGION") == null,
                "a region is configured in the environment");
        assumeTrue(
                !"true".equalsIgnoreCase(System.getenv("AWS_EC2_METADATA_DISABLED")),
                "the instance metadata service is disabled in the environment");
        AtomicInteger asked = new AtomicInteger();
        HttpServer imds = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        imds.createContext("/", exchange -> {
            asked.incrementAndGet();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        imds.start();
        Path emptyConfig = Files.writeString(dir.resolve("config"), "");
        String[] keys = {"aws.ec2MetadataServiceEndpoint", "aws.configFile", "aws.sharedCredentialsFile", "aws.region"};
        String[] saved = new String[keys.length];
        for (int i = 0; i < keys.length; i++) {
            saved[i] = System.getProperty(keys[i]);
        }
        System.setProperty(keys[0], "http://127.0.0.1:" + imds.getAddress().getPort());
        System.setProperty(keys[1], emptyConfig.toString());
        System.setProperty(keys[2], emptyConfig.toString());
        System.clearProperty(keys[3]);
        S3Settings anonymous = S3Settings.defaults().withCredentials("key", "secret");
        try {
            try (S3Clients compatible =
                    new S3Clients(anonymous.overriddenBy(URI.create("http://127.0.0.1:9"), null, null, null))) {
                assertThat(compatible.client().serviceClientConfiguration().region())
                        .isEqualTo(Region.US_EAST_1);
            }
            assertThat(asked)
                    .as("metadata service requests for an S3-compatible endpoint")
                    .hasValue(0);

            try (S3Clients aws = new S3Clients(anonymous)) {
                assertThat(aws.client().serviceClientConfiguration().region()).isEqualTo(Region.US_EAST_1);
            }
            assertThat(asked.get())
                    .as("metadata service requests for AWS itself")
                    .isPositive();
        } finally {
            imds.stop(0);
            for (int i = 0; i < keys.length; i++) {
                if (saved[i] == null) {
                    System.clearProperty(keys[i]);
                } else {
                    System.setProperty(keys[i], saved[i]);
                }
            }
        }
    }
}
