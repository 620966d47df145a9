package io.bams3.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Command lines of the project's CLI jar, run on the benchmark's own JVM. */
public record Bams3Cli(Path jar, CommandRunner runner) {

    /** How to convert: codec, chunk target ("16M"), threads and, optionally, a heap limit ("256m"). */
    public record Conversion(String codec, String chunkBytes, int threads, String maxHeap) {
        public static Conversion defaults(int threads) {
            return new Conversion("bgzf", "16M", threads, null);
        }

        public Conversion withCodec(String c) {
            return new Conversion(c, chunkBytes, threads, maxHeap);
        }

        public Conversion withChunkBytes(String b) {
            return new Conversion(codec, b, threads, maxHeap);
        }

        public Conversion withMaxHeap(String h) {
            return new Conversion(codec, chunkBytes, threads, h);
        }
    }

    public List<String> convert(Path bam, Path dataset, Conversion c) {
        List<String> cmd = new ArrayList<>(List.of(CommandRunner.java()));
        if (c.maxHeap() != null) {
            cmd.add("-Xmx" + c.maxHeap());
        }
        cmd.addAll(List.of(
                "-jar",
                jar.toString(),
                "convert",
                bam.toString(),
                dataset.toString(),
                "--threads",
                Integer.toString(c.threads())));
        if (!c.codec().equals("bgzf")) {
            cmd.addAll(List.of("--codec", c.codec()));
        }
        if (!c.chunkBytes().equals("16M")) {
            cmd.addAll(List.of("--chunk-bytes", c.chunkBytes()));
        }
        return cmd;
    }

    public List<String> version() {
        return List.of(CommandRunner.java(), "-jar", jar.toString(), "--version");
    }

    /** {@code bams3 stats --json}, parsed. */
    public JsonNode stats(Path dataset) {
        String json = runner.run(
                        List.of(CommandRunner.java(), "-jar", jar.toString(), "stats", "--json", dataset.toString()))
                .stdout();
        return JsonMapper.builder().build().readTree(json);
    }
}
