package io.bams3.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.bams3.web.Bams3Properties;
import io.bams3.web.security.AuthProperties;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.BindResult;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.io.ByteArrayResource;

/**
 * The Helm chart, checked with Helm itself (helm-java: lint and template) and with Kubernetes'
 * own types: every rendered document parses strictly, probes hit the app's real endpoints, ports
 * agree, pods run non-root on a read-only root filesystem, the HPA targets the Deployment, and the
 * ConfigMap's application.yml binds onto the server's real settings with nothing left unbound.
 * With tokens on, the chart refuses to render what the server would refuse to start with, and
 * secrets reach the pods only from Kubernetes Secrets, never through a ConfigMap.
 */
@Tag("deploy")
class HelmChartTest {
    static final Path CHART = Path.of("helm/bams3");

    /** Every optional part switched on. */
    static final Map<String, Object> EVERYTHING = new LinkedHashMap<>();

    static {
        EVERYTHING.put("ingress.enabled", "true");
        EVERYTHING.put("ingress.className", "nginx");
        EVERYTHING.put("ingress.tls[0].secretName", "htsget-tls");
        EVERYTHING.put("ingress.tls[0].hosts[0]", "htsget.example.org");
        EVERYTHING.put("autoscaling.enabled", "true");
        EVERYTHING.put("serviceMonitor.enabled", "true");
        EVERYTHING.put("serviceMonitor.labels.release", "prometheus");
        EVERYTHING.put("convertJob.enabled", "true");
        EVERYTHING.put("convertJob.inputs[0].source", "s3://bucket/bams/a.bam");
        EVERYTHING.put("convertJob.inputs[0].dataset", "s3://bucket/datasets/a.bams3");
        EVERYTHING.put("convertJob.inputs[1].source", "s3://bucket/bams/b.bam");
        EVERYTHING.put("convertJob.inputs[1].dataset", "s3://bucket/datasets/b.bams3");
        EVERYTHING.put("s3Credentials.existingSecret", "s3-keys");
        EVERYTHING.put(
                "serviceAccount.annotations.eks\\.amazonaws\\.com/role-arn", "arn:aws:iam::123456789012:role/bams3");
        EVERYTHING.put("bams3.tickets.dataUrlSecret.name", "url-signing");
        EVERYTHING.put("bams3.tickets.publicBaseUrl", "https://htsget.example.org");
        EVERYTHING.put("bams3.s3.endpointUrl", "http://minio.storage:9000");
        EVERYTHING.put("bams3.s3.presignEndpointUrl", "https://s3.example.org");
        EVERYTHING.put("bams3.s3.region", "eu-west-1");
        EVERYTHING.put("bams3.s3.pathStyle", "true");
        EVERYTHING.put("bams3.roots[0].location", "s3://my-bucket/datasets");
        EVERYTHING.put("bams3.roots[1].location", "s3://other/{1}");
        EVERYTHING.put("bams3.roots[1].idPattern", "run-(.*)");
        EVERYTHING.put("bams3.shutdownGracePeriod", "2m");
    }

    /** Tokens required, every token setting given, and a rotation of the data URL key under way. */
    static final Map<String, Object> JWT = new LinkedHashMap<>();

    static {
        JWT.put("bams3.auth.mode", "jwt");
        JWT.put("bams3.auth.issuerUri", "https://login.example.org/realms/genomics");
        JWT.put("bams3.auth.audiences[0]", "bams3-htsget");
        JWT.put("bams3.auth.jwsAlgorithms[0]", "RS256");
        JWT.put("bams3.auth.jwsAlgorithms[1]", "ES256");
        JWT.put("bams3.auth.clockSkew", "1m");
        JWT.put("bams3.auth.grants.claim", "datasets");
        JWT.put("bams3.auth.grants.scopePrefix", "reads:");
        JWT.put("bams3.auth.passport.trustedIssuers[0].issuer", "https://broker.example.org/");
        JWT.put("bams3.auth.passport.trustedIssuers[0].jwkSetUri", "https://broker.example.org/jwks");
        JWT.put("bams3.auth.passport.datasets[0].value", "https://dac.example.org/datasets/EGAD00001000001");
        JWT.put("bams3.auth.passport.datasets[0].ids[0]", "cohort-a/*");
        JWT.put("bams3.auth.passport.datasets[0].ids[1]", "NA12878");
        JWT.put("bams3.tickets.dataUrlSecret.name", "url-signing");
        JWT.put("bams3.tickets.dataUrlSecret.key", "current");
        JWT.put("bams3.tickets.dataUrlSecret.previousKeys[0]", "previous");
    }

