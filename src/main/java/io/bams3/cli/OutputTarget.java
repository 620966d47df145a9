package io.bams3.cli;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Standard output, or a file that appears under its name only when the command succeeds (written
 * to a temporary sibling and renamed), so a failed command never leaves a plausible short file.
 */
final class OutputTarget implements AutoCloseable {
    private final Path file;
    private final Path temp;
    private final OutputStream out;
    private boolean committed;

    OutputTarget(Path file) throws IOException {
        this.file = file;
        if (file == null) {
            temp = null;
            out = new BufferedOutputStream(
                    new FilterOutputStream(System.out) {
                        @Override
                        public void write(byte[] b, int off, int len) throws IOException {
                            System.out.write(b, off, len);
                        }

                        @Override
                        public void close() {
                            System.out.flush();
                        }
                    },
                    1 << 16);
        } else {
            Path dir = file.toAbsolutePath().getParent();
            temp = Files.createTempFile(dir, "." + file.getFileName(), ".part");
            out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16);
        }
    }

    OutputStream stream() {
        return out;
    }

    /** Flushes and, for a file, moves it into place. */
    void commit() throws IOException {
        out.flush();
        out.close();
        if (temp != null) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        committed = true;
    }

    @Override
    public void close() throws IOException {
        if (!committed) {
            if (temp != null) {
                try {
                    out.close();
                } finally {
                    Files.deleteIfExists(temp);
                }
            } else {
                out.flush();
            }
        }
    }
}
