package io.bams3.web;

import io.bams3.catalog.CacheSettings;
import io.bams3.catalog.CohortCatalog;
import io.bams3.catalog.DatasetCatalog;
import io.bams3.catalog.DatasetLocator;
import io.bams3.catalog.DatasetRoot;
import io.bams3.htsget.DataUrlSigner;
import io.bams3.htsget.ReadsService;
import io.bams3.query.FetchPool;
import io.bams3.store.S3Encryption;
import io.bams3.store.S3Settings;
import io.bams3.web.security.AuthProperties;
import io.bams3.web.security.CallerAccess;
import io.bams3.web.settings.InvalidSettingException;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Wires the catalog, the reads service, CORS and the OpenAPI description from {@link Bams3Properties}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(Bams3Properties.class)
class ServerConfiguration {
    /** Used when no root is configured. */
    static final String DEFAULT_ROOT = "datasets";

    private static final Logger LOG = LoggerFactory.getLogger(ServerConfiguration.class);

    @Bean(destroyMethod = "close")
    DatasetCatalog datasetCatalog(Bams3Properties props) {
        return new DatasetCatalog(
                new DatasetLocator(roots(props)),
                s3Settings(props.s3()),
                props.s3().presignEndpointUrl(),
                new CacheSettings(
                        props.cache().ttl(),
                        props.cache().maxDatasets(),
                        props.cache().maxDatasetBytes().toBytes(),
                        props.cache().maxIndexBytes().toBytes(),
                        props.limits().maxHeaderBytes().toBytes()));
    }

    static List<DatasetRoot> roots(Bams3Properties props) {
        if (props.roots().isEmpty()) {
            return List.of(DatasetRoot.of(DEFAULT_ROOT));
        }
        return props.roots().stream()
                .map(r -> new DatasetRoot(
                        r.location(),
                        r.idPrefix(),
                        r.idPattern() == null || r.idPattern().isEmpty() ? null : Pattern.compile(r.idPattern()),
                        r.suffix()))
                .toList();
    }

    static S3Settings s3Settings(Bams3Properties.S3 s3) {
        S3Settings settings = S3Settings.fromEnvironment(System.getenv())
                .overriddenBy(s3.endpointUrl(), s3.region(), s3.profile(), s3.pathStyle())
                .withAnonymous(s3.anonymous());
        if (s3.requestPayer() != null) {
            if (!s3.requestPayer().equals("requester")) {
                throw new InvalidSettingException(
                        "bams3.s3.request-payer is '" + s3.requestPayer() + "'",
                        "Set it to 'requester' for requester-pays buckets, or leave it unset.");
            }
            settings = settings.withRequesterPays(true);
        }
        if (s3.sse() != null || s3.sseKmsKeyId() != null) {
            if (s3.sse() == null
                    || !S3Encryption.ALGORITHMS.contains(s3.sse())
                    || (s3.sseKmsKeyId() != null && !S3Encryption.usesKms(s3.sse()))) {
                throw new InvalidSettingException(
                        "bams3.s3.sse is '" + s3.sse() + "'"
                                + (s3.sseKmsKeyId() == null ? "" : " with bams3.s3.sse-kms-key-id set"),
                        "Set bams3.s3.sse to AES256, aws:kms or aws:kms:dsse; a KMS key id needs aws:kms.");
            }
            settings = settings.withEncryption(new S3Encryption(s3.sse(), Optional.ofNullable(s3.sseKmsKeyId())));
        }
        return settings;
    }

    @Bean(destroyMethod = "close")
    FetchPool fetchPool(Bams3Properties props) {
        return new FetchPool(props.limits().fetchThreads());
    }

    @Bean
    CohortCatalog cohortCatalog(DatasetCatalog catalog, FetchPool fetchPool) {
        return new CohortCatalog(catalog, fetchPool);
    }

    @Bean
    ReadsService readsService(
            DatasetCatalog catalog,
            CohortCatalog cohorts,
            Bams3Properties props,
            AuthProperties auth,
            FetchPool fetchPool) {
        Bams3Properties.Tickets t = props.tickets();
        if (auth.mode() == AuthProperties.Mode.NONE && !props.roots().isEmpty()) {
            LOG.warn(
                    "bams3.auth.mode=none: anyone who can reach this server reads every dataset under its {}"
                            + " configured root(s); set bams3.auth.mode=jwt for controlled-access data",
                    props.roots().size());
        }
        return new ReadsService(
                catalog,
                cohorts,
                new ReadsService.Settings(
                        t.mode(),
                        t.presignExpiry(),
                        t.readAheadPerStream().toBytes(),
                        signer(t, auth.mode()),
                        props.limits().maxRegions(),
                        t.presignMaxGap().toBytes(),
                        props.cohorts().bufferBytes().toBytes()),
                fetchPool);
    }

