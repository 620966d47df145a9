#!/usr/bin/env bash
# Reproducible BAMS3 benchmark (docs/benchmarks.md): generates a synthetic BAM, converts it and the
# real test BAMs, measures time / storage / bytes per region query, and writes bench/work/results.md.
#
# Environment overrides: BENCH_READS (2000000), BENCH_SEED (42), BENCH_REGIONS (50),
# BENCH_RUNS (3), BENCH_S3_REGIONS (10), BENCH_SERVER_REGIONS (10), BENCH_DATA (directory with the
# real BAMs), SAMTOOLS (samtools), BENCH_PARTS (default "local s3 server"; or a list of: local s3
# server scale auth speed cohort).
#
# The part "scale" is never run by default (hours at its default size; docs/benchmarks.md, "Scale"):
# BENCH_PARTS=scale bench/run.sh generates a whole-genome-shaped BAM of BENCH_SCALE_GB (10) x 10^9
# bytes (cached per size and seed), converts it locally and to S3Mock under -Xmx1g, checks
# BENCH_SCALE_REGIONS (200) random regions and 5 whole references against samtools, and writes
# bench/work/results-scale.md. It needs about 4-5x BENCH_SCALE_GB of free disk.
#
# The part "auth" is not run by default either: BENCH_PARTS=auth bench/run.sh runs two servers on
# the synthetic dataset in S3Mock, one with bams3.auth.mode=none and one with jwt (tokens of
# mock-oauth2-server, a real OpenID Connect issuer), and measures the same ticket requests against
# both at BENCH_AUTH_CLIENTS (16) concurrent clients, BENCH_AUTH_REQUESTS (5000) requests per
# measurement after BENCH_AUTH_WARMUP (60000) per server, BENCH_AUTH_ROUNDS (10) rounds; it writes
# bench/work/results-auth.md (about 6 minutes on 2 cores).
#
# The part "speed" is not run by default either: BENCH_PARTS=speed bench/run.sh puts a proxy that
# holds every S3 response back BENCH_LATENCY_MS (25) ms in front of S3Mock (a stand-in for S3's
# first-byte latency) and times, through it, region queries of 1 kb, 10 kb, 100 kb, 1 Mb and one
# whole reference (BENCH_SPEED_REGIONS (5) seeded regions each, seed BENCH_SPEED_SEED (7)):
# samtools following presigned and streamed tickets, `bin/bams3 view -c s3://...` (a new JVM each)
# and `samtools view -c` on the source BAM + BAI in the same bucket; every count must equal
# samtools'. Also the first ticket of a freshly started server against the same ticket warm
# (BENCH_SPEED_WARM (5) runs), the CLI's start-up, and conversion to local disk and to S3 against
# `samtools view -@2 -b`. It writes bench/work/results-speed.md (about 3 minutes on 2 idle cores,
# 11 at a load average of 15; fewer regions run faster).
#
# The part "cohort" is not run by default either: BENCH_PARTS=cohort bench/run.sh times one region
# (1 kb, 100 kb, 1 Mb; seeded, BENCH_COHORT_SEED (7)) across cohorts of BENCH_COHORT_MEMBERS
# ("10 50 200") members through the same delaying proxy (BENCH_LATENCY_MS, 25): `bin/bams3 view -c
# COHORT.cohort REGION` (a new JVM each), `samtools view -c` on the cohort's htsget ticket from one
# running server, and one `samtools view -c` per member on its BAM + BAI in the same bucket, one after
# another and 8 at a time; wall time, S3 requests and bytes, peak RSS of the CLI JVM and the server.
# The bams3 counts must equal the sum of the per-member samtools counts. Members are cut from the
# synthetic BAM's first island (about 30x) and subsampled (`samtools view -s I.BENCH_COHORT_FRACTION`,
# "33": about 10x), cached in bench/work/cohort-members-READS-SEED (about 10 MB per member);
# BENCH_COHORT_WAYS ("cli htsget samtools") selects the ways. It writes bench/work/results-cohort.md.
set -euo pipefail

cd "$(dirname "$0")/.."
WORK=bench/work
READS=${BENCH_READS:-2000000}
SEED=${BENCH_SEED:-42}
REGIONS=${BENCH_REGIONS:-50}
RUNS=${BENCH_RUNS:-3}
SAMTOOLS=${SAMTOOLS:-samtools}
DATA=${BENCH_DATA:-../shared/data}
[ -f "$DATA/na12878-chrM-Y-trunc.bam" ] || DATA=src/test/resources/data
NA12878="$DATA/htsnexus_test_NA12878.bam"
[ -f "$NA12878" ] || NA12878=src/main/resources/demo/htsnexus_test_NA12878.bam
JAR=target/bams3.jar

