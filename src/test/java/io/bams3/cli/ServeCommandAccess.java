package io.bams3.cli;

import java.util.List;
import picocli.CommandLine;

/** Test access to the settings a parsed {@code serve} command passes to the server. */
public final class ServeCommandAccess {
    private final ServeCommand command;

    public ServeCommandAccess(CommandLine.ParseResult serve) {
        this.command = (ServeCommand) serve.commandSpec().userObject();
    }

    public List<String> springArguments() {
        return command.springArguments();
    }
}
