package io.bams3.cli;

import io.bams3.convert.ProgressListener;
import java.io.PrintStream;

/**
 * A progress bar on a terminal (bytes, records, rate, ETA); for a stream of unknown length, bytes,
 * records and rate only. Silent when not on a terminal.
 */
final class Progress implements ProgressListener {
    private final PrintStream out;
    private final boolean terminal;
    private final long started = System.nanoTime();
    private long lastDraw;
    private boolean drawn;

    Progress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public void progress(long bytesRead, long totalBytes, long records) {
        if (!terminal) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw < 200_000_000L && (totalBytes < 0 || bytesRead < totalBytes)) {
            return;
        }
        lastDraw = now;
        double seconds = Math.max(1e-3, (now - started) / 1e9);
        if (totalBytes < 0) {
            out.printf("\r%,d MB %,d records %.1f MB/s ", bytesRead >> 20, records, bytesRead / seconds / (1 << 20));
            drawn = true;
            return;
        }
        double fraction = totalBytes == 0 ? 1 : Math.min(1, (double) bytesRead / totalBytes);
        double rate = bytesRead / seconds;
        long eta = rate > 0 ? (long) ((totalBytes - bytesRead) / rate) : 0;
        int width = 30;
        int filled = (int) (fraction * width);
        out.printf(
                "\r[%s%s] %3.0f%% %,d/%,d MB %,d records %.1f MB/s ETA %d:%02d ",
                "=".repeat(filled),
                " ".repeat(width - filled),
                fraction * 100,
                bytesRead >> 20,
                totalBytes >> 20,
                records,
                rate / (1 << 20),
                eta / 60,
                eta % 60);
        drawn = true;
    }

    void done() {
        if (drawn) {
            out.println();
        }
    }
}
