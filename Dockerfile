# syntax=docker/dockerfile:1
# BAMS3: the htsget server (default command) and the bams3 CLI (any subcommand as arguments).
#   docker build -t bams3 .
#   docker run -p 8080:8080 -v bams3-data:/data bams3                 # server, demo dataset on first start
#   docker run --rm -v "$PWD:/input:ro" bams3 convert /input/in.bam s3://bucket/x.bams3

# --- build: dependencies in their own layer, cached until pom.xml changes ---
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -ntp -q dependency:go-offline -Dmaven.test.skip=true
COPY src ./src
RUN mvn -B -ntp -q package -Dmaven.test.skip=true \
 && java -Djarmode=tools -jar target/bams3.jar extract --layers --destination /layers

# --- runtime: JRE only, non-root, writable /tmp and /data only ---
FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 bams3 \
 && useradd --system --uid 10001 --gid bams3 --home-dir /app --shell /usr/sbin/nologin bams3 \
 && mkdir -p /data /opt/bams3/demo \
 && chown bams3:bams3 /data
WORKDIR /app
# least to most often changed, so a code change rebuilds only the last layer
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
# class data sharing: the classes a short training run of the CLI loads (StartupTraining), archived
# once here so every command and the server load them mapped instead of parsed (README, "Start-up")
RUN java -XX:ArchiveClassesAtExit=/app/bams3.jsa -Xlog:cds=off -Xlog:cds+dynamic=off \
      -cp /app/bams3.jar io.bams3.cli.StartupTraining
# the demo BAM as a file, for `bams3 convert` in docker compose (the server also has it built in)
COPY src/main/resources/demo/htsnexus_test_NA12878.bam /opt/bams3/demo/NA12878.bam
USER 10001:10001
# container-aware heap, fail fast on OOM; Tomcat and conversions write only to /tmp
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp" \
    BAMS3_ROOTS_0_LOCATION=/data
EXPOSE 8080
VOLUME ["/data", "/tmp"]
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/app/bams3.jsa", "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-jar", "/app/bams3.jar"]
CMD ["serve"]
