package io.sentiflow.cli;

import io.sentiflow.evaluation.ReportFormat;
import io.sentiflow.model.EncoderKind;
import io.sentiflow.training.DataLocations;
import io.sentiflow.training.TrainingRequest;
import io.sentiflow.training.TrainingResult;
import io.sentiflow.training.TrainingRun;
import io.sentiflow.training.TrainingSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sentiflow train}: trains the topic and sentiment heads jointly over the pretrained encoder,
 * evaluates them on the valid splits and publishes a new version into the store (promoting it when
 * none is promoted yet). Encoder outputs are cached on disk, so a second run does not encode again.
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

    @Option(names = "--encoder", paramLabel = "fp32|int8", defaultValue = "fp32",
            description = "Pretrained encoder file (default: ${DEFAULT-VALUE}).")
    private String encoder = "fp32";

    @Option(names = "--embedding-cache", paramLabel = "DIR",
            description = "Where encoder outputs are cached (default: var/embedding-cache under the Sentiflow home).")
    private Path embeddingCache;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed (default: the shipped settings' seed).")
    private Long seed;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "2",
            description = "ONNX Runtime intra-op threads while encoding (default: ${DEFAULT-VALUE}).")
    private int threads = 2;

    @Override
    public Integer call() throws Exception {
        EncoderKind kind = EncoderKind.fromName(encoder)
                .orElseThrow(() -> new IllegalArgumentException("--encoder must be fp32 or int8, was " + encoder));
        DataLocations data = DataLocations.fromSystemProperties();
        Path cache = embeddingCache != null ? embeddingCache
                : StoreOptions.home().resolve("var").resolve("embedding-cache");
        TrainingSettings settings = seed == null ? TrainingSettings.defaults() : TrainingSettings.defaults().withSeed(seed);
        TrainingRequest defaults = TrainingRequest.defaults(data, cache);
        TrainingRequest request = new TrainingRequest(
                sentimentData != null ? sentimentData : data.sentimentTrain(),
                topicData != null ? topicData : data.topicTrain(),
                data.sentimentValid(), data.topicValid(), data.sentimentLabels(), data.topicLabels(), kind, cache,
                settings, 0, threads, true, defaults.promoteIfNone());
        PrintWriter out = spec.commandLine().getOut();
        TrainingResult result = new TrainingRun(request, line -> {
            out.println(line);
            out.flush();
        }).publishTo(store.open());
        print(out, result);
        return CommandLine.ExitCode.OK;
    }

    private void print(PrintWriter out, TrainingResult result) {
        out.printf(Locale.ROOT, "%nsentiment (%s)%n%s", data().sentimentValid(), ReportFormat.text(result.sentimentValid()));
        out.printf(Locale.ROOT, "%ntopic (%s)%n%s", data().topicValid(), ReportFormat.text(result.topicValid()));
        out.printf(Locale.ROOT, "%nversion %s%s in %s%n", result.version(), result.promoted() ? " (promoted)" : "",
                store.location());
        out.printf(Locale.ROOT, "sentiment accuracy %.4f  macro-F1 %.4f%n", result.sentimentValid().accuracy(),
                result.sentimentValid().macroF1());
        out.printf(Locale.ROOT, "topic     accuracy %.4f  macro-F1 %.4f%n", result.topicValid().accuracy(),
                result.topicValid().macroF1());
        out.printf(Locale.ROOT, "epochs %d (best %d); encoding %ds, training %ds, total %ds%n", result.epochs(),
                result.bestEpoch(), result.encoding().toSeconds(), result.training().toSeconds(),
                result.total().toSeconds());
        out.flush();
    }

    private static DataLocations data() {
        return DataLocations.fromSystemProperties();
    }
}
