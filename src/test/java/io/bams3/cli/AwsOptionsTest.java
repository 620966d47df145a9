package io.bams3.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.bams3.testing.Cli;
import io.bams3.testing.FaultProxy;
import io.bams3.testing.S3MockServer;
import io.bams3.testing.TestBams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The aws-cli-named S3 options on the command line, checked by what reaches S3Mock. */
@ExtendWith(S3MockServer.class)
class AwsOptionsTest {
    private static final String DEPRECATION =
            "bams3 ls: warning: --region is deprecated, use --aws-region (genomic regions are positional arguments)";

    @Test
    void convertWritesEncryptedAndPayingAndANoSignRequestViewReadsWithoutSigning() throws Exception {
        S3MockServer s3 = S3MockServer.get();
        String bucket = s3.newBucket("aws-options");
        String dataset = "s3://" + bucket + "/d/chrM.bams3";
        try (FaultProxy proxy = new FaultProxy(s3.endpoint(), 5)) {
            String endpoint = proxy.endpoint().toString();
            Cli.Result convert = Cli.run(
                    "convert",
                    TestBams.path(TestBams.CHRM).toString(),
                    dataset,
                    "--endpoint-url",
                    endpoint,
                    "--sse",
                    "AES256",
                    "--request-payer",
                    "requester");
            assertThat(convert.exit()).as(convert.stderr()).isZero();
            assertThat(proxy.seen())
                    .isNotEmpty()
                    .allSatisfy(r -> assertThat(r.header("x-amz-request-payer"))
                            .as(r.method() + " " + r.uri())
                            .contains("requester"));
            assertThat(proxy.seen())
                    .filteredOn(r -> r.method().equals("PUT") && !r.query().contains("partNumber="))
                    .isNotEmpty()
                    .allSatisfy(r ->
                            assertThat(r.header("x-amz-server-side-encryption")).contains("AES256"));
            assertThat(proxy.seen())
                    .filteredOn(r -> r.method().equals("GET") || r.method().equals("HEAD"))
                    .allSatisfy(r ->
                            assertThat(r.header("x-amz-server-side-encryption")).isEmpty());

            Cli.Result signed = Cli.run("view", "-c", dataset, "--endpoint-url", endpoint);
            proxy.resetCounts();
            Cli.Result anonymous = Cli.run("view", "-c", dataset, "--endpoint-url", endpoint, "--no-sign-request");
            assertThat(anonymous.exit()).as(anonymous.stderr()).isZero();
            assertThat(anonymous.out()).isEqualTo(signed.out()).isNotBlank().isNotEqualTo("0\n");
            assertThat(proxy.seen())
                    .isNotEmpty()
                    .allSatisfy(r -> assertThat(r.header("authorization")).isEmpty());
        }
    }

    @Test
    void theDeprecatedRegionOptionStillWorksAndSaysSoOnceOnStderr() {
        S3MockServer s3 = S3MockServer.get();
        String bucket = s3.newBucket("deprecated-region");
        String endpoint = s3.endpoint().toString();
        // ls exits 1 where it finds no dataset: give it one
        assertThat(Cli.run(
                                "convert",
                                TestBams.path(TestBams.MPILEUP).toString(),
                                "s3://" + bucket + "/mp.bams3",
                                "--aws-region",
                                "us-east-1",
                                "--endpoint-url",
                                endpoint)
                        .exit())
                .isZero();
        Cli.Result old = Cli.run("ls", "--region", "us-east-1", "--endpoint-url", endpoint, "s3://" + bucket + "/");
        assertThat(old.exit()).as(old.stderr()).isZero();
        assertThat(old.stderr().lines()).containsExactly(DEPRECATION);

        Cli.Result current =
                Cli.run("ls", "--aws-region", "us-east-1", "--endpoint-url", endpoint, "s3://" + bucket + "/");
        assertThat(current.exit()).as(current.stderr()).isZero();
        assertThat(current.stderr()).isEmpty();
        assertThat(current.out()).isEqualTo(old.out()).contains("mp.bams3");
    }

    @Test
    void aKmsKeyWithoutKmsEncryptionIsAUsageError() {
        for (String[] args : new String[][] {
            {"convert", "in.bam", "s3://b/x.bams3", "--sse-kms-key-id", "alias/k"},
            {"convert", "in.bam", "s3://b/x.bams3", "--sse", "AES256", "--sse-kms-key-id", "alias/k"},
        }) {
            Cli.Result r = Cli.run(args);
            assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.stderr().lines().findFirst()).contains("--sse-kms-key-id needs --sse aws:kms");
            assertThat(r.stderr()).doesNotContain("Exception").doesNotContain("\tat ");
        }
        Cli.Result unknown = Cli.run("convert", "in.bam", "s3://b/x.bams3", "--sse", "rot13");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.stderr().lines().findFirst())
                .contains("--sse: expected AES256, aws:kms or aws:kms:dsse, not 'rot13'");
        Cli.Result payer = Cli.run("ls", "--request-payer", "owner", "s3://b/");
        assertThat(payer.exit()).isEqualTo(2);
        assertThat(payer.stderr().lines().findFirst())
                .contains("--request-payer: the only value is 'requester', not 'owner'");
    }
}
