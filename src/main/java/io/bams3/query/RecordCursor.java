package io.bams3.query;

import io.bams3.codec.BamRecordView;
import io.bams3.codec.BlockCodec;
import io.bams3.store.ByteRange;
import io.bams3.store.ObjectNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;

/**
 * The pull counterpart of {@link RecordReader}: the accepted records of planned reads of one
 * dataset, one at a time, with the same checks. Ranges are fetched on a {@link FetchPool} in
 * pieces of at most {@code pieceBytes}, each read whole into memory, with one piece fetched ahead
 * of the one being decoded (across reads). So a cursor holds at most two pieces and one decoded
 * block, and no connection stays open while its records wait to be pulled: many cursors can be
 * merged within a fixed memory and request budget.
 */
public final class RecordCursor implements AutoCloseable {
    /** Smallest piece a cursor fetches (a BGZF block is at most 64 KiB). */
    public static final long MIN_PIECE_BYTES = 64L << 10;

    private final Dataset dataset;
    private final BlockCodec codec;
    private final FetchPool pool;
    private final List<ChunkRead> reads;
    private final List<Piece> pieces = new ArrayList<>();
    private final ArrayDeque<Future<byte[]>> fetched = new ArrayDeque<>();
    private int nextFetch;
    private int nextPiece;
    private int nextRead;
    private ChunkRecords current;
    private long emitted;

    private record Piece(int read, ByteRange range) {}

    public RecordCursor(Dataset dataset, List<ChunkRead> reads, long pieceBytes, FetchPool pool) {
        this.dataset = dataset;
        this.codec = dataset.codec().blockCodec();
        this.pool = pool;
        this.reads = List.copyOf(reads);
        long size = Math.max(MIN_PIECE_BYTES, pieceBytes);
        for (int i = 0; i < this.reads.size(); i++) {
            ByteRange range = this.reads.get(i).range();
            for (long from = range.from(); from < range.to(); from += size) {
                pieces.add(new Piece(i, new ByteRange(from, Math.min(range.to(), from + size))));
            }
        }
        fetchAhead();
    }

    /** The next accepted record (valid until the next call), or null when every read is done and checked. */
    public BamRecordView next() throws IOException {
        while (true) {
            if (current != null) {
                BamRecordView r = current.next();
                if (r != null) {
                    emitted++;
                    return r;
                }
                current.close();
                current = null;
            }
            if (nextRead == reads.size()) {
                return null;
            }
            ChunkRead read = reads.get(nextRead);
            String source = dataset.store().location() + "/" + read.key();
            current = new ChunkRecords(read, new PieceStream(nextRead, source), codec, source);
            nextRead++;
        }
    }

    /** Records returned so far. */
    public long emitted() {
        return emitted;
    }

    /** Stops the fetches still pending and releases the decoder of the read in progress. */
    @Override
    public void close() {
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                // a decoder over bytes in memory has nothing left to report
            }
            current = null;
        }
        for (Future<byte[]> f : fetched) {
            f.cancel(true);
        }
        fetched.clear();
        nextFetch = pieces.size();
    }

    /** Keeps the piece being decoded and the one after it fetched or on their way. */
    private void fetchAhead() {
        while (nextFetch < pieces.size() && fetched.size() < 2) {
            Piece p = pieces.get(nextFetch++);
            ChunkRead read = reads.get(p.read());
            fetched.add(pool.submit(() -> {
                try (InputStream in = dataset.store().get(read.key(), p.range())) {
                    return in.readAllBytes();
                } catch (ObjectNotFoundException e) {
                    throw dataset.missing(read.key());
                }
            }));
        }
    }

    /** The stored bytes of one read: its pieces, in order, as they arrive. */
    private final class PieceStream extends InputStream {
        private final int read;
        private final String source;
        private byte[] data = new byte[0];
        private int pos;

        PieceStream(int read, String source) {
            this.read = read;
            this.source = source;
        }

        private boolean fill() throws IOException {
            while (pos == data.length) {
                if (nextPiece == pieces.size() || pieces.get(nextPiece).read() != read) {
                    return false;
                }
                Future<byte[]> f = fetched.poll();
                nextPiece++;
                fetchAhead();
                data = FetchPool.await(f, source);
                pos = 0;
            }
            return true;
        }

        @Override
        public int read() throws IOException {
            return fill() ? data[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, data.length - pos);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
