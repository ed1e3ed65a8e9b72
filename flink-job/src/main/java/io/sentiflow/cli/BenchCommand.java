package io.sentiflow.cli;

import io.sentiflow.evaluation.ModelBenchmark;
import io.sentiflow.model.EncoderFiles;
import io.sentiflow.model.EncoderKind;
import io.sentiflow.model.ScoringModel;
import io.sentiflow.store.Manifest;
import io.sentiflow.store.ModelRejectedException;
import io.sentiflow.store.ModelStore;
import io.sentiflow.training.DataLocations;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.flink.core.fs.FileSystem;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sentiflow bench model}: speed of the whole model next to the bare ONNX Runtime session. */
@Command(name = "bench", description = "Benchmarks (one run, a printed table; not tests).",
        subcommands = {BenchCommand.ModelBench.class, io.sentiflow.bench.PipelineBenchCommand.class})
public final class BenchCommand implements Callable<Integer> {

    @Spec private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }

    @Command(name = "model", description = "Texts/s and per-batch latency for batch sizes 1, 8, 32, 64: "
            + "whole model (tokenizer, encoder, heads) vs the bare ONNX Runtime session on the same texts; "
            + "for a version with its own (fine-tuned) encoder file, also its bare session vs the original's.")
    static final class ModelBench implements Callable<Integer> {
        @Spec private CommandSpec spec;
        @Mixin private StoreOptions store;

        // --version names a model version here, which shadows the inherited -V/--version and with it the
        // inherited help option; declare help again so --help still prints usage.
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
        private boolean help;

        @Option(names = "--version", paramLabel = "V", description = "Model version (default: the promoted one).")
        private String version;

        @Option(names = "--data", paramLabel = "CSV", description = "Texts to score (default: the shared sent_valid.csv).")
        private Path data;

        @Option(names = "--texts", paramLabel = "N", defaultValue = "512",
                description = "How many texts per batch size (default: ${DEFAULT-VALUE}).")
        private int count = 512;

        @Option(names = "--threads", paramLabel = "N", defaultValue = "2",
                description = "ONNX Runtime intra-op threads for both (default: ${DEFAULT-VALUE}).")
        private int threads = 2;

        @Override
        public Integer call() throws Exception {
            ModelStore models = store.open();
            String chosen = version != null ? version : models.promotedVersion().orElseThrow(() ->
                    new IllegalArgumentException("No promoted version in " + store.location() + "; pass --version"));
            Manifest manifest = models.manifest(chosen);
            EncoderKind kind = EncoderKind.fromName(manifest.encoder().kind()).orElseThrow();
            List<String> texts = texts();
            PrintWriter out = spec.commandLine().getOut();
            boolean hasOwn = manifest.files().containsKey(kind.versionFileName());
            out.printf(Locale.ROOT, "version %s, encoder %s%s, %d texts per batch size, %d ONNX Runtime threads, %d cores%n",
                    chosen, kind.cliName(), hasOwn ? " (its own " + kind.versionFileName() + " vs the original)" : "",
                    texts.size(), threads, Runtime.getRuntime().availableProcessors());
            out.printf(Locale.ROOT, "%5s | %12s %9s %9s | %12s %9s %9s | %6s%s%n", "batch", "model txt/s", "p50 ms",
                    "p95 ms", "bare txt/s", "p50 ms", "p95 ms", "ratio", hasOwn ? " | own txt/s own/orig" : "");
            out.flush();
            try (ScoringModel model = models.load(chosen, null, null, threads)) {
                // After load, which verified the version and cached its own encoder file by sha256.
                Optional<EncoderFiles> own = hasOwn ? Optional.of(EncoderFiles.forVersion(kind, manifest.files(),
                        name -> read(URI.create(models.versionUri(chosen) + "/" + name)))) : Optional.empty();
                new ModelBenchmark(EncoderFiles.of(kind), own, threads)
                        .run(model, texts, new int[] {1, 8, 32, 64}, row -> print(out, row));
            } catch (ModelRejectedException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            out.println("ratio = bare texts/s divided by model texts/s (the cost of tokenizing, copying and the heads)");
            if (hasOwn) {
                out.println("own/orig = median over batches of the original encoder's time over the own one's on the same batch (run alternately)");
            }
            out.flush();
            return CommandLine.ExitCode.OK;
        }

        private static void print(PrintWriter out, ModelBenchmark.Row row) {
            out.printf(Locale.ROOT, "%5d | %12.1f %9.2f %9.2f | %12.1f %9.2f %9.2f | %6.2f", row.batchSize(),
                    row.modelTextsPerSecond(), row.modelP50Ms(), row.modelP95Ms(), row.bareTextsPerSecond(),
                    row.bareP50Ms(), row.bareP95Ms(), row.slowdown());
            if (row.ownTextsPerSecond().isPresent()) {
                out.printf(Locale.ROOT, " | %9.1f %8.3f", row.ownTextsPerSecond().getAsDouble(),
                        row.ownToOriginal().getAsDouble());
            }
            out.println();
            out.flush();
        }

        private static byte[] read(URI file) throws IOException {
            try (InputStream in = FileSystem.get(file).open(new org.apache.flink.core.fs.Path(file))) {
                return in.readAllBytes();
            }
        }

        /** The first {@code count} values of the CSV's {@code text} column. */
        private List<String> texts() throws Exception {
            Path file = data != null ? data : DataLocations.fromSystemProperties().sentimentValid();
            List<String> texts = new ArrayList<>();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                    CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                            .parse(reader)) {
                for (CSVRecord record : parser) {
                    if (texts.size() == count) {
                        break;
                    }
                    texts.add(record.get("text"));
                }
            }
            if (texts.isEmpty()) {
                throw new IllegalArgumentException(file + " holds no texts");
            }
            return texts;
        }
    }
}
