package io.bams3.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bams3.store.S3Encryption;
import io.bams3.store.S3Settings;
import io.bams3.web.settings.InvalidSettingException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** bams3.s3.anonymous, .request-payer, .sse and .sse-kms-key-id as the server's S3 settings. */
class S3PropertiesTest {
    private static Bams3Properties.S3 s3(boolean anonymous, String payer, String sse, String key) {
        return new Bams3Properties.S3(null, null, null, null, null, anonymous, payer, sse, key);
    }

    @Test
    void theAwsChoicesBecomeTheStoreSettings() {
        S3Settings none = ServerConfiguration.s3Settings(s3(false, null, null, null));
        assertThat(none.anonymous()).isFalse();
        assertThat(none.requesterPays()).isFalse();
        assertThat(none.encryption()).isEmpty();

        S3Settings all = ServerConfiguration.s3Settings(s3(true, "requester", "aws:kms", "alias/k"));
        assertThat(all.anonymous()).isTrue();
        assertThat(all.requesterPays()).isTrue();
        assertThat(all.encryption()).contains(new S3Encryption("aws:kms", Optional.of("alias/k")));
    }

    @Test
    void aSettingThatCannotWorkStopsTheServerWithItsName() {
        assertThatThrownBy(() -> ServerConfiguration.s3Settings(s3(false, "owner", null, null)))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("bams3.s3.request-payer");
        assertThatThrownBy(() -> ServerConfiguration.s3Settings(s3(false, null, "AES256", "alias/k")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("bams3.s3.sse-kms-key-id");
        assertThatThrownBy(() -> ServerConfiguration.s3Settings(s3(false, null, "rot13", null)))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("bams3.s3.sse");
    }
}
