package io.sentiflow.cli;

import io.sentiflow.evaluation.ReportFormat;
import io.sentiflow.evaluation.ValidReport;
import io.sentiflow.finetune.FineTuneRequest;
import io.sentiflow.finetune.FineTuneResult;
import io.sentiflow.finetune.FineTuneRun;
import io.sentiflow.finetune.FineTuneSettings;
import io.sentiflow.model.EncoderKind;
import io.sentiflow.model.TextNormalization;
import io.sentiflow.training.DataLocations;
import io.sentiflow.training.TrainingRequest;
import io.sentiflow.training.TrainingResult;
import io.sentiflow.training.TrainingRun;
import io.sentiflow.training.TrainingSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code sentiflow train}: fine-tunes the encoder's top layers jointly with the topic and sentiment
 * heads (DJL PyTorch; the frozen lower layers' outputs are computed once per text and cached),
 * evaluates fp32 and the int8 export on the valid splits, with and without the train splits'
 * duplicates, and publishes a new version carrying its own fp32 and int8 encoder files into the store
 * (promoting it when none is promoted yet). With {@code --frozen} only the heads train, over the
 * pretrained encoder, whose outputs are cached on disk: the quick model of the demo's first run.
 */
@Command(name = "train", description = "Train a new model version and publish it into the model store.")
public final class TrainCommand implements Callable<Integer> {

    @Spec private CommandSpec spec;
    @Mixin private StoreOptions store;

    @Option(names = "--sentiment-data", paramLabel = "CSV",
            description = "Sentiment training CSV (text,label) (default: the shared sent_train.csv).")
    private Path sentimentData;

    @Option(names = "--topic-data", paramLabel = "CSV",
            description = "Topic training CSV (text,label) (default: the shared topic_train.csv).")
    private Path topicData;

    @Option(names = "--encoder", paramLabel = "fp32|int8", defaultValue = "int8",
            description = "Encoder file the version is served with; fine-tuning exports both (default:"
                    + " ${DEFAULT-VALUE}).")
    private String encoder = "int8";

    @Option(names = "--text-normalization", paramLabel = "urls|none", defaultValue = "urls",
            description = "How texts are rewritten before tokenizing, in training and serving alike: urls reduces"
                    + " every link to one token (default: ${DEFAULT-VALUE}).")
    private String normalization = "urls";

    @Option(names = "--embedding-cache", paramLabel = "DIR",
            description = "Where the pretrained encoder's outputs (--frozen) and the frozen layers' outputs"
                    + " (fine-tuning) are cached (default: var/embedding-cache under the Sentiflow home).")
    private Path embeddingCache;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed (default: the shipped settings' seed).")
    private Long seed;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "2",
            description = "ONNX Runtime intra-op threads while encoding with --frozen (default: ${DEFAULT-VALUE}).")
    private int threads = 2;

    @Option(names = "--frozen",
            description = "Train only the heads over the pretrained encoder: minutes the first time, seconds once its"
                    + " outputs are cached, and several points less accurate than fine-tuning (see the README).")
    private boolean frozen;

    @Option(names = "--start-version", paramLabel = "VERSION",
            description = "Fine-tuning starts from this version's heads instead of fresh ones (not with --frozen).")
    private String startVersion;

    @Option(names = "--sample", paramLabel = "N", defaultValue = "0",
            description = "Use at most N texts of each train and valid file, a seeded sample; 0 for all (default: ${DEFAULT-VALUE}).")
    private int sample;

    @Mixin private FineTuneOptions fineTuning;

    @Override
    public Integer call() throws Exception {
        EncoderKind kind = EncoderKind.fromName(encoder)
                .orElseThrow(() -> new IllegalArgumentException("--encoder must be fp32 or int8, was " + encoder));
        TextNormalization textNormalization = TextNormalization.fromId(normalization).orElseThrow(() ->
                new IllegalArgumentException("--text-normalization must be urls or none, was " + normalization));
        DataLocations data = DataLocations.fromSystemProperties();
        Path cache = embeddingCache != null ? embeddingCache
                : StoreOptions.home().resolve("var").resolve("embedding-cache");
        TrainingSettings settings = seed == null ? TrainingSettings.defaults() : TrainingSettings.defaults().withSeed(seed);
        TrainingRequest defaults = TrainingRequest.defaults(data, cache);
        TrainingRequest request = new TrainingRequest(
                sentimentData != null ? sentimentData : data.sentimentTrain(),
                topicData != null ? topicData : data.topicTrain(),
                data.sentimentValid(), data.topicValid(), data.sentimentLabels(), data.topicLabels(), kind,
                textNormalization, cache, settings, sample, threads, true, defaults.promoteIfNone());
        PrintWriter out = spec.commandLine().getOut();
        if (!frozen) {
            return fineTune(request, out);
        }
        TrainingResult result = new TrainingRun(request, line -> {
            out.println(line);
            out.flush();
        }).publishTo(store.open());
        print(out, result);
        return CommandLine.ExitCode.OK;
    }

    private int fineTune(TrainingRequest data, PrintWriter out) throws Exception {
        FineTuneSettings settings = fineTuning.settings(seed);
        FineTuneResult result = new FineTuneRun(FineTuneRequest.of(data, settings, startVersion), line -> {
            out.println(line);
            out.flush();
        }).publishTo(store.open());
        printReports(out, result.sentimentValid(), result.topicValid());
        out.printf(Locale.ROOT, "%nversion %s%s in %s (fine-tuned encoder: fp32 and int8 files)%nfp32:%n", result.version(),
                result.promoted() ? " (promoted)" : "", store.location());
        printAccuracy(out, result.sentimentValid(), result.topicValid());
        out.println("int8 export:");
        printAccuracy(out, result.sentimentValidInt8(), result.topicValidInt8());
        out.printf(Locale.ROOT, "steps %d (%d skipped, best at step %d, epoch %d); preparation %ds, training %ds,"
                + " total %ds%n", result.steps(), result.skippedSteps(), result.bestStep(), result.bestEpoch(),
                result.preparation().toSeconds(), result.training().toSeconds(), result.total().toSeconds());
        out.flush();
        return CommandLine.ExitCode.OK;
    }

    private void print(PrintWriter out, TrainingResult result) {
        printReports(out, result.sentimentValid(), result.topicValid());
        out.printf(Locale.ROOT, "%nversion %s%s in %s%n", result.version(), result.promoted() ? " (promoted)" : "",
                store.location());
        printAccuracy(out, result.sentimentValid(), result.topicValid());
        out.printf(Locale.ROOT, "epochs %d (best %d); encoding %ds, training %ds, total %ds%n", result.epochs(),
                result.bestEpoch(), result.encoding().toSeconds(), result.training().toSeconds(),
                result.total().toSeconds());
        out.flush();
    }

    private static void printReports(PrintWriter out, ValidReport sentiment, ValidReport topic) {
        out.printf(Locale.ROOT, "%nsentiment (%s)%n%s", data().sentimentValid(), ReportFormat.text(sentiment.all()));
        out.printf(Locale.ROOT, "%ntopic (%s)%n%s", data().topicValid(), ReportFormat.text(topic.all()));
    }

    private static void printAccuracy(PrintWriter out, ValidReport sentiment, ValidReport topic) {
        out.print(ReportFormat.sideBySide("sentiment", sentiment));
        out.print(ReportFormat.sideBySide("topic", topic));
    }

    private static DataLocations data() {
        return DataLocations.fromSystemProperties();
    }
}
