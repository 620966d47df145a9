package io.bams3.cli;

import io.bams3.BuildInfo;
import io.bams3.format.DatasetMetadata;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code bams3} command line. Errors print one line and exit non-zero; no stack traces. */
@Command(
        name = "bams3",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description =
                "Coordinate-sorted BAM as a dataset of objects: convert, view regions, stats, validate, export, cohorts, serve htsget.",
        synopsisSubcommandLabel = "COMMAND")
public final class Main implements Runnable {
    /**
     * The subcommands by name, in the order usage lists them. Only the one a command line names is
     * built (picocli builds a command's model by reflection: building all of them costs a short
     * command about a third of its start-up).
     */
    private static final Map<String, Class<?>> SUBCOMMANDS = subcommands(
            ConvertCommand.class,
            ViewCommand.class,
            StatsCommand.class,
            IdxstatsCommand.class,
            FlagstatCommand.class,
            ValidateCommand.class,
            ExportCommand.class,
            LsCommand.class,
            GcCommand.class,
            CohortCommand.class,
            ServeCommand.class,
            CompletionCommand.class,
            CommandLine.HelpCommand.class);

    /** Exit status: success. */
    public static final int EXIT_OK = CommandLine.ExitCode.OK;
    /** Exit status: the command failed at run time (missing dataset, storage error, invalid dataset, ...). */
    public static final int EXIT_RUNTIME_ERROR = CommandLine.ExitCode.SOFTWARE;
    /** Exit status: the command line is wrong (unknown command or option, missing or bad argument). */
    public static final int EXIT_USAGE = CommandLine.ExitCode.USAGE;

    /** The exit codes as the top-level usage lists them (and docs/cli.md, generated from it). */
    public static final Map<String, String> EXIT_CODES = exitCodes();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }

    public static void main(String[] args) {
        boolean serving = args.length > 0 && args[0].equals("serve");
        if (!serving) {
            System.setProperty(CliLogging.PROPERTY, CliLogging.COMMAND);
        }
        int status = run(args);
        if (!serving || status != 0) {
            System.exit(status);
        }
    }

    public static int run(String... args) {
        CommandLine cli = commandLine(args);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": error: " + message(e));
            if (System.getenv("BAMS3_DEBUG") != null) {
                e.printStackTrace(cmd.getErr());
            }
            return EXIT_RUNTIME_ERROR;
        });
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            // the command has unwound (a conversion has removed what it wrote): say so in one line
            cli.getErr()
                    .println("bams3" + (args.length > 0 ? " " + args[0] : "") + ": error: out of memory (" + message(e)
                            + "); give the JVM a larger heap, e.g. BAMS3_JAVA_OPTS=-Xmx4g");
            return EXIT_RUNTIME_ERROR;
        }
    }

    /**
     * The command line for {@code args}: with only the subcommand that {@code args} starts with,
     * or with all of them when it starts with none (usage, help, an unknown command).
     */
    public static CommandLine commandLine(String... args) {
        CommandLine cli = new CommandLine(new Main());
        Class<?> named = args.length > 0 ? SUBCOMMANDS.get(args[0]) : null;
        if (named != null && named != CommandLine.HelpCommand.class) {
            cli.addSubcommand(args[0], named);
        } else {
            SUBCOMMANDS.forEach(cli::addSubcommand);
        }
        cli.getCommandSpec()
                .usageMessage()
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(EXIT_CODES);
        return cli;
    }

    private static Map<String, String> exitCodes() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put(Integer.toString(EXIT_OK), "success");
        codes.put(
                Integer.toString(EXIT_RUNTIME_ERROR),
                "runtime error (e.g. a missing dataset, a storage failure, validate finding a problem)");
        codes.put(
                Integer.toString(EXIT_USAGE), "usage error (unknown command or option, missing or malformed argument)");
        return Collections.unmodifiableMap(codes);
    }

    private static Map<String, Class<?>> subcommands(Class<?>... commands) {
        Map<String, Class<?>> byName = new LinkedHashMap<>();
        for (Class<?> c : commands) {
            byName.put(c.getAnnotation(Command.class).name(), c);
        }
        return Collections.unmodifiableMap(byName);
    }

    static String message(Throwable e) {
        Throwable t = e;
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() != null
                ? t.getMessage().replaceAll("\\s*\\R\\s*", " ")
                : t.getClass().getSimpleName();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"bams3 " + BuildInfo.version() + ", format version " + DatasetMetadata.VERSION};
        }
    }
}