command -v "$SAMTOOLS" >/dev/null || { echo "run.sh: $SAMTOOLS not found" >&2; exit 1; }
mkdir -p "$WORK"
# Two runs sharing bench/work would delete each other's files and disturb each other's timings.
exec 9>"$WORK/.lock"
if command -v flock >/dev/null && ! flock -n 9; then
  echo "run.sh: another bench/run.sh is using $WORK" >&2
  exit 1
fi

if [ ! -f "$JAR" ]; then
  echo "[run.sh] building $JAR" >&2
  mvn -q -B package -DskipTests
fi

# A snapshot of the jar, so a rebuild during the run cannot change what is measured; the
# library classes and libraries exactly as packaged in it; the dependencies of every scope (the
# harness uses test-scope ones: S3Mock's client, the token issuer); and the benchmark sources
# compiled on their own.
echo "[run.sh] classpath" >&2
mvn -q -B dependency:build-classpath -Dmdep.outputFile="$WORK/classpath.txt" >&2
rm -rf "$WORK/app" "$WORK/bench-classes"
mkdir -p "$WORK/app" "$WORK/bench-classes"
cp -p "$JAR" "$WORK/app/bams3.jar"
(cd "$WORK/app" && jar xf bams3.jar BOOT-INF/classes BOOT-INF/lib BOOT-INF/classpath.idx)
CP="$WORK/app/BOOT-INF/classes:$(cat "$WORK/classpath.txt")"
# Only the entry points and what they use are compiled (javac follows -sourcepath).
# The harness lives in bench/src/main/java (not in the test sources: the test build does not compile
# it); it uses the tests' helpers (S3Mock, the fault proxy, samtools) from src/test/java.
BENCH_SRC=bench/src/main/java/io/bams3/bench
javac -proc:none -nowarn -implicit:class -sourcepath bench/src/main/java:src/test/java -d "$WORK/bench-classes" -cp "$CP" \
  "$BENCH_SRC/SyntheticBam.java" "$BENCH_SRC/BenchMain.java" "$BENCH_SRC/S3QueryBench.java" "$BENCH_SRC/ServerBench.java" \
  "$BENCH_SRC/ScaleBam.java" "$BENCH_SRC/ScaleBench.java" "$BENCH_SRC/AuthBench.java" "$BENCH_SRC/SpeedBench.java" \
  "$BENCH_SRC/CohortBench.java"
CP="$WORK/bench-classes:$CP"

PARTS=${BENCH_PARTS:-local s3 server}
part() { case " $PARTS " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }

# Generated once per (reads, seed); htsjdk names the index NAME.bai. Deterministic for a seed.
SYNTHETIC="$WORK/synthetic-$READS-$SEED"
if { part local || part s3 || part server || part auth || part speed || part cohort; } && { [ ! -f "$SYNTHETIC.bai" ] || [ ! -f "$SYNTHETIC.bam" ]; }; then
  echo "[run.sh] generating $SYNTHETIC.bam" >&2
  rm -f "$SYNTHETIC.bam" "$SYNTHETIC.bai"
  java -Xmx1g -cp "$CP" io.bams3.bench.SyntheticBam "$SYNTHETIC.tmp.bam" "$READS" "$SEED" \
    "$NA12878"
  mv "$SYNTHETIC.tmp.bam" "$SYNTHETIC.bam"
  mv "$SYNTHETIC.tmp.bai" "$SYNTHETIC.bai"
fi

part local && java -Xmx2g -cp "$CP" io.bams3.bench.BenchMain \
  --jar "$WORK/app/bams3.jar" --work "$WORK" --samtools "$SAMTOOLS" \
  --synthetic "$SYNTHETIC.bam" \
  --real "$NA12878" \
  --real "$DATA/na12878-chrM-Y-trunc.bam" \
  --regions "$REGIONS" --runs "$RUNS" --out "$WORK/results.md"

# Region queries on a local S3 server (S3Mock, fetched by the build): BAMS3 against samtools reading
# the source BAM + BAI from the same server through the same counting proxy.
S3MOCK=target/s3mock/s3mock-exec.jar
if [ ! -f "$S3MOCK" ]; then
  mvn -q -B process-test-resources >&2
fi
part s3 && echo "[run.sh] S3 region queries" >&2
part s3 && java -Xmx2g -cp "$CP" io.bams3.bench.S3QueryBench "$S3MOCK" "$SYNTHETIC.bam" "$SYNTHETIC.bai" \
  "$WORK/app/bams3.jar" "$SAMTOOLS" "${BENCH_S3_REGIONS:-10}" "$WORK/results-s3.md"

