package io.sentiflow.finetune;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.sentiflow.encoder.onnx.OnnxExport;
import io.sentiflow.encoder.onnx.OnnxWeights;
import io.sentiflow.evaluation.ClassificationReport;
import io.sentiflow.model.EncoderFiles;
import io.sentiflow.model.EncoderKind;
import io.sentiflow.model.HeadDimensions;
import io.sentiflow.model.HeadWeights;
import io.sentiflow.model.TokenEncoder;
import io.sentiflow.model.WeightsCodec;
import io.sentiflow.store.Architecture;
import io.sentiflow.store.DataFile;
import io.sentiflow.store.EncoderSpec;
import io.sentiflow.store.Manifest;
import io.sentiflow.store.ModelRejectedException;
import io.sentiflow.store.ModelStore;
import io.sentiflow.store.Sha256;
import io.sentiflow.store.VersionStatus;
import io.sentiflow.training.Task;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One fine-tuning run end to end: read and tokenize the CSVs, fine-tune encoder and heads jointly,
 * evaluate on the valid splits, export the encoder into copies of the fp32 and int8 ONNX graphs and
 * publish heads and both encoder files as a new version of the store.
 */
public final class FineTuneRun {

    private static final Logger LOG = LoggerFactory.getLogger(FineTuneRun.class);

    private final FineTuneRequest request;
    private final Consumer<String> progress;

    public FineTuneRun(FineTuneRequest request, Consumer<String> progress) {
        this.request = request;
        this.progress = progress;
    }

