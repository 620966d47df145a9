package io.bams3.store;

import io.bams3.testing.Cli;
import io.bams3.testing.S3MockServer;
import io.bams3.testing.TestBams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(S3MockServer.class)
class S3SmokeTest {
    @Test
    void convertAndViewOnS3() {
        S3MockServer s3 = S3MockServer.get();
        String bucket = s3.newBucket("smoke");
        String ds = "s3://" + bucket + "/datasets/na.bams3";
        String ep = s3.endpoint().toString();
        Cli.Result c = Cli.run("convert", TestBams.path(TestBams.NA12878).toString(), ds, "--endpoint-url", ep, "--chunk-bytes", "64k");
        assertThat(c.exit()).as(c.stderr()).isZero();
        Cli.Result v = Cli.run("view", "-c", ds, "11:5,015,001-5,050,000", "--endpoint-url", ep);
        assertThat(v.exit()).as(v.stderr()).isZero();
        assertThat(v.out().trim()).isEqualTo("3803");
    }
}
