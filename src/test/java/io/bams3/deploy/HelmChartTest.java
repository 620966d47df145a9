package io.bams3.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.bams3.web.Bams3Properties;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.BindResult;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.io.ByteArrayResource;

/**
 * The Helm chart, checked with Helm itself (helm-java: lint and template) and with Kubernetes'
 * own types: every rendered document parses strictly, probes hit the app's real endpoints, ports
 * agree, pods run non-root on a read-only root filesystem, the HPA targets the Deployment, and the
 * ConfigMap's application.yml binds onto the server's real settings with nothing left unbound.
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
    void theProductionExampleTurnsTheApiDocsOffSignsDataUrlsAndNamesItsProxies() throws IOException {
        List<HasMetadata> docs = render(CHART.resolve("values-production.yaml"), Map.of());
        ConfigMap cm = docs.stream()
                .filter(ConfigMap.class::isInstance)
                .map(ConfigMap.class::cast)
                .filter(m -> m.getData().containsKey("application.yml"))
                .findFirst()
                .orElseThrow();
        String yml = cm.getData().get("application.yml");
        Bams3Properties props = bindStrictly(yml);
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
                .contains("JarLauncher convert --skip-existing")
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

    /** Binds an application.yml onto the server's settings; any bams3.* key the settings lack fails. */
    static Bams3Properties bindStrictly(String applicationYml) throws IOException {
        var sources = new YamlPropertySourceLoader()
                .load("chart", new ByteArrayResource(applicationYml.getBytes(StandardCharsets.UTF_8)));
        Binder binder = new Binder(ConfigurationPropertySources.from(sources.get(0)));
        BindResult<Bams3Properties> bound = binder.bind(
                "bams3", Bindable.of(Bams3Properties.class), new NoUnboundElementsBindHandler(BindHandler.DEFAULT));
        return bound.get();
    }
}
