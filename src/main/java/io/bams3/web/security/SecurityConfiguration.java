package io.bams3.web.security;

import io.bams3.auth.GrantRules;
import io.bams3.auth.IdGlob;
import io.bams3.web.settings.InvalidSettingException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.client.RestTemplate;

/**
 * Spring Security for the htsget API. With {@code bams3.auth.mode=none} every request is let
 * through, as before. With {@code jwt} tickets need a bearer token that the resource server
 * validates (signature, expiry with {@code bams3.auth.clock-skew}, issuer, audience); its grants
 * are checked against the id by the reads service. Always open: service-info, the health probes,
 * {@code /actuator/info} and {@code /actuator/prometheus}, the API description (when on), and the
 * data endpoint, whose URLs carry their own signature (clients such as samtools do not send the
 * ticket's token there). No sessions, no CSRF tokens (no cookies are used), no login pages.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuthProperties.class)
public class SecurityConfiguration {
    /** Paths served without a token in every mode. */
    static final String[] OPEN_PATHS = {
        "/reads/service-info",
        "/actuator/health",
        "/actuator/health/**",
        "/actuator/info",
        "/actuator/prometheus",
        "/v3/api-docs",
        "/v3/api-docs/**",
        "/swagger-ui.html",
        "/swagger-ui/**",
        "/error",
        // the browse and view pages and their assets (their JSON endpoints need the token)
        "/",
        "/view",
        "/view/**",
        "/page/assets/**"
    };

    /** Also the {@code RequestRejectedHandler} that Spring Security's firewall finds by type. */
    @Bean
    HtsgetSecurityErrors htsgetSecurityErrors() {
        return new HtsgetSecurityErrors();
    }

    @Bean
    CallerAccess callerAccess(AuthProperties auth, ObjectProvider<OAuth2ResourceServerProperties> resourceServer) {
        OAuth2ResourceServerProperties props = resourceServer.getIfAvailable();
        return new CallerAccess(
                auth.mode(), props == null ? null : blankToNull(props.getJwt().getIssuerUri()));
    }

    /** The data endpoint: its signed URLs are the credential, so tokens are neither needed nor read. */
    @Bean
    @Order(1)
    SecurityFilterChain dataEndpoint(HttpSecurity http) throws Exception {
        return stateless(http.securityMatcher("/reads/data/**"))
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(
            HttpSecurity http,
            AuthProperties auth,
            HtsgetSecurityErrors errors,
            ObjectProvider<JwtDecoder> decoder,
            ObjectProvider<JwtAccessConverter> converter)
            throws Exception {
        stateless(http);
        if (auth.mode() == AuthProperties.Mode.NONE) {
            return http.authorizeHttpRequests(a -> a.anyRequest().permitAll()).build();
        }
        return http.authorizeHttpRequests(a -> a.requestMatchers(HttpMethod.OPTIONS, "/**")
                        .permitAll()
                        .requestMatchers(OPEN_PATHS)
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .oauth2ResourceServer(o -> o.jwt(
                                j -> j.decoder(decoder.getObject()).jwtAuthenticationConverter(converter.getObject()))
                        .authenticationEntryPoint(errors)
                        .accessDeniedHandler(errors))
                .exceptionHandling(e -> e.authenticationEntryPoint(errors).accessDeniedHandler(errors))
                .build();
    }

    private static HttpSecurity stateless(HttpSecurity http) throws Exception {
        return http.csrf(AbstractHttpConfigurer::disable)
                .cors(Customizer.withDefaults())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable);
    }

    @Bean
    @ConditionalOnProperty(name = "bams3.auth.mode", havingValue = "jwt")
    JwtAccessConverter jwtAccessConverter(AuthProperties auth) {
        Map<String, List<IdGlob>> visaValues = new LinkedHashMap<>();
        for (AuthProperties.VisaDataset d : auth.passport().datasets()) {
            if (d.value() == null || d.value().isBlank() || d.ids().isEmpty()) {
                throw new InvalidSettingException(
                        "a bams3.auth.passport.datasets entry needs a value and at least one id glob",
                        "Give each entry a visa value (e.g. a dataset accession URL) and the ids it grants.");
            }
            visaValues
                    .computeIfAbsent(d.value(), v -> new ArrayList<>())
                    .addAll(d.ids().stream().map(IdGlob::new).toList());
        }
        GrantRules rules = new GrantRules(auth.grants().claim(), auth.grants().scopePrefix(), visaValues);
        Map<String, JwtDecoder> visaDecoders = new LinkedHashMap<>();
        for (AuthProperties.VisaIssuer issuer : auth.passport().trustedIssuers()) {
            if (issuer.issuer() == null || issuer.jwkSetUri() == null) {
                throw new InvalidSettingException(
                        "a bams3.auth.passport.trusted-issuers entry needs an issuer and a jwk-set-uri",
                        "Give each trusted visa issuer its issuer name (the visas' iss) and its JWKS URL.");
            }
            visaDecoders.put(issuer.issuer(), PassportVisas.visaDecoder(issuer, auth.clockSkew()));
        }
        return new JwtAccessConverter(
                rules, new PassportVisas(auth.passport().claim(), visaDecoders, rules, Clock.systemUTC()));
    }

    /**
     * The token decoder, from Spring Boot's standard resource server settings. Only asymmetric
     * signatures are accepted ({@code alg: none} and HMAC are refused); the issuer's keys are
     * fetched when the first token arrives, cached, and fetched again for an unknown key id. A
     * token that passed is remembered for up to 5 minutes ({@link CachingJwtDecoder}).
     */
    @Bean
    @ConditionalOnProperty(name = "bams3.auth.mode", havingValue = "jwt")
    JwtDecoder jwtDecoder(OAuth2ResourceServerProperties resourceServer, AuthProperties auth) {
        OAuth2ResourceServerProperties.Jwt jwt = resourceServer.getJwt();
        String issuer = blankToNull(jwt.getIssuerUri());
        String jwkSetUri = blankToNull(jwt.getJwkSetUri());
        List<String> audiences = jwt.getAudiences() == null ? List.of() : jwt.getAudiences();
        if (issuer == null && jwkSetUri == null) {
            throw new InvalidSettingException(
                    "bams3.auth.mode=jwt but no token issuer is configured",
                    "Set spring.security.oauth2.resourceserver.jwt.issuer-uri (SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUERURI)"
                            + " to your OpenID Connect provider, or jwk-set-uri to its JWKS URL.");
        }
        if (audiences.isEmpty()) {
            throw new InvalidSettingException(
                    "bams3.auth.mode=jwt but no audience is configured, so tokens minted for other services would be accepted",
                    "Set spring.security.oauth2.resourceserver.jwt.audiences to the audience (aud) your provider puts"
                            + " in tokens for this server.");
        }
        Set<SignatureAlgorithm> algorithms = new LinkedHashSet<>();
        for (String name : jwt.getJwsAlgorithms()) {
            SignatureAlgorithm algorithm = SignatureAlgorithm.from(name);
            if (algorithm == null) {
                throw new InvalidSettingException(
                        "spring.security.oauth2.resourceserver.jwt.jws-algorithms names '" + name
                                + "', which is not an asymmetric JWS algorithm",
                        "Use RS256, RS384, RS512, ES256, ES384, ES512, PS256, PS384 or PS512 (RS256 by default).");
            }
            algorithms.add(algorithm);
        }
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(new JwtTimestampValidator(auth.clockSkew()));
        if (issuer != null) {
            validators.add(new JwtIssuerValidator(issuer));
        }
        validators.add(new JwtClaimValidator<List<String>>(
                JwtClaimNames.AUD, aud -> aud != null && aud.stream().anyMatch(audiences::contains)));
        OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(validators);
        JwtDecoder checked = new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder decoder = (jwkSetUri != null
                            ? NimbusJwtDecoder.withJwkSetUri(jwkSetUri)
                            : NimbusJwtDecoder.withIssuerLocation(issuer))
                    .jwsAlgorithms(a -> a.addAll(algorithms))
                    .restOperations(issuerClient())
                    .build();
            decoder.setJwtValidator(validator);
            return decoder;
        });
        return new CachingJwtDecoder(
                checked, new JwtTimestampValidator(auth.clockSkew()), ACCEPTED_TOKENS, ACCEPTED_TOKEN_LIFETIME);
    }

    /** Tokens remembered as valid (re-checked for expiry on each use), and for how long at most. */
    private static final long ACCEPTED_TOKENS = 10_000;

    private static final Duration ACCEPTED_TOKEN_LIFETIME = Duration.ofMinutes(5);

    /**
     * Fetches discovery documents and keys, with bounds that a slow provider can meet (Spring's
     * default read timeout for keys, 500 ms, fails under load); an issuer that does not answer
     * within them makes the request 503 Unavailable, not a refused token.
     */
    static RestTemplate issuerClient() {
        SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory();
        factory.setConnectTimeout(ISSUER_TIMEOUT);
        factory.setReadTimeout(ISSUER_TIMEOUT);
        return new RestTemplate(factory);
    }

    private static final Duration ISSUER_TIMEOUT = Duration.ofSeconds(5);

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
