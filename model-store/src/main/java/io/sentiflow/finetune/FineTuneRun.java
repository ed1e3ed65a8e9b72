package io.sentiflow.finetune;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.sentiflow.encoder.bert.BertConfig;
import io.sentiflow.encoder.onnx.OnnxExport;
import io.sentiflow.encoder.onnx.OnnxWeights;
import io.sentiflow.evaluation.TrainOverlap;
import io.sentiflow.evaluation.ValidReport;
import io.sentiflow.model.EncoderFiles;
import io.sentiflow.model.EncoderKind;
import io.sentiflow.model.HeadDimensions;
import io.sentiflow.model.HeadWeights;
import io.sentiflow.model.Tensor;
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
import io.sentiflow.training.LabeledText;
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
import java.util.stream.Stream;
import me.tongfei.progressbar.ProgressBar;
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
        float[] classWeights = data.sentimentWeights(request.settings().heads().sentimentWeightPower());
        Map<String, Tensor> pretrained = OnnxWeights.readFp32(EncoderFiles.of(EncoderKind.FP32).model());
        FineTuneProgress bars = new FineTuneProgress(progress, request.showProgress());
        ThreadSettings.apply(request.settings().threads());
        FrozenLayerCache frozen = frozenLayers(data, pretrained, bars);
        Instant cachedAt = Instant.now();
        JointFineTuner.FineTuned tuned = train(store, data, classWeights, pretrained, frozen, bars);
        Instant trainedAt = Instant.now();
        ValidReport[] fp32 = evaluateFp32(tuned, data);
        progress.accept("fp32 valid evaluation " + seconds(trainedAt) + " s");
        Path exportDir = Files.createTempDirectory("sentiflow-finetune");
        try {
            Instant exportStart = Instant.now();
            Map<EncoderKind, Path> exported = exportEncoders(tuned, exportDir);
            Instant exportedAt = Instant.now();
            ValidReport[] int8 = ServedEvaluation.evaluate(EncoderKind.INT8, exported.get(EncoderKind.INT8),
                    request.normalization(), tuned.weights().heads(), request.settings().heads().encoderBatchSize(),
                    data);
            progress.accept("export " + Duration.between(exportStart, exportedAt).toSeconds()
                    + " s, int8 valid evaluation " + seconds(exportedAt) + " s");
            String version = publish(store, data, tuned, classWeights, metrics(fp32, int8), exported);
            boolean promoted = request.promoteIfNone() && store.promotedVersion().isEmpty();
            if (promoted) {
                store.promote(version);
            }
            return new FineTuneResult(version, promoted, fp32[0], fp32[1], int8[0], int8[1], tuned.steps(),
                    tuned.skippedSteps(), tuned.bestEpoch(), tuned.bestStep(), Duration.between(start, cachedAt),
                    Duration.between(cachedAt, trainedAt), Duration.between(start, Instant.now()));
        } finally {
            for (EncoderKind kind : EncoderKind.values()) {
                Files.deleteIfExists(exportDir.resolve(kind.versionFileName()));
            }
            Files.deleteIfExists(exportDir);
        }
    }

    private JointFineTuner.FineTuned train(ModelStore store, FineTuneData data, float[] classWeights,
            Map<String, Tensor> pretrained, FrozenLayerCache frozen, FineTuneProgress bars) {
        FineTuneSettings settings = request.settings();
        HeadDimensions dims = new HeadDimensions(EncoderKind.HIDDEN_SIZE, settings.heads().attention(),
                settings.heads().adapter(), data.topicLabels().size(), data.sentimentLabels().size());
        HeadWeights startHeads = startHeads(store);
        progress.accept(String.format("fine-tuning the top %d layers on %d examples, dev %d, sentiment class weights"
                + " %s%s", settings.trainableLayers(), data.train().size(), data.dev().size(),
                java.util.Arrays.toString(classWeights),
                startHeads == null ? "" : ", heads from " + request.startVersion()));
        return new JointFineTuner(settings, dims, classWeights).train(pretrained, startHeads, data.train(), data.dev(),
                frozen, bars);
    }

    /**
     * The outputs of the frozen layers for every train and dev text, computed where not cached yet;
     * null when every layer trains.
     */
    private FrozenLayerCache frozenLayers(FineTuneData data, Map<String, Tensor> pretrained, FineTuneProgress bars) {
        int layers = BertConfig.MINILM_L6.layers() - request.settings().trainableLayers();
        if (layers == 0) {
            return null;
        }
        Instant start = Instant.now();
        FrozenLayerCache cache = FrozenLayerCache.open(request.layerCache(), EncoderKind.FP32.modelSha256(),
                request.normalization(), layers);
        List<long[]> ids = Stream.concat(data.train().stream(), data.dev().stream()).map(TokenizedExample::ids)
                .toList();
        int computed;
        try (ProgressBar bar = bars.bar("Frozen layers", ids.size())) {
            computed = cache.fill(ids, pretrained, bar);
        }
        progress.accept(String.format("frozen layers 0-%d: %d texts computed, %d cached in %s, %d s", layers - 1,
                computed, cache.size() - computed, cache.file() == null ? "memory" : cache.file(), seconds(start)));
        return cache;
    }

    private static long seconds(Instant since) {
        return Duration.between(since, Instant.now()).toSeconds();
    }

    /** Sentiment and topic reports of the fine-tuned model on DJL (fp32, ONNX Runtime's outputs within 1e-5). */
    private static ValidReport[] evaluateFp32(JointFineTuner.FineTuned tuned, FineTuneData data) {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            HeadWeights heads = tuned.weights().heads();
            JointModel model = JointModel.create(manager, tuned.weights().encoder(), heads, heads.dims(), null);
            return new ValidReport[] {
                evaluate(model, manager, data.sentimentValid(), data.sentimentValidTexts(), data.sentimentLabels(),
                        Task.SENTIMENT, data.sentimentOverlap()),
                evaluate(model, manager, data.topicValid(), data.topicValidTexts(), data.topicLabels(), Task.TOPIC,
                        data.topicOverlap())};
        }
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

    private static ValidReport evaluate(JointModel model, NDManager manager, List<TokenizedExample> examples,
            List<LabeledText> texts, List<String> labels, Task task, TrainOverlap overlap) {
        if (examples.isEmpty()) {
            return null;
        }
        List<int[]> predicted = model.argMax(manager, examples);
        int column = task == Task.TOPIC ? 0 : 1;
        int[] truth = examples.stream().mapToInt(TokenizedExample::label).toArray();
        int[] guess = predicted.stream().mapToInt(p -> p[column]).toArray();
        return ValidReport.of(labels, texts.stream().map(LabeledText::text).toList(), truth, guess, overlap);
    }

    private String publish(ModelStore store, FineTuneData data, JointFineTuner.FineTuned tuned, float[] classWeights,
            Map<String, Double> metrics, Map<EncoderKind, Path> encoders) throws IOException {
        HeadWeights heads = tuned.weights().heads();
        HeadDimensions dims = heads.dims();
        byte[] weights = WeightsCodec.encode(heads.tensors());
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(Manifest.WEIGHTS_FILE, weights);
        for (Map.Entry<EncoderKind, Path> encoder : encoders.entrySet()) {
            files.put(encoder.getKey().versionFileName(), Files.readAllBytes(encoder.getValue()));
        }
        Instant now = Instant.now();
        EncoderKind kind = request.servedEncoder();
        Manifest draft = new Manifest(Manifest.FORMAT, ModelStore.newVersionId(now, weights),
                store.promotedVersion().orElse(null), now.toString(), VersionStatus.PUBLISHED,
                new EncoderSpec(kind.id(), kind.cliName(), kind.modelSha256(), kind.tokenizerSha256(),
                        TokenEncoder.MAX_TOKENS, request.settings().heads().encoderBatchSize(), "longest",
                        request.normalization().id()),
                new Architecture("attention", dims.hidden(), dims.attention(), dims.adapter(), "relu"),
                data.topicLabels(), data.sentimentLabels(), hyperParameters(tuned, classWeights),
                trainingData(data), metrics, Map.of(), "encoder fine-tuned; valid metrics of the served kind, fp32.* and int8.* of both");
        String version = store.publish(draft, files);
        LOG.info("Published fine-tuned version {} ({} steps, best at step {}), metrics {}", version, tuned.steps(),
                tuned.bestStep(), metrics);
        return version;
    }

    /** The fine-tuned encoder written into copies of the carriers' fp32 and int8 graphs under {@code dir}. */
    private static Map<EncoderKind, Path> exportEncoders(JointFineTuner.FineTuned tuned, Path dir) throws IOException {
        Map<EncoderKind, Path> files = new LinkedHashMap<>();
        for (EncoderKind kind : EncoderKind.values()) {
            Path target = dir.resolve(kind.versionFileName());
            if (kind == EncoderKind.FP32) {
                OnnxExport.writeFp32(EncoderFiles.of(kind).model(), tuned.weights().encoder(), target);
            } else {
                OnnxExport.writeInt8(EncoderFiles.of(kind).model(), tuned.weights().encoder(), target);
            }
            files.put(kind, target);
        }
        return files;
    }

    private Map<String, Object> hyperParameters(JointFineTuner.FineTuned tuned, float[] classWeights) {
        Map<String, Object> map = new LinkedHashMap<>(request.settings().asMap());
        map.put("stepsRun", tuned.steps());
        map.put("stepsSkipped", tuned.skippedSteps());
        map.put("bestEpoch", tuned.bestEpoch());
        map.put("bestStep", tuned.bestStep());
        map.put("bestDevMeanAccuracy", tuned.bestDevScore());
        map.put("bestDevTopicAccuracy", tuned.bestDev().topic());
        map.put("bestDevSentimentAccuracy", tuned.bestDev().sentiment());
        map.put("bestDevSentimentMacroF1", tuned.bestDev().sentimentMacroF1());
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

    /**
     * Valid-split figures, each also without the train splits' duplicates ({@code .valid.dedup.}):
     * unprefixed of the served kind (what {@code eval} would show), and prefixed {@code fp32.} (DJL,
     * equal to ONNX Runtime fp32 within 1e-5) and {@code int8.} (the exported int8 graph).
     */
    private Map<String, Double> metrics(ValidReport[] fp32, ValidReport[] int8) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        put(metrics, "", request.servedEncoder() == EncoderKind.INT8 ? int8 : fp32);
        put(metrics, "fp32.", fp32);
        put(metrics, "int8.", int8);
        return metrics;
    }

    private static void put(Map<String, Double> metrics, String prefix, ValidReport[] reports) {
        String[] tasks = {"sentiment", "topic"};
        for (int i = 0; i < tasks.length; i++) {
            if (reports[i] != null) {
                reports[i].putMetrics(metrics, prefix, tasks[i]);
            }
        }
    }
}