# The htsget server as its own JVM on the same S3 server: tickets under load, 64 concurrent
# streams (throughput and resident memory), and samtools end to end against samtools on the BAM.
part server && echo "[run.sh] htsget server" >&2
# The server runs on the jar's own classes and libraries, in the jar's order (classpath.idx), so no
# test-scope library (the token issuer's Kotlin, okhttp, ...) is on its classpath.
SERVER_CP="$WORK/app/BOOT-INF/classes:$(sed -n 's|^- "\(.*\)"$|'"$WORK"'/app/\1|p' "$WORK/app/BOOT-INF/classpath.idx" | paste -sd:)"
part server && java -Xmx2g -cp "$CP" io.bams3.bench.ServerBench "$S3MOCK" "$SYNTHETIC.bam" "$SYNTHETIC.bai" \
  "$SERVER_CP" "$SAMTOOLS" "${BENCH_SERVER_REGIONS:-10}" "$WORK/results-server.md"

# Access control (opt-in): ticket throughput and latency with bams3.auth.mode=jwt against none.
# The test-scope classpath carries the token issuer (mock-oauth2-server) for the harness.
part auth && echo "[run.sh] access control: jwt against none" >&2
part auth && java -Xmx1g -cp "$CP" io.bams3.bench.AuthBench "$S3MOCK" "$SYNTHETIC.bam" "$SERVER_CP" "$SAMTOOLS" \
  "$WORK/app/bams3.jar" "${BENCH_AUTH_CLIENTS:-16}" "${BENCH_AUTH_REQUESTS:-5000}" "${BENCH_AUTH_WARMUP:-60000}" \
  "${BENCH_AUTH_ROUNDS:-10}" "$WORK/results-auth.md"

# Speed with S3-like latency (opt-in): servers, CLI and samtools all read S3 through one delaying
# proxy. The CLI runs as bin/bams3 (its launcher), which must run the jar snapshot measured here.
part speed && echo "[run.sh] speed with ${BENCH_LATENCY_MS:-25} ms S3 latency" >&2
part speed && java -Xmx1g -cp "$CP" io.bams3.bench.SpeedBench "$S3MOCK" "$SYNTHETIC.bam" "$SYNTHETIC.bai" \
  "$SERVER_CP" "$SAMTOOLS" bin/bams3 "$WORK/app/bams3.jar" "${BENCH_LATENCY_MS:-25}" "${BENCH_SPEED_REGIONS:-5}" \
  "${BENCH_SPEED_WARM:-5}" "${BENCH_SPEED_SEED:-7}" "$WORK/results-speed.md"

# Cohorts (opt-in): one region across 10 to 200 members, bams3 (CLI, htsget) against samtools per member.
part cohort && echo "[run.sh] cohorts with ${BENCH_LATENCY_MS:-25} ms S3 latency" >&2
part cohort && java -Xmx1g -cp "$CP" io.bams3.bench.CohortBench "$S3MOCK" "$SYNTHETIC.bam" \
  "$WORK/cohort-members-$READS-$SEED" "$SERVER_CP" "$SAMTOOLS" bin/bams3 "$WORK/app/bams3.jar" \
  "${BENCH_LATENCY_MS:-25}" "${BENCH_COHORT_MEMBERS:-10 50 200}" "${BENCH_COHORT_WAYS:-cli htsget samtools}" \
  "${BENCH_COHORT_SEED:-7}" "${BENCH_COHORT_FRACTION:-33}" "$WORK/results-cohort.md"

# The scale benchmark (opt-in): ScaleBench generates the BAM when missing (ScaleBam | samtools view -b,
# then samtools index; deterministic for a size and seed), then converts and queries it. S3Mock keeps
# its objects under bench/work/tmp while it runs.
if part scale; then
  SCALE_GB=${BENCH_SCALE_GB:-10}
  echo "[run.sh] scale benchmark, $SCALE_GB GB" >&2
  mkdir -p "$WORK/tmp"
  java -Xmx1g -Djava.io.tmpdir="$PWD/$WORK/tmp" -cp "$CP" io.bams3.bench.ScaleBench \
    --jar "$WORK/app/bams3.jar" --work "$WORK" --samtools "$SAMTOOLS" --s3mock "$S3MOCK" \
    --bam "$WORK/scale-${SCALE_GB}gb-$SEED.bam" --gb "$SCALE_GB" --seed "$SEED" --qualities "$NA12878" \
    --regions "${BENCH_SCALE_REGIONS:-200}" --out "$WORK/results-scale.md"
fi
echo "[run.sh] done: $WORK/results*.md" >&2
