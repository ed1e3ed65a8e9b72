package io.sentiflow.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sentiflow.evaluation.Evaluator;
import io.sentiflow.evaluation.ReportFormat;
import io.sentiflow.evaluation.TrainOverlap;
import io.sentiflow.evaluation.ValidReport;
import io.sentiflow.model.ScoringModel;
import io.sentiflow.store.ModelRejectedException;
import io.sentiflow.store.ModelStore;
import io.sentiflow.training.DataLocations;
import io.sentiflow.training.LabeledCsv;
import io.sentiflow.training.LabeledText;
import io.sentiflow.training.Task;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sentiflow eval}: scores a labelled CSV ({@code text,label}; labels as names or ids) with a
 * model version and prints per-class precision, recall, F1 and support, accuracy, macro and weighted
 * averages and the confusion matrix, then accuracy and macro-F1 beside those on the same rows without
 * the texts that also appear in a train split (links removed, lowercased: the data README's
 * near-duplicates); {@code --json} prints the same as one JSON object.
 */
@Command(name = "eval", description = "Evaluate a model version on a labelled CSV (text,label).")
public final class EvalCommand implements Callable<Integer> {

    @Spec private CommandSpec spec;
    @Mixin private StoreOptions store;

    @Option(names = "--task", required = true, paramLabel = "sentiment|topic", description = "Which head to evaluate.")
    private String task;

    @Option(names = "--data", required = true, paramLabel = "CSV", description = "Labelled CSV with text and label columns.")
    private Path data;

    // --version names a model version here, which shadows the inherited -V/--version and with it the
    // inherited help option; declare help again so --help still prints usage.
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Option(names = "--version", paramLabel = "V", description = "Model version (default: the promoted one).")
    private String version;

    @Option(names = "--train-data", paramLabel = "CSV",
            description = "Train split whose texts the de-duplicated figures leave out (default: the shared train"
                    + " split of the task).")
    private Path trainData;

    @Option(names = "--json", description = "Print one JSON object (accuracy and macroF1 at the top level, the"
            + " de-duplicated report under 'deduplicated').")
    private boolean json;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "2",
            description = "ONNX Runtime intra-op threads (default: ${DEFAULT-VALUE}).")
    private int threads = 2;

    @Override
    public Integer call() throws Exception {
        Task head = Task.fromName(task)
                .orElseThrow(() -> new IllegalArgumentException("--task must be sentiment or topic, was " + task));
        ModelStore models = store.open();
        String chosen = version != null ? version : models.promotedVersion().orElseThrow(() ->
                new IllegalArgumentException("No promoted version in " + store.location() + "; pass --version"));
        Path train = trainData != null ? trainData : DataLocations.fromSystemProperties().train(head);
        TrainOverlap overlap = overlap(train);
        ValidReport report;
        try (ScoringModel model = load(models, chosen)) {
            List<String> labels = head == Task.TOPIC ? model.topicLabels() : model.sentimentLabels();
            List<LabeledText> examples = LabeledCsv.read(data, labels);
            if (examples.isEmpty()) {
                throw new IllegalArgumentException(data + " holds no labelled rows");
            }
            report = Evaluator.evaluate(model, head, examples, overlap);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            Map<String, Object> object = new LinkedHashMap<>();
            object.put("version", chosen);
            object.put("task", head.cliName());
            object.put("data", data.toString());
            object.putAll(mapper.convertValue(report.all(), Map.class));
            Map<String, Object> deduplicated = new LinkedHashMap<>();
            deduplicated.put("trainData", train.toString());
            deduplicated.put("removed", report.removed());
            deduplicated.putAll(mapper.convertValue(report.deduplicated(), Map.class));
            object.put("deduplicated", deduplicated);
            out.println(mapper.writeValueAsString(object));
        } else {
            out.printf("version %s, task %s, %s%n%n%s%nde-duplicated against %s:%n%s", chosen, head.cliName(), data,
                    ReportFormat.text(report.all()), train, ReportFormat.sideBySide(head.cliName(), report));
        }
        out.flush();
        return CommandLine.ExitCode.OK;
    }

    /** The overlap with {@code train}'s texts (their labels are not read: any label map would do). */
    private static TrainOverlap overlap(Path train) throws IOException {
        if (!Files.isRegularFile(train)) {
            throw new IllegalArgumentException("No train split at " + train + " to leave its duplicates out of the"
                    + " figures; pass --train-data CSV");
        }
        return TrainOverlap.of(LabeledCsv.readTexts(train));
    }

    private ScoringModel load(ModelStore models, String chosen) {
        try {
            return models.load(chosen, null, null, threads);
        } catch (ModelRejectedException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
