package io.bams3.web.page;

import io.bams3.catalog.CohortCatalog;
import io.bams3.catalog.DatasetCatalog;
import io.bams3.store.S3Settings;
import io.bams3.web.Bams3Properties;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Wires the pages: their service, their Content-Security-Policy and the static assets under {@code /page/assets/}. */
@Configuration(proxyBeanMethods = false)
class PageConfiguration {
    static final String ASSETS = "/page/assets/";

    @Bean
    PageService pageService(DatasetCatalog catalog, CohortCatalog cohorts, Bams3Properties props) {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        return new PageService(catalog, cohorts, ReferenceCatalog.of(props, catalog, http));
    }

    /**
     * The pages' policy. The S3 endpoint is the one the server's stores use: the setting, else
     * {@code AWS_ENDPOINT_URL} (as {@code ServerConfiguration} resolves it).
     */
    @Bean
    ContentSecurityPolicy pageContentSecurityPolicy(Bams3Properties props) {
        URI endpoint = S3Settings.fromEnvironment(System.getenv())
                .overriddenBy(props.s3().endpointUrl(), null, null, null)
                .endpoint()
                .orElse(null);
        return ContentSecurityPolicy.of(
                props.tickets().mode(),
                props.tickets().publicBaseUrl(),
                props.s3().presignEndpointUrl(),
                endpoint);
    }

    @Bean
    WebMvcConfigurer pageAssets() {
        return new WebMvcConfigurer() {
            @Override
            public void addResourceHandlers(ResourceHandlerRegistry registry) {
                registry.addResourceHandler(ASSETS + "**")
                        .addResourceLocations("classpath:" + ASSETS)
                        .setCacheControl(CacheControl.maxAge(Duration.ofHours(1)));
            }
        };
    }
}
