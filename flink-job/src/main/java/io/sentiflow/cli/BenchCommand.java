package io.sentiflow.cli;

import io.sentiflow.evaluation.ModelBenchmark;
import io.sentiflow.model.EncoderFiles;
import io.sentiflow.model.EncoderKind;
import io.sentiflow.model.ScoringModel;
import io.sentiflow.model.ServingSettings;
import io.sentiflow.model.TextNormalization;
import io.sentiflow.store.Manifest;
import io.sentiflow.store.ModelRejectedException;
import io.sentiflow.store.ModelStore;
import io.sentiflow.training.DataLocations;
import java.io.PrintWriter;
import java.io.Reader;
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
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code sentiflow bench model}: speed of the whole model next to bare ONNX Runtime on its encoder graph. */
@Command(name = "bench", description = "Benchmarks (one run, a printed table; not tests).",
        subcommands = {BenchCommand.ModelBench.class, io.sentiflow.bench.PipelineBenchCommand.class})
public final class BenchCommand implements Callable<Integer> {

    @Spec private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }

    @Command(name = "model", description = "Texts/s and per-call latency of the whole model (tokenizer, one-call "
            + "graph, sub-batches) for calls of 1, 8, 32, 64 and all texts, next to a reference measured in the same "
            + "run: bare ONNX Runtime on the served encoder graph alone, tokenizing included, length-sorted batches "
            + "of 32; for a version with its own (fine-tuned) encoder file, also the original encoder bare.")
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
                description = "How many texts each row scores (default: ${DEFAULT-VALUE}).")
        private int count = 512;

        @Option(names = "--rounds", paramLabel = "N", defaultValue = "3",
                description = "Rounds over all call sizes; each row is the median of its rounds"
                        + " (default: ${DEFAULT-VALUE}).")
        private int rounds = 3;

        @Option(names = "--threads", paramLabel = "N", defaultValue = "2",
                description = "ONNX Runtime intra-op threads for the model and the reference"
                        + " (default: ${DEFAULT-VALUE}).")
        private int threads = 2;

        @Option(names = "--spinning", paramLabel = "BOOL", arity = "1",
                description = "ONNX Runtime intra-op thread spinning for both (default: the model's default).")
        private Boolean spinning;

        @Option(names = "--token-budget", paramLabel = "N",
                description = "Padded tokens per sub-batch of the model (default: the model's default).")
        private Integer tokenBudget;

        @Override
        public Integer call() throws Exception {
            ModelStore models = store.open();
            String chosen = version != null ? version : models.promotedVersion().orElseThrow(() ->
                    new IllegalArgumentException("No promoted version in " + store.location() + "; pass --version"));
            Manifest manifest = models.manifest(chosen);
            EncoderKind kind = EncoderKind.fromName(manifest.encoder().kind()).orElseThrow();
            ServingSettings settings = settings();
            List<String> texts = texts();
            PrintWriter out = spec.commandLine().getOut();
            boolean hasOwn = manifest.files().containsKey(kind.versionFileName());
            out.printf(Locale.ROOT, "version %s, encoder %s%s, %d texts, %d ONNX Runtime threads, spinning %s,"
                    + " token budget %d, %d cores%n", chosen, kind.cliName(), hasOwn ? " (its own "
                    + kind.versionFileName() + ")" : "", texts.size(), settings.intraOpThreads(),
                    settings.allowSpinning() ? "on" : "off", settings.tokenBudget(),
                    Runtime.getRuntime().availableProcessors());
            out.printf(Locale.ROOT, "%-26s | %6s | %9s %9s %9s | %8s%n", "", "texts", "txt/s", "p50 ms", "p95 ms",
                    "ratio");
            out.flush();
            try (ScoringModel model = models.load(chosen, null, null, settings)) {
                EncoderFiles served = models.servedEncoder(chosen);
                Optional<EncoderFiles> original = hasOwn ? Optional.of(EncoderFiles.of(kind)) : Optional.empty();
                TextNormalization normalization =
                        TextNormalization.ofManifest(manifest.encoder().textNormalization());
                new ModelBenchmark(served, original, settings, normalization)
                        .run(model, texts, new int[] {1, 8, 32, 64, texts.size()}, rounds)
                        .forEach(row -> print(out, row));
            } catch (ModelRejectedException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            out.println("texts = per model call, or per bare batch; p50/p95 = per call, or per bare batch"
                    + " (session only)");
            out.println("ratio = texts/s over the bare encoder's, measured just before and after each pass;"
                    + " median of " + rounds + " rounds");
            out.flush();
            return CommandLine.ExitCode.OK;
        }

        private ServingSettings settings() {
            ServingSettings settings = ServingSettings.defaults().withIntraOpThreads(threads);
            settings = spinning == null ? settings : settings.withAllowSpinning(spinning);
            return tokenBudget == null ? settings : settings.withTokenBudget(tokenBudget);
        }

        private static void print(PrintWriter out, ModelBenchmark.Row row) {
            out.printf(Locale.ROOT, "%-26s | %6d | %9.1f %9.2f %9.2f | %8.3f%n", row.name(), row.textsPerCall(),
                    row.textsPerSecond(), row.p50Ms(), row.p95Ms(), row.toReference());
            out.flush();
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