    static List<HasMetadata> render(Map<String, Object> values) throws IOException {
        return render(null, values);
    }

    /** Renders the chart with a values file (null: none) and {@code --set} values on top. */
    static List<HasMetadata> render(Path valuesFile, Map<String, Object> values) throws IOException {
        var template = new Helm(CHART).template().withName("htsget").withNamespace("genomics");
        if (valuesFile != null) {
            template.withValuesFile(valuesFile);
        }
        values.forEach(template::set);
        String yaml = template.call();
        List<HasMetadata> out = new ArrayList<>();
        List<JsonNode> docs = StrictKubernetes.documents(yaml);
        for (JsonNode doc : docs) {
            if (doc.path("kind").asText().equals("ServiceMonitor")) {
                checkServiceMonitor(doc);
                continue;
            }
            out.add(StrictKubernetes.parse(doc));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static <T extends HasMetadata> T one(List<HasMetadata> docs, Class<T> type) {
        List<HasMetadata> of = docs.stream().filter(type::isInstance).toList();
        assertThat(of).as(type.getSimpleName()).hasSize(1);
        return (T) of.get(0);
    }

    @Test
    void lintIsClean() {
        LintResult plain = new Helm(CHART).lint().strict().call();
        assertThat(plain.isFailed()).as(String.join("\n", plain.getMessages())).isFalse();
        assertThat(plain.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
    }

    @Test
    void defaultsRenderADeploymentThatRunsTheRealServer() throws IOException {
        List<HasMetadata> docs = render(Map.of());
        assertThat(docs.stream().map(HasMetadata::getKind))
                .containsExactlyInAnyOrder(
                        "ServiceAccount", "ConfigMap", "Service", "Deployment", "PodDisruptionBudget");
        Deployment d = one(docs, Deployment.class);
        PodSpec pod = d.getSpec().getTemplate().getSpec();
        Container c = pod.getContainers().get(0);
        assertThat(c.getArgs()).containsExactly("serve");
        assertThat(c.getPorts().get(0).getContainerPort()).isEqualTo(8080);
        assertThat(probePath(c.getLivenessProbe())).isEqualTo("/actuator/health/liveness");
        assertThat(probePath(c.getReadinessProbe())).isEqualTo("/actuator/health/readiness");
        assertThat(probePath(c.getStartupProbe())).isEqualTo("/actuator/health/liveness");
        for (Probe p : List.of(c.getLivenessProbe(), c.getReadinessProbe(), c.getStartupProbe())) {
            assertThat(p.getHttpGet().getPort().getStrVal())
                    .isEqualTo(c.getPorts().get(0).getName());
        }
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
        assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(c.getVolumeMounts().stream().map(m -> m.getMountPath())).contains("/tmp", "/config");
        assertThat(c.getEnv().stream().filter(e -> e.getName().equals("SPRING_CONFIG_ADDITIONAL_LOCATION")))
                .singleElement()
                .satisfies(e -> assertThat(e.getValue()).isEqualTo("file:/config/"));
        // the pod's grace period covers the server's shutdown phase (30 s) plus the preStop pause
        assertThat(pod.getTerminationGracePeriodSeconds()).isEqualTo(45L);
        assertThat(c.getLifecycle().getPreStop().getExec().getCommand()).containsExactly("sleep", "5");

        Service svc = one(docs, Service.class);
        assertThat(svc.getSpec().getPorts().get(0).getTargetPort().getStrVal()).isEqualTo("http");
        assertThat(svc.getSpec().getSelector())
                .isEqualTo(d.getSpec().getSelector().getMatchLabels());
        assertThat(d.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(svc.getSpec().getSelector());
        PodDisruptionBudget pdb = one(docs, PodDisruptionBudget.class);
        assertThat(pdb.getSpec().getSelector().getMatchLabels())
                .isEqualTo(d.getSpec().getSelector().getMatchLabels());

        ConfigMap cm = one(docs, ConfigMap.class);
        Bams3Properties props = bindStrictly(cm.getData().get("application.yml"));
        assertThat(props.roots())
                .singleElement()
                .satisfies(r -> assertThat(r.location()).isEqualTo("s3://my-bucket/datasets"));
        assertThat(props.tickets().mode()).hasToString("AUTO");
        assertThat(props.demo().enabled()).isFalse();
        assertThat(props.apiDocs().enabled())
                .as("no OpenAPI or Swagger UI in a deployment")
                .isFalse();
        assertThat(cm.getData().get("application.yml"))
                .contains("shutdown: graceful")
                .contains("timeout-per-shutdown-phase: 30s")
                .contains("console: ecs");
        Map<String, Object> server = serverSettings(cm.getData().get("application.yml"));
        assertThat(server)
                .as("forwarded headers come only from the proxies named, none by default")
                .containsEntry("forward-headers-strategy", "native")
                .containsEntry("tomcat.remoteip.internal-proxies", "")
                .containsEntry("tomcat.remoteip.trusted-proxies", "");
    }

    @Test
    void theProductionExampleRequiresTokensTurnsTheApiDocsOffSignsDataUrlsAndNamesItsProxies() throws IOException {
        List<HasMetadata> docs = render(CHART.resolve("values-production.yaml"), Map.of());
        ConfigMap cm = docs.stream()
                .filter(ConfigMap.class::isInstance)
                .map(ConfigMap.class::cast)
                .filter(m -> m.getData().containsKey("application.yml"))
                .findFirst()
                .orElseThrow();
        String yml = cm.getData().get("application.yml");
        Bams3Properties props = bindStrictly(yml);
        AuthProperties auth = bindAuthStrictly(yml);
        assertThat(auth.mode()).isEqualTo(AuthProperties.Mode.JWT);
        assertThat(auth.passport().trustedIssuers()).isNotEmpty();
        assertThat(auth.passport().datasets()).isNotEmpty();
        assertThat(bindTokenSettingsStrictly(yml).getIssuerUri()).startsWith("https://");
        assertThat(bindTokenSettingsStrictly(yml).getAudiences()).isNotEmpty();
        assertThat(props.apiDocs().enabled()).isFalse();
        assertThat(props.tickets().publicBaseUrl()).hasToString("https://htsget.example.org");
        assertThat(props.cors().allowedOrigins()).doesNotContain("*");
        assertThat(serverSettings(yml))
                .containsEntry("forward-headers-strategy", "native")
                .hasEntrySatisfying(
                        "tomcat.remoteip.internal-proxies",
                        v -> assertThat(v).asString().isNotBlank());
        Container c = one(docs, Deployment.class)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0);
        assertThat(c.getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("BAMS3_TICKETS_DATAURLSECRET");
            assertThat(e.getValueFrom().getSecretKeyRef().getName()).isNotBlank();
        });
        assertThat(docs.stream().map(HasMetadata::getKind)).contains("Ingress");
    }

    /** The server.* settings of an application.yml, by their names below server. */
    static Map<String, Object> serverSettings(String applicationYml) throws IOException {
        var sources = new YamlPropertySourceLoader()
                .load("chart", new ByteArrayResource(applicationYml.getBytes(StandardCharsets.UTF_8)));
        Map<String, Object> out = new LinkedHashMap<>();
        var source = (EnumerablePropertySource<?>) sources.get(0);
        for (String name : source.getPropertyNames()) {
            if (name.startsWith("server.")) {
                Object value = source.getProperty(name);
                out.put(name.substring("server.".length()), value == null ? null : value.toString());
            }
        }
        return out;
    }

    @Test
    void everyOptionalPartRendersAndAgreesWithTheDeployment() throws IOException {
        List<HasMetadata> docs = render(EVERYTHING);
        assertThat(docs.stream().map(HasMetadata::getKind)).contains("Ingress", "HorizontalPodAutoscaler", "Job");
        Deployment d = one(docs, Deployment.class);
        assertThat(d.getSpec().getReplicas()).as("replicas are the HPA's").isNull();
        HorizontalPodAutoscaler hpa = one(docs, HorizontalPodAutoscaler.class);
        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(hpa.getSpec().getScaleTargetRef().getApiVersion()).isEqualTo("apps/v1");
        assertThat(hpa.getSpec().getScaleTargetRef().getName())
                .isEqualTo(d.getMetadata().getName());
        Ingress ing = one(docs, Ingress.class);
        Service svc = one(docs, Service.class);
        var backend = ing.getSpec()
                .getRules()
                .get(0)
                .getHttp()
                .getPaths()
                .get(0)
                .getBackend()
                .getService();
        assertThat(backend.getName()).isEqualTo(svc.getMetadata().getName());
        assertThat(backend.getPort().getName())
                .isEqualTo(svc.getSpec().getPorts().get(0).getName());
        assertThat(ing.getSpec().getTls().get(0).getSecretName()).isEqualTo("htsget-tls");
        ServiceAccount sa = one(docs, ServiceAccount.class);
        assertThat(sa.getMetadata().getAnnotations())
                .containsEntry("eks.amazonaws.com/role-arn", "arn:aws:iam::123456789012:role/bams3");
        assertThat(d.getSpec().getTemplate().getSpec().getServiceAccountName())
                .isEqualTo(sa.getMetadata().getName());
        Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(c.getEnv().stream().map(e -> e.getName()))
                .contains(
                        "AWS_ACCESS_KEY_ID",
                        "AWS_SECRET_ACCESS_KEY",
                        "BAMS3_TICKETS_DATAURLSECRET",
                        "AWS_ENDPOINT_URL",
                        "AWS_REGION");
        assertThat(d.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
                .isEqualTo(135L);
        // the chart's own BAMS3_* variables bind onto real settings (values stand in for the Secret's)
        Map<String, String> bams3Env = new LinkedHashMap<>();
        c.getEnv().stream()
                .filter(e -> e.getName().startsWith("BAMS3_"))
                .forEach(e -> bams3Env.put(e.getName(), "a-secret-of-some-length"));
        assertThat(bams3Env).isNotEmpty();
        assertThat(ComposeAndDockerfileTest.bindEnvStrictly(bams3Env).tickets().dataUrlSecret())
                .isEqualTo("a-secret-of-some-length");

        Job job = one(docs, Job.class);
        assertThat(job.getSpec().getCompletionMode()).isEqualTo("Indexed");
        assertThat(job.getSpec().getCompletions()).isEqualTo(2);
        assertThat(job.getSpec().getParallelism()).isEqualTo(4);
        assertThat(job.getSpec().getBackoffLimit()).isEqualTo(3);
        Container convert =
                job.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(String.join(" ", convert.getArgs()))
                .contains("-jar /app/bams3.jar convert --skip-existing")
                .contains("--codec bgzf")
                .contains("/inputs/source-$JOB_COMPLETION_INDEX");
        assertThat(convert.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        ConfigMap inputs = docs.stream()
                .filter(ConfigMap.class::isInstance)
                .map(ConfigMap.class::cast)
                .filter(m -> m.getMetadata().getName().endsWith("-convert-inputs"))
                .findFirst()
                .orElseThrow();
        assertThat(inputs.getData())
                .containsEntry("source-1", "s3://bucket/bams/b.bam")
                .containsEntry("dataset-1", "s3://bucket/datasets/b.bams3");

        ConfigMap cm = docs.stream()
                .filter(ConfigMap.class::isInstance)
                .map(ConfigMap.class::cast)
                .filter(m -> m.getData().containsKey("application.yml"))
                .findFirst()
                .orElseThrow();
        Bams3Properties props = bindStrictly(cm.getData().get("application.yml"));
        assertThat(props.roots()).hasSize(2);
        assertThat(props.roots().get(1).idPattern()).isEqualTo("run-(.*)");
        assertThat(props.s3().presignEndpointUrl()).hasToString("https://s3.example.org");
        assertThat(props.s3().pathStyle()).isTrue();
        assertThat(props.tickets().publicBaseUrl()).hasToString("https://htsget.example.org");
    }

    private static String probePath(Probe p) {
        return p.getHttpGet().getPath();
    }

    /** ServiceMonitor is a CRD (not in fabric8's core types): its fields are checked by hand. */
    private static void checkServiceMonitor(JsonNode doc) {
        assertThat(doc.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(doc.path("spec").path("endpoints").get(0).path("path").asText())
                .isEqualTo("/actuator/prometheus");
        assertThat(doc.path("spec").path("endpoints").get(0).path("port").asText())
                .isEqualTo("http");
        assertThat(doc.path("metadata").path("labels").path("release").asText()).isEqualTo("prometheus");
        List<String> fields = new ArrayList<>();
        doc.path("spec").fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactlyInAnyOrder("selector", "endpoints");
    }

    /**
     * Binds an application.yml onto the server's settings; any bams3.* key the settings lack fails
     * (bams3.auth.* are the access control settings: {@link #bindAuthStrictly}).
     */
    static Bams3Properties bindStrictly(String applicationYml) throws IOException {
        ConfigurationPropertyName auth = ConfigurationPropertyName.of("bams3.auth");
        Binder binder = new Binder(yaml(applicationYml).filter(n -> !auth.equals(n) && !auth.isAncestorOf(n)));
        BindResult<Bams3Properties> bound = binder.bind(
                "bams3", Bindable.of(Bams3Properties.class), new NoUnboundElementsBindHandler(BindHandler.DEFAULT));
        return bound.get();
    }

    /** Binds an application.yml's bams3.auth.* onto the access control settings; an unknown key fails. */
    static AuthProperties bindAuthStrictly(String applicationYml) throws IOException {
        return new Binder(yaml(applicationYml))
                .bindOrCreate(
                        "bams3.auth",
                        Bindable.of(AuthProperties.class),
                        new NoUnboundElementsBindHandler(BindHandler.DEFAULT));
    }

    /** Binds an application.yml's token settings onto Spring Boot's own; an unknown key fails. */
    static OAuth2ResourceServerProperties.Jwt bindTokenSettingsStrictly(String applicationYml) throws IOException {
        return new Binder(yaml(applicationYml))
                .bindOrCreate(
                        "spring.security.oauth2.resourceserver",
                        Bindable.of(OAuth2ResourceServerProperties.class),
                        new NoUnboundElementsBindHandler(BindHandler.DEFAULT))
                .getJwt();
    }

    private static ConfigurationPropertySource yaml(String applicationYml) throws IOException {
        var sources = new YamlPropertySourceLoader()
                .load("chart", new ByteArrayResource(applicationYml.getBytes(StandardCharsets.UTF_8)));
        return ConfigurationPropertySource.from(sources.get(0));
    }

    /** The ConfigMap holding the server's application.yml. */
    static String applicationYml(List<HasMetadata> docs) {
        return docs.stream()
                .filter(ConfigMap.class::isInstance)
                .map(ConfigMap.class::cast)
                .filter(m -> m.getData().containsKey("application.yml"))
                .findFirst()
                .orElseThrow()
                .getData()
                .get("application.yml");
    }

    private static Container server(List<HasMetadata> docs) {
        return one(docs, Deployment.class)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0);
    }

    private static EnvVar env(Container c, String name) {
        return c.getEnv().stream()
                .filter(e -> e.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no environment variable " + name));
    }

    @Test
    void jwtModeRendersTheTokenSettingsAndTakesTheSigningKeysFromTheSecret() throws IOException {
        List<HasMetadata> docs = render(JWT);
        String yml = applicationYml(docs);
        bindStrictly(yml);
        AuthProperties auth = bindAuthStrictly(yml);
        assertThat(auth.mode()).isEqualTo(AuthProperties.Mode.JWT);
        assertThat(auth.clockSkew()).isEqualTo(Duration.ofMinutes(1));
        assertThat(auth.grants().claim()).isEqualTo("datasets");
        assertThat(auth.grants().scopePrefix()).isEqualTo("reads:");
        assertThat(auth.passport().claim()).isEqualTo("ga4gh_passport_v1");
        assertThat(auth.passport().trustedIssuers())
                .containsExactly(new AuthProperties.VisaIssuer(
                        "https://broker.example.org/", URI.create("https://broker.example.org/jwks")));
        assertThat(auth.passport().datasets())
                .containsExactly(new AuthProperties.VisaDataset(
                        "https://dac.example.org/datasets/EGAD00001000001", List.of("cohort-a/*", "NA12878")));
        OAuth2ResourceServerProperties.Jwt jwt = bindTokenSettingsStrictly(yml);
        assertThat(jwt.getIssuerUri()).isEqualTo("https://login.example.org/realms/genomics");
        assertThat(jwt.getJwkSetUri()).isNull();
        assertThat(jwt.getAudiences()).containsExactly("bams3-htsget");
        assertThat(jwt.getJwsAlgorithms()).containsExactly("RS256", "ES256");

        // the signing keys reach the pod from the Secret, the current one and the one being retired
        Container c = server(docs);
        for (String[] nameAndKey : List.of(
                new String[] {"BAMS3_TICKETS_DATAURLSECRET", "current"},
                new String[] {"BAMS3_TICKETS_DATAURLPREVIOUSSECRETS_0", "previous"})) {
            EnvVar e = env(c, nameAndKey[0]);
            assertThat(e.getValue()).as(e.getName()).isNull();
            assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("url-signing");
            assertThat(e.getValueFrom().getSecretKeyRef().getKey()).isEqualTo(nameAndKey[1]);
        }
        Map<String, String> bams3Env = new LinkedHashMap<>();
        c.getEnv().stream()
                .filter(e -> e.getName().startsWith("BAMS3_"))
                .forEach(e -> bams3Env.put(
                        e.getName(),
                        "stand-in-for-" + e.getValueFrom().getSecretKeyRef().getKey()));
        Bams3Properties.Tickets tickets =
                ComposeAndDockerfileTest.bindEnvStrictly(bams3Env).tickets();
        assertThat(tickets.dataUrlSecret()).isEqualTo("stand-in-for-current");
        assertThat(tickets.dataUrlPreviousSecrets()).containsExactly("stand-in-for-previous");
    }

    @Test
    void theNotesSayHowToSendAToken() {
        String notes = new Helm(CHART)
                .install()
                .withName("htsget")
                .withNamespace("genomics")
                .withValuesFile(CHART.resolve("values-production.yaml"))
                .dryRun()
                .clientOnly()
                .call()
                .getOutput();
        assertThat(notes)
                .contains("a token from https://login.example.org/realms/genomics")
                .contains("Authorization: Bearer")
                .contains("HTS_AUTH_LOCATION=");
        String open = new Helm(CHART)
                .install()
                .withName("htsget")
                .withNamespace("genomics")
                .dryRun()
                .clientOnly()
                .call()
                .getOutput();
        assertThat(open).contains("set bams3.auth.mode=jwt").doesNotContain("HTS_AUTH_LOCATION");
    }

    @Test
    void withoutTokensTheChartRendersNoTokenSettings() throws IOException {
        String yml = applicationYml(render(Map.of()));
        assertThat(bindAuthStrictly(yml).mode()).isEqualTo(AuthProperties.Mode.NONE);
        assertThat(yml).doesNotContain("security:").doesNotContain("grants:");
        assertThat(bindStrictly(yml).tickets().dataUrlLifetime())
                .as("the chart's default is the server's")
                .isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void jwtModeTheServerCouldNotStartWithDoesNotRender() throws IOException {
        Map<String, Object> noSigningKey = new LinkedHashMap<>(JWT);
        noSigningKey.remove("bams3.tickets.dataUrlSecret.name");
        assertThatThrownBy(() -> render(noSigningKey))
                .hasMessageContaining("bams3.auth.mode=jwt needs signed data URLs (clients do not send tokens there),"
                        + " but bams3.tickets.dataUrlSecret.name is empty")
                .hasMessageContaining("kubectl create secret generic");

        Map<String, Object> noIssuer = new LinkedHashMap<>(JWT);
        noIssuer.remove("bams3.auth.issuerUri");
        assertThatThrownBy(() -> render(noIssuer))
                .hasMessageContaining("bams3.auth.mode=jwt but no token issuer is configured");
        noIssuer.put("bams3.auth.jwkSetUri", "https://login.example.org/realms/genomics/protocol/openid-connect/certs");
        assertThat(bindTokenSettingsStrictly(applicationYml(render(noIssuer))).getJwkSetUri())
                .isEqualTo("https://login.example.org/realms/genomics/protocol/openid-connect/certs");

        Map<String, Object> noAudience = new LinkedHashMap<>(JWT);
        noAudience.remove("bams3.auth.audiences[0]");
        assertThatThrownBy(() -> render(noAudience))
                .hasMessageContaining("bams3.auth.mode=jwt but bams3.auth.audiences is empty");

        assertThatThrownBy(() -> render(Map.of("bams3.auth.mode", "oidc")))
                .hasMessageContaining("bams3.auth.mode is \"oidc\"; it must be none or jwt");
    }

    @Test
    void noSecretIsEverRenderedIntoAConfigMap() throws IOException {
        Map<String, Object> everything = new LinkedHashMap<>(EVERYTHING);
        everything.putAll(JWT);
        List<HasMetadata> docs = render(everything);
        for (ConfigMap cm : docs.stream()
                .filter(ConfigMap.class::isInstance)
                .map(ConfigMap.class::cast)
                .toList()) {
            assertThat(cm.getData())
                    .allSatisfy((key, value) -> assertThat((key + "\n" + value).toLowerCase(Locale.ROOT))
                            .as(cm.getMetadata().getName())
                            .doesNotContain("data-url-secret", "previous-secrets", "aws_secret", "secret-access-key"));
        }
        Bams3Properties props = bindStrictly(applicationYml(docs));
        assertThat(props.tickets().dataUrlSecret()).isNull();
        assertThat(props.tickets().dataUrlPreviousSecrets()).isEmpty();
        // every variable that carries a secret takes it from a Secret
        assertThat(server(docs).getEnv())
                .filteredOn(e -> e.getName().contains("SECRET"))
                .hasSize(3)
                .allSatisfy(e -> {
                    assertThat(e.getValue()).as(e.getName()).isNull();
                    assertThat(e.getValueFrom().getSecretKeyRef())
                            .as(e.getName())
                            .isNotNull();
                });

        // a signing key given as a value is not rendered anywhere: the chart only names Secrets
        String literal = "a-signing-key-that-belongs-in-a-secret";
        assertThatThrownBy(() -> render(Map.of("bams3.tickets.dataUrlSecret", literal)))
                .hasMessageContaining("bams3.tickets.dataUrlSecret names an existing Secret")
                .hasMessageNotContaining(literal);
    }
}
