package io.bams3.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.bams3.cli.Main;
import io.bams3.web.Bams3Properties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

/**
 * docker-compose.yml and the Dockerfile agree with the application: every command is one the CLI
 * parses, every BAMS3_* variable binds onto a real setting (a renamed property fails here),
 * ports and probes match the server's.
 */
@Tag("deploy")
class ComposeAndDockerfileTest {
    static final Path COMPOSE = Path.of("docker-compose.yml");
    static final Path DOCKERFILE = Path.of("Dockerfile");

    @SuppressWarnings("unchecked")
    static Map<String, Object> services() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(COMPOSE));
        return (Map<String, Object>) compose.get("services");
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> environment(String service) throws IOException {
        Map<String, Object> s = (Map<String, Object>) services().get(service);
        Map<String, String> env = new HashMap<>();
        ((Map<String, Object>) s.get("environment")).forEach((k, v) -> env.put(k, String.valueOf(v)));
        return env;
    }

    @SuppressWarnings("unchecked")
    static List<String> command(String service) throws IOException {
        return (List<String>) ((Map<String, Object>) services().get(service)).get("command");
    }

    private static CommandLine.ParseResult parse(List<String> args) {
        return Main.commandLine().parseArgs(args.toArray(String[]::new));
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeRunsMinioAnInitAConversionAndTheServerInOrder() throws IOException {
        Map<String, Object> services = services();
        assertThat(services).containsOnlyKeys("minio", "minio-init", "convert", "server");
        Map<String, Object> server = (Map<String, Object>) services.get("server");
        Map<String, Object> convert = (Map<String, Object>) services.get("convert");
        assertThat(server.get("build")).isEqualTo(".");
        assertThat(convert.get("build")).isEqualTo(".");
        assertThat(((Map<String, Map<String, String>>) server.get("depends_on"))
                        .get("convert")
                        .get("condition"))
                .isEqualTo("service_completed_successfully");
        assertThat(((Map<String, Map<String, String>>) convert.get("depends_on"))
                        .get("minio-init")
                        .get("condition"))
                .isEqualTo("service_completed_successfully");
        Map<String, Object> init = (Map<String, Object>) services.get("minio-init");
        assertThat(((Map<String, Map<String, String>>) init.get("depends_on"))
                        .get("minio")
                        .get("condition"))
                .isEqualTo("service_healthy");

        // the commands are the CLI's own
        CommandLine.ParseResult serve = parse(command("server"));
        assertThat(serve.subcommand().commandSpec().name()).isEqualTo("serve");
        CommandLine.ParseResult conv = parse(command("convert"));
        assertThat(conv.subcommand().commandSpec().name()).isEqualTo("convert");
        assertThat(conv.subcommand().matchedOption("--skip-existing")).isNotNull();
        List<String> positionals = List.of(
                conv.subcommand().matchedPositionalValue(0, ""),
                conv.subcommand().matchedPositionalValue(1, ""));
        assertThat(positionals.get(0)).as("the demo BAM the image ships").isEqualTo("/opt/bams3/demo/NA12878.bam");
        assertThat(Files.readString(DOCKERFILE)).contains("/opt/bams3/demo/NA12878.bam");
        assertThat(positionals.get(1)).startsWith("s3://bams3/datasets/");

        // the server reads what the conversion wrote, and serves it under the demo id the README uses
        Map<String, String> env = environment("server");
        String root = env.get("BAMS3_ROOTS_0_LOCATION");
        assertThat(positionals.get(1)).isEqualTo(root + "/demo/NA12878.bams3");

        // ports and health check agree with the server's port and probe endpoint
        assertThat((List<String>) server.get("ports"))
                .containsExactly(env.get("SERVER_PORT") + ":" + env.get("SERVER_PORT"));
        assertThat(String.join(" ", (List<String>) ((Map<String, Object>) server.get("healthcheck")).get("test")))
                .contains("/dev/tcp/127.0.0.1/" + env.get("SERVER_PORT"))
                .contains("GET /actuator/health/readiness");
        assertThat(server.get("read_only")).isEqualTo(true);
        assertThat((List<String>) server.get("tmpfs")).contains("/tmp");
    }

    @Test
    void everyBams3VariableOfComposeAndTheImageBindsOntoARealSetting() throws IOException {
        // the container's environment: the image's ENV, overridden by compose's
        Map<String, String> env = new HashMap<>(dockerfileEnv());
        env.putAll(environment("server"));
        Bams3Properties props = bindEnvStrictly(env);
        assertThat(props.roots())
                .singleElement()
                .satisfies(r -> assertThat(r.location()).isEqualTo("s3://bams3/datasets"));
        assertThat(props.tickets().mode()).hasToString("AUTO");
        assertThat(props.s3().endpointUrl()).hasToString("http://minio:9000");
        assertThat(props.s3().presignEndpointUrl()).hasToString("http://localhost:9000");
        assertThat(props.tickets().publicBaseUrl()).hasToString("http://localhost:8080");
        assertThat(props.demo().enabled()).isFalse();
        assertThat(env.keySet().stream().filter(k -> k.startsWith("BAMS3_"))).hasSizeGreaterThanOrEqualTo(6);
    }

    @Test
    void theImageRunsTheServerByDefaultAndTheCliOnRequest() throws IOException {
        String dockerfile = Files.readString(DOCKERFILE);
        assertThat(instruction(dockerfile, "ENTRYPOINT"))
                .isEqualTo("[\"java\", \"-XX:SharedArchiveFile=/app/bams3.jsa\", \"-Xlog:cds=off\", "
                        + "\"-Xlog:cds+dynamic=off\", \"-jar\", \"/app/bams3.jar\"]");
        String cmd = instruction(dockerfile, "CMD");
        assertThat(cmd).isEqualTo("[\"serve\"]");
        assertThat(parse(List.of("serve")).subcommand().commandSpec().name()).isEqualTo("serve");
        assertThat(instruction(dockerfile, "EXPOSE")).isEqualTo("8080");
        assertThat(instruction(dockerfile, "USER")).startsWith("10001");
        assertThat(dockerfile)
                .contains("-XX:MaxRAMPercentage=")
                .contains("-XX:+ExitOnOutOfMemoryError")
                .contains("extract --layers --destination")
                .contains("-XX:ArchiveClassesAtExit=/app/bams3.jsa")
                .contains("io.bams3.cli.StartupTraining");
        assertThat(Files.readString(Path.of(".dockerignore")))
                .contains("!pom.xml")
                .contains("!src/");
    }

    /** The last value of a Dockerfile instruction. */
    static String instruction(String dockerfile, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "\\s+(.+)$").matcher(dockerfile);
        String last = null;
        while (m.find()) {
            last = m.group(1).trim();
        }
        assertThat(last).as(name + " in the Dockerfile").isNotNull();
        return last;
    }

    /** ENV lines of the runtime stage (KEY=VALUE pairs, with line continuations). */
    static Map<String, String> dockerfileEnv() throws IOException {
        String text = Files.readString(DOCKERFILE).replace("\\\n", " ");
        Map<String, String> env = new HashMap<>();
        Matcher line = Pattern.compile("(?m)^ENV\\s+(.+)$").matcher(text);
        while (line.find()) {
            Matcher kv = Pattern.compile("([A-Z_][A-Z0-9_]*)=(\"[^\"]*\"|\\S+)").matcher(line.group(1));
            while (kv.find()) {
                env.put(kv.group(1), kv.group(2).replace("\"", ""));
            }
        }
        return env;
    }

    /** Binds environment variables as Spring Boot does (relaxed names); any unknown bams3.* key fails. */
    static Bams3Properties bindEnvStrictly(Map<String, String> env) {
        var source = new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new HashMap<>(env));
        return new Binder(ConfigurationPropertySources.from(source))
                .bind(
                        "bams3",
                        Bindable.of(Bams3Properties.class),
                        new NoUnboundElementsBindHandler(BindHandler.DEFAULT))
                .get();
    }
}
