package io.bams3.query;

import io.bams3.codec.BamRecordView;

/**
 * samtools' {@code view -s SEED.FRACTION}: keeps a record when a hash of its read name and the
 * seed falls below the fraction, so both reads of a pair are kept or dropped together and the
 * same arguments keep the same reads as samtools does. The seed is the integer part of the
 * argument (C {@code strtol}, truncated to 32 bits); a non-zero seed is first replaced, as in
 * samtools, by the first glibc {@code rand()} after {@code srand(seed)}. The read name is hashed
 * with khash's X31 string hash, then mixed with the seed by XOR and Thomas Wang's integer hash; the
 * record is kept when the low 24 bits divided by 2^24 are below the fraction. A fraction of 0
 * keeps every record (samtools applies no subsampling then).
 */
public record Subsample(int seed, double fraction) {
    /** The effective hash seed for the user's seed, as samtools derives it. */
    public static int effectiveSeed(int userSeed) {
        return userSeed == 0 ? 0 : GlibcRand.first(userSeed);
    }

    /**
     * Parses samtools' {@code INT.FRAC} (for example {@code 42.1}: seed 42, fraction 0.1).
     *
     * @throws IllegalArgumentException for text that is not of that form
     */
    public static Subsample parse(String text) {
        int dot = text.indexOf('.');
        String bad = "'" + text + "' is not a subsampling argument INT.FRAC (e.g. 42.1: seed 42, fraction 0.1)";
        if (dot < 0) {
            throw new IllegalArgumentException(bad);
        }
        String integer = text.substring(0, dot).strip();
        long seed;
        double fraction;
        try {
            seed = integer.isEmpty() || integer.equals("+") || integer.equals("-") ? 0 : Long.parseLong(integer);
            fraction = Double.parseDouble(text.substring(dot));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(bad);
        }
        if (Double.isNaN(fraction) || fraction < 0) {
            throw new IllegalArgumentException(bad);
        }
        return new Subsample((int) seed, fraction);
    }

    /** A filter keeping what samtools keeps for this seed and fraction. */
    public Keeper keeper() {
        return new Keeper(effectiveSeed(seed), fraction);
    }

    /** Decides record by record; computed seed held once. */
    public static final class Keeper {
        private final int hashSeed;
        private final double fraction;

        Keeper(int hashSeed, double fraction) {
            this.hashSeed = hashSeed;
            this.fraction = fraction;
        }

        public boolean keeps(BamRecordView r) {
            if (fraction <= 0) {
                return true;
            }
            int k = wang(x31(r.buffer(), r.readNameOffset()) ^ hashSeed);
            return (double) (k & 0xffffff) / 0x1000000 < fraction;
        }
    }

    /** khash's {@code __ac_X31_hash_string} over the NUL-terminated name at {@code p} (signed chars, as C on x86). */
    static int x31(byte[] b, int p) {
        int h = b[p];
        if (h != 0) {
            for (int i = p + 1; b[i] != 0; i++) {
                h = (h << 5) - h + b[i];
            }
        }
        return h;
    }

    /** khash's {@code __ac_Wang_hash} on 32-bit unsigned ints. */
    static int wang(int key) {
        key += ~(key << 15);
        key ^= key >>> 10;
        key += key << 3;
        key ^= key >>> 6;
        key += ~(key << 11);
        key ^= key >>> 16;
        return key;
    }

    /** glibc's {@code rand()} (the TYPE_3 additive feedback generator) for its first value after a seed. */
    static final class GlibcRand {
        private GlibcRand() {}

        static int first(int seed) {
            int[] r = new int[345];
            r[0] = seed == 0 ? 1 : seed;
            for (int i = 1; i < 31; i++) {
                // glibc's Schrage form of 16807 * r mod (2^31 - 1)
                int hi = r[i - 1] / 127773;
                int lo = r[i - 1] % 127773;
                int word = 16807 * lo - 2836 * hi;
                r[i] = word < 0 ? word + 2147483647 : word;
            }
            for (int i = 31; i < 34; i++) {
                r[i] = r[i - 31];
            }
            for (int i = 34; i < 345; i++) {
                r[i] = r[i - 31] + r[i - 3];
            }
            return r[344] >>> 1;
        }
    }
}
