package io.bams3.bench;

/**
 * A random genome that is never stored: the base at a position is a hash of the seed, the
 * reference and the position. Reads copy it (with mismatches), so overlapping reads share
 * sequence as they do in real data, and MD/NM tags describe real differences.
 */
public record VirtualReference(long seed) {
    private static final byte[] BASES = {'A', 'C', 'G', 'T'};

    public byte base(int ref, int pos) {
        long z = seed ^ ((long) ref << 40) ^ pos;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        z ^= z >>> 31;
        return BASES[(int) (z & 3)];
    }

    /** A base other than {@code b}, for a mismatch. */
    public static byte substitute(byte b, int choice) {
        int i = switch (b) {
            case 'A' -> 0;
            case 'C' -> 1;
            case 'G' -> 2;
            default -> 3;
        };
        return BASES[(i + 1 + Math.floorMod(choice, 3)) % 4];
    }

    public static byte randomBase(int choice) {
        return BASES[choice & 3];
    }
}