    /** Runs everything and publishes the new version into {@code store}. */
    public FineTuneResult publishTo(ModelStore store) throws IOException {
        Instant start = Instant.now();
        FineTuneData data = FineTuneData.read(request);
        FineTuneSettings settings = request.settings();
        HeadDimensions dims = new HeadDimensions(EncoderKind.HIDDEN_SIZE, settings.heads().attention(),
                settings.heads().adapter(), data.topicLabels().size(), data.sentimentLabels().size());
        float[] classWeights = data.sentimentWeights(settings.heads().sentimentWeightPower());
        HeadWeights startHeads = startHeads(store);
        progress.accept(String.format("fine-tuning on %d examples, dev %d, sentiment class weights %s%s",
                data.train().size(), data.dev().size(), java.util.Arrays.toString(classWeights),
                startHeads == null ? "" : ", heads from " + request.startVersion()));
        Instant trainStart = Instant.now();
        JointFineTuner.FineTuned tuned = new JointFineTuner(settings, dims, classWeights).train(
                OnnxWeights.readFp32(EncoderFiles.of(EncoderKind.FP32).model()), startHeads, data.train(), data.dev(),
                new FineTuneProgress(progress, request.showProgress()));
        Instant trained = Instant.now();

        ClassificationReport sentiment;
        ClassificationReport topic;
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            JointModel model = JointModel.create(manager, tuned.weights().encoder(), tuned.weights().heads(), dims, null);
            sentiment = evaluate(model, manager, data.sentimentValid(), data.sentimentLabels(), Task.SENTIMENT);
            topic = evaluate(model, manager, data.topicValid(), data.topicLabels(), Task.TOPIC);
        }
        String version = publish(store, data, tuned, classWeights, metrics(sentiment, topic));
        boolean promoted = request.promoteIfNone() && store.promotedVersion().isEmpty();
        if (promoted) {
            store.promote(version);
        }
        return new FineTuneResult(version, promoted, sentiment, topic, tuned.steps(), tuned.bestEpoch(),
                tuned.bestStep(), Duration.between(trainStart, trained), Duration.between(start, Instant.now()));
    }

    /** The heads of the start version, verified like any version a job loads; null for fresh heads. */
    private HeadWeights startHeads(ModelStore store) {
        String version = request.startVersion();
        if (version == null) {
            return null;
        }
        try {
            return store.verify(version, store.versionUri(version), store.manifestSha256(version)).weights();
        } catch (ModelRejectedException e) {
            throw new IllegalArgumentException("Cannot start from version " + version + ": " + e.getMessage(), e);
        }
    }

    private static ClassificationReport evaluate(JointModel model, NDManager manager, List<TokenizedExample> examples,
            List<String> labels, Task task) {
        if (examples.isEmpty()) {
            return null;
        }
        List<int[]> predicted = model.argMax(manager, examples.stream().map(TokenizedExample::ids).toList());
        int column = task == Task.TOPIC ? 0 : 1;
        int[] truth = examples.stream().mapToInt(TokenizedExample::label).toArray();
        int[] guess = predicted.stream().mapToInt(p -> p[column]).toArray();
        return ClassificationReport.of(labels, truth, guess);
    }

    private String publish(ModelStore store, FineTuneData data, JointFineTuner.FineTuned tuned, float[] classWeights,
            Map<String, Double> metrics) throws IOException {
        HeadWeights heads = tuned.weights().heads();
        HeadDimensions dims = heads.dims();
        byte[] weights = WeightsCodec.encode(heads.tensors());
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(Manifest.WEIGHTS_FILE, weights);
        files.putAll(exportEncoders(tuned));
        Instant now = Instant.now();
        EncoderKind kind = request.servedEncoder();
        Manifest draft = new Manifest(Manifest.FORMAT, ModelStore.newVersionId(now, weights),
                store.promotedVersion().orElse(null), now.toString(), VersionStatus.PUBLISHED,
                new EncoderSpec(kind.id(), kind.cliName(), kind.modelSha256(), kind.tokenizerSha256(),
                        TokenEncoder.MAX_TOKENS, request.settings().heads().encoderBatchSize(), "longest"),
                new Architecture("attention", dims.hidden(), dims.attention(), dims.adapter(), "relu"),
                data.topicLabels(), data.sentimentLabels(), hyperParameters(tuned, classWeights),
                trainingData(data), metrics, Map.of(), "encoder fine-tuned; valid metrics with the fp32 encoder");
        String version = store.publish(draft, files);
        LOG.info("Published fine-tuned version {} ({} steps, best at step {}), metrics {}", version, tuned.steps(),
                tuned.bestStep(), metrics);
        return version;
    }

    /** The fine-tuned encoder written into copies of the carriers' fp32 and int8 graphs. */
    private static Map<String, byte[]> exportEncoders(JointFineTuner.FineTuned tuned) throws IOException {
        Path dir = Files.createTempDirectory("sentiflow-finetune");
        try {
            Map<String, byte[]> files = new LinkedHashMap<>();
            for (EncoderKind kind : EncoderKind.values()) {
                Path target = dir.resolve(kind.versionFileName());
                if (kind == EncoderKind.FP32) {
                    OnnxExport.writeFp32(EncoderFiles.of(kind).model(), tuned.weights().encoder(), target);
                } else {
                    OnnxExport.writeInt8(EncoderFiles.of(kind).model(), tuned.weights().encoder(), target);
                }
                files.put(kind.versionFileName(), Files.readAllBytes(target));
                Files.delete(target);
            }
            return files;
        } finally {
            Files.deleteIfExists(dir);
        }
    }

    private Map<String, Object> hyperParameters(JointFineTuner.FineTuned tuned, float[] classWeights) {
        Map<String, Object> map = new LinkedHashMap<>(request.settings().asMap());
        map.put("stepsRun", tuned.steps());
        map.put("stepsSkipped", tuned.skippedSteps());
        map.put("bestEpoch", tuned.bestEpoch());
        map.put("bestStep", tuned.bestStep());
        map.put("bestDevMeanAccuracy", tuned.bestDevScore());
        map.put("sentimentClassWeights", classWeights);
        map.put("maxPerTask", request.maxPerTask());
        if (request.startVersion() != null) {
            map.put("startHeads", request.startVersion());
        }
        return map;
    }

    private List<DataFile> trainingData(FineTuneData data) throws IOException {
        return List.of(dataFile("sentiment", request.sentimentTrain(), data.sentimentTrain().size()),
                dataFile("topic", request.topicTrain(), data.topicTrain().size()));
    }

    private static DataFile dataFile(String task, Path file, int count) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new DataFile(task, file.getFileName().toString(), Sha256.of(in), count);
        }
    }

    private static Map<String, Double> metrics(ClassificationReport sentiment, ClassificationReport topic) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (sentiment != null) {
            metrics.put("sentiment.valid.accuracy", sentiment.accuracy());
            metrics.put("sentiment.valid.macroF1", sentiment.macroF1());
        }
        if (topic != null) {
            metrics.put("topic.valid.accuracy", topic.accuracy());
            metrics.put("topic.valid.macroF1", topic.macroF1());
        }
        return metrics;
    }
}