    /**
     * The signer of data URLs, or null when no secret is set. A secret that is set but empty or
     * short is refused: it would otherwise turn signing off (or make it guessable) without a word.
     * With tokens required a secret is too: an unsigned data URL would be a way around them. The
     * messages never show a secret.
     */
    static DataUrlSigner signer(Bams3Properties.Tickets t, AuthProperties.Mode auth) {
        String secret = t.dataUrlSecret();
        String action = "Set bams3.tickets.data-url-secret (BAMS3_TICKETS_DATAURLSECRET) to at least "
                + DataUrlSigner.MIN_SECRET_LENGTH
                + " random characters (e.g. the output of 'openssl rand -base64 32')"
                + (auth == AuthProperties.Mode.NONE ? ", or remove the setting to serve unsigned data URLs." : ".");
        if (secret == null) {
            if (auth != AuthProperties.Mode.NONE) {
                throw new InvalidSettingException(
                        "bams3.auth.mode=" + auth.name().toLowerCase(Locale.ROOT)
                                + " needs signed data URLs, but bams3.tickets.data-url-secret is not set",
                        action);
            }
            return null;
        }
        List<String> secrets = new ArrayList<>();
        secrets.add(secret);
        secrets.addAll(t.dataUrlPreviousSecrets());
        for (int i = 0; i < secrets.size(); i++) {
            String name = i == 0
                    ? "bams3.tickets.data-url-secret"
                    : "bams3.tickets.data-url-previous-secrets[" + (i - 1) + "]";
            String s = secrets.get(i);
            if (s == null || s.isBlank()) {
                throw new InvalidSettingException(name + " is set but empty, so data URLs could not be signed", action);
            }
            if (s.length() < DataUrlSigner.MIN_SECRET_LENGTH) {
                throw new InvalidSettingException(
                        name + " has " + s.length() + " characters; a data URL signing secret needs at least "
                                + DataUrlSigner.MIN_SECRET_LENGTH,
                        action);
            }
        }
        return new DataUrlSigner(secrets, t.dataUrlLifetime(), Clock.systemUTC());
    }

    @Bean
    StreamLimiter streamLimiter(Bams3Properties props, Environment env) {
        int threads = env.getProperty("server.tomcat.threads.max", Integer.class, 200);
        return new StreamLimiter(
                props.limits().maxStreams(), threads, props.limits().retryAfter());
    }

    @Bean
    WebMvcConfigurer htsgetCors(Bams3Properties props) {
        return new WebMvcConfigurer() {
            @Override
            public void addCorsMappings(CorsRegistry registry) {
                registry.addMapping("/reads/**")
                        .allowedOriginPatterns(props.cors().allowedOrigins().toArray(String[]::new))
                        .allowedMethods("GET", "POST", "HEAD", "OPTIONS")
                        .allowedHeaders("*")
                        .exposedHeaders("Content-Range", "Content-Length", "Content-Type")
                        .maxAge(props.cors().maxAge().toSeconds());
            }
        };
    }

    /**
     * The OpenAPI description. With tokens required it declares the bearer scheme for every
     * operation but service-info and the data endpoint (whose URLs are signed instead).
     */
    @Bean
    OpenAPI bams3OpenApi(CallerAccess callers) {
        OpenAPI api = new OpenAPI()
                .info(new Info()
                        .title("BAMS3 htsget")
                        .version("1.3.0")
                        .description("GA4GH htsget 1.3 reads API over BAMS3 datasets, with a streaming data endpoint.")
                        .license(new License().name("Apache-2.0")))
                .servers(List.of(new Server().url("/")));
        if (callers.required()) {
            api.components(new Components()
                            .addSecuritySchemes(
                                    BEARER,
                                    new SecurityScheme()
                                            .type(SecurityScheme.Type.HTTP)
                                            .scheme("bearer")
                                            .bearerFormat("JWT")
                                            .description("An access token from "
                                                    + (callers.issuer() == null
                                                            ? "the configured OpenID Connect provider"
                                                            : callers.issuer())
                                                    + " whose grants name the dataset id")))
                    .addSecurityItem(new SecurityRequirement().addList(BEARER));
        }
        return api;
    }

    private static final String BEARER = "bearer";
}
