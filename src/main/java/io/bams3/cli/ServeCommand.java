package io.bams3.cli;

import io.bams3.web.Bams3Server;
import io.bams3.web.settings.InvalidSettingException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Run the htsget server. Id X resolves to ROOT/X.bams3 (ids may contain '/').",
            "Any Spring Boot or bams3.* setting can follow as --key=value (e.g. --bams3.tickets.data-url-secret=...)."
        })
final class ServeCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    StoreOptions storage = new StoreOptions();

    @Option(
            names = "--root",
            paramLabel = "DIR_OR_S3_URI",
            description = "Where datasets live; repeat for several (first match wins). Default: ./datasets.")
    List<String> roots = new ArrayList<>();

    @Option(names = "--port", description = "HTTP port (default 8080; 0 picks a free one).")
    Integer port;

    @Option(names = "--mode", paramLabel = "auto|streamed|presigned", description = "Ticket mode (default auto).")
    String mode;

    @Option(
            names = "--demo",
            negatable = true,
            description =
                    "Create the bundled demo dataset (id demo/NA12878) on first start (default: bams3.demo.enabled, on).")
    Boolean demo;

    @Unmatched
    List<String> springArgs = new ArrayList<>();

    @Override
    public Integer call() {
        // the web server's threads keep the process alive until it is told to stop
        try {
            Bams3Server.start(springArguments().toArray(String[]::new));
        } catch (RuntimeException e) {
            if (InvalidSettingException.isCause(e)) {
                return 1; // Spring Boot has printed the setting at fault and what to do, once
            }
            throw e;
        }
        return 0;
    }

    List<String> springArguments() {
        List<String> args = new ArrayList<>();
        for (int i = 0; i < roots.size(); i++) {
            args.add("--bams3.roots[" + i + "].location=" + roots.get(i));
        }
        if (port != null) args.add("--server.port=" + port);
        if (mode != null) args.add("--bams3.tickets.mode=" + mode);
        if (demo != null) args.add("--bams3.demo.enabled=" + demo);
        if (storage.endpoint != null) args.add("--bams3.s3.endpoint-url=" + storage.endpoint);
        if (storage.region != null) args.add("--bams3.s3.region=" + storage.region);
        if (storage.profile != null) args.add("--bams3.s3.profile=" + storage.profile);
        if (storage.pathStyle != null) args.add("--bams3.s3.path-style=" + storage.pathStyle);
        if (storage.anonymous) args.add("--bams3.s3.anonymous=true");
        if (storage.requestPayer != null) args.add("--bams3.s3.request-payer=" + storage.requestPayer);
        if (storage.sse != null) args.add("--bams3.s3.sse=" + storage.sse);
        if (storage.sseKmsKeyId != null) args.add("--bams3.s3.sse-kms-key-id=" + storage.sseKmsKeyId);
        args.addAll(springArgs);
        return args;
    }
}
