package io.bams3.testing;

import io.bams3.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the bams3 command line in-process, capturing its exit code, stdout and stderr. */
public final class Cli {
    /** What one command run produced. */
    public record Result(int exit, byte[] stdout, String stderr) {
        public String out() {
            return new String(stdout, StandardCharsets.ISO_8859_1);
        }
    }

    private Cli() {}

    public static synchronized Result run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true));
            System.setErr(new PrintStream(err, true));
            int exit = Main.run(args);
            System.out.flush();
            System.err.flush();
            return new Result(exit, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
