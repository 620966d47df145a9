package io.bams3.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.management.ThreadMXBean;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Sizes read from a record are checked against what the bytes can hold before they cost memory. */
class RecordStreamReaderTest {
    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** An unmapped record with a one-letter name, no CIGAR, no bases and one Z tag of {@code tagLength} letters. */
    private static byte[] record(int tagLength) {
        int blockSize = 32 + 2 + 3 + tagLength + 1;
        ByteBuffer b = ByteBuffer.allocate(4 + blockSize).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(blockSize)
                .putInt(-1)
                .putInt(-1)
                .put((byte) 2)
                .put((byte) 0)
                .putShort((short) 4680)
                .putShort((short) 0)
                .putShort((short) BamRecordView.FLAG_UNMAPPED)
                .putInt(0)
                .putInt(-1)
                .putInt(-1)
                .putInt(0);
        b.put((byte) 'r').put((byte) 0).put((byte) 'X').put((byte) 'Z').put((byte) 'Z');
        byte[] text = new byte[tagLength];
        Arrays.fill(text, (byte) 'a');
        b.put(text).put((byte) 0);
        return b.array();
    }

    private static long allocatedBy(ThrowingRunnable r) {
        long before = THREADS.getCurrentThreadAllocatedBytes();
        try {
            r.run();
        } catch (Exception expected) {
            // the caller asserts on the exception separately
        }
        return THREADS.getCurrentThreadAllocatedBytes() - before;
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void aBlockSizeThatLiesCostsAtMostTwiceTheBytesThatArrive() {
        for (int real : new int[] {300, 200_000}) {
            byte[] data = new byte[4 + real];
            ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).putInt(1 << 30);
            RecordStreamReader reader = new RecordStreamReader(new ByteArrayInputStream(data), "lie");
            long allocated = allocatedBy(reader::next);
            assertThat(allocated).as("bytes allocated for %d real bytes", real).isLessThan(4L * real + (1 << 20));
            assertThatThrownBy(new RecordStreamReader(new ByteArrayInputStream(data), "lie")::next)
                    .isInstanceOf(EOFException.class);
        }
    }

    @Test
    void aRecordLargerThanTheFirstBufferIsReadWhole() throws Exception {
        byte[] big = record(150_000);
        byte[] stream = new byte[big.length * 2];
        System.arraycopy(big, 0, stream, 0, big.length);
        System.arraycopy(big, 0, stream, big.length, big.length);
        RecordStreamReader reader = new RecordStreamReader(new ByteArrayInputStream(stream), "big");
        for (int i = 0; i < 2; i++) {
            BamRecordView r = reader.next();
            assertThat(r.totalLength()).isEqualTo(big.length);
            assertThat(Arrays.copyOf(r.buffer(), big.length)).isEqualTo(big);
            r.checkTags();
        }
        assertThat(reader.next()).isNull();
    }

    @Test
    void aBlockSizeOutsideTheFormatIsRejectedBeforeReading() {
        for (int size : new int[] {31, (1 << 30) + 1, -5}) {
            byte[] data = record(10);
            ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).putInt(0, size);
            assertThatThrownBy(new RecordStreamReader(new ByteArrayInputStream(data), "chunk x")::next)
                    .isInstanceOf(FormatException.class)
                    .hasMessage("chunk x: malformed BAM record: block_size " + size);
        }
    }

    @Test
    void fieldLengthsThatExceedTheRecordAreRejected() {
        assertMalformed(b -> b.put(12, (byte) 200), "fields exceed block_size");
        assertMalformed(b -> b.putShort(16, (short) 0xffff), "fields exceed block_size");
        assertMalformed(b -> b.putInt(20, 1000), "fields exceed block_size");
        assertMalformed(b -> b.putInt(20, -1), "fields exceed block_size");
        // 2^31 - 3 bases: in int arithmetic the offset of the tags wraps around to a small value
        assertMalformed(b -> b.putInt(20, Integer.MAX_VALUE - 2), "fields exceed block_size");
        assertMalformed(b -> b.put(12, (byte) 0), "fields exceed block_size");
        assertMalformed(b -> b.put(12, (byte) 1), "read name is not NUL-terminated");
    }

    @Test
    void auxFieldsMustEndAtTheRecordEnd() throws Exception {
        byte[] data = record(10);
        data[data.length - 1] = 'a'; // the Z string loses its NUL
        BamRecordView r = new RecordStreamReader(new ByteArrayInputStream(data), "x").next();
        assertThatThrownBy(r::checkTags).isInstanceOf(FormatException.class).hasMessageContaining("aux fields");
    }

    private static void assertMalformed(Consumer<ByteBuffer> patch, String message) {
        byte[] data = record(10);
        patch.accept(ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN));
        assertThatThrownBy(new RecordStreamReader(new ByteArrayInputStream(data), "chunk y")::next)
                .isInstanceOf(FormatException.class)
                .hasMessageStartingWith("chunk y: malformed BAM record")
                .hasMessageContaining(message);
    }
}
