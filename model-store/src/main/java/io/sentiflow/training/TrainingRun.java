package io.sentiflow.training;

import io.sentiflow.evaluation.TrainOverlap;
import io.sentiflow.evaluation.ValidReport;
import io.sentiflow.model.EncoderKind;
import io.sentiflow.model.HeadDimensions;
import io.sentiflow.model.Heads;
import io.sentiflow.model.TextPrediction;
import io.sentiflow.model.TokenEncoder;
import io.sentiflow.model.WeightsCodec;
import io.sentiflow.store.Architecture;
import io.sentiflow.store.DataFile;
import io.sentiflow.store.EncoderSpec;
import io.sentiflow.store.Manifest;
import io.sentiflow.store.ModelStore;
import io.sentiflow.store.Sha256;
import io.sentiflow.store.VersionStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One training run end to end: read the CSVs, encode them (through the on-disk cache), carve a dev
 * split, train both heads jointly, evaluate the served (Java) heads on the valid splits (and on them
 * without the train splits' duplicates) and publish the result as a new version of the store.
 */
public final class TrainingRun {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);

    private static final long SAMPLE_SEED = 17L;

    private final TrainingRequest request;
    private final Consumer<String> progress;

    public TrainingRun(TrainingRequest request, Consumer<String> progress) {
        this.request = request;
        this.progress = progress;
    }

    /** Runs everything and publishes the new version into {@code store}. */
    public TrainingResult publishTo(ModelStore store) throws IOException {
        Instant start = Instant.now();
        DataSets data = read();
        Map<String, EncodedText> encoded = encode(List.of(data.sentimentTrain(), data.topicTrain(),
                data.sentimentValid(), data.topicValid()));
        Instant encodedAt = Instant.now();

        long seed = request.settings().seed();
        List<Example> train = new ArrayList<>();
        List<Example> dev = new ArrayList<>();
        split(Task.SENTIMENT, data.sentimentTrain(), encoded, seed + 4, train, dev);
        split(Task.TOPIC, data.topicTrain(), encoded, seed + 5, train, dev);
        HeadDimensions dims = new HeadDimensions(EncoderKind.HIDDEN_SIZE, request.settings().attention(),
                request.settings().adapter(), data.topicLabels().size(), data.sentimentLabels().size());
        float[] classWeights = classWeights(train, dims.sentiments(), request.settings().sentimentWeightPower());
        progress.accept(String.format("training on %d examples, dev %d, sentiment class weights %s", train.size(),
                dev.size(), java.util.Arrays.toString(classWeights)));
        JointTrainer.TrainedHeads trained = new JointTrainer(request.settings(), dims, classWeights)
                .train(train, dev, progress);
        Instant trainedAt = Instant.now();

        Heads heads = new Heads(trained.weights());
        ValidReport sentimentReport = evaluate(heads, Task.SENTIMENT, data.sentimentValid(), data.sentimentLabels(),
                encoded, data.sentimentOverlap());
        ValidReport topicReport = evaluate(heads, Task.TOPIC, data.topicValid(), data.topicLabels(), encoded,
                data.topicOverlap());
        String version = publish(store, data, trained, classWeights, metrics(sentimentReport, topicReport));
        boolean promoted = false;
        if (request.promoteIfNone() && store.promotedVersion().isEmpty()) {
            store.promote(version);
            promoted = true;
        }
        return new TrainingResult(version, promoted, sentimentReport, topicReport, trained.epochs(),
                trained.bestEpoch(), Duration.between(start, encodedAt), Duration.between(encodedAt, trainedAt),
                Duration.between(start, Instant.now()));
    }

    /**
     * Label maps, the (possibly sampled) train and valid sets, and the overlaps with the whole train
     * files (a sample's valid texts are judged against every train text, as {@code eval} judges them).
     */
    private record DataSets(List<String> topicLabels, List<String> sentimentLabels, List<LabeledText> sentimentTrain,
            List<LabeledText> topicTrain, List<LabeledText> sentimentValid, List<LabeledText> topicValid,
            TrainOverlap sentimentOverlap, TrainOverlap topicOverlap) {}

    private DataSets read() throws IOException {
        List<String> topicLabels = LabeledCsv.readLabelMap(request.topicLabels());
        List<String> sentimentLabels = LabeledCsv.readLabelMap(request.sentimentLabels());
        // Sampling does not follow the training seed: versions trained with other seeds see the same
        // texts, so their encoder outputs come from the cache.
        long seed = SAMPLE_SEED;
        List<LabeledText> sentimentTrain = LabeledCsv.read(request.sentimentTrain(), sentimentLabels);
        List<LabeledText> topicTrain = LabeledCsv.read(request.topicTrain(), topicLabels);
        return new DataSets(topicLabels, sentimentLabels, sample(sentimentTrain, seed), sample(topicTrain, seed + 1),
                readOptional(request.sentimentValid(), sentimentLabels, seed + 2),
                readOptional(request.topicValid(), topicLabels, seed + 3), overlap(sentimentTrain), overlap(topicTrain));
    }

    private String publish(ModelStore store, DataSets data, JointTrainer.TrainedHeads trained, float[] classWeights,
            Map<String, Double> metrics) throws IOException {
        HeadDimensions dims = trained.weights().dims();
        byte[] weights = WeightsCodec.encode(trained.weights().tensors());
        Instant now = Instant.now();
        String version = ModelStore.newVersionId(now, weights);
        Manifest draft = new Manifest(Manifest.FORMAT, version, store.promotedVersion().orElse(null), now.toString(),
                VersionStatus.PUBLISHED, encoderSpec(), new Architecture("attention", dims.hidden(), dims.attention(),
                        dims.adapter(), "relu"), data.topicLabels(), data.sentimentLabels(),
                hyperParameters(trained, classWeights), trainingData(data.sentimentTrain(), data.topicTrain()), metrics,
                Map.of(), null);
        store.publish(draft, Map.of(Manifest.WEIGHTS_FILE, weights));
        LOG.info("Published model version {} ({} epochs, best {}), metrics {}", version, trained.epochs(),
                trained.bestEpoch(), metrics);
        return version;
    }

    private static TrainOverlap overlap(List<LabeledText> train) {
        return TrainOverlap.of(train.stream().map(LabeledText::text).toList());
    }

    private List<LabeledText> readOptional(Path file, List<String> labels, long seed) throws IOException {
        return file == null ? List.of() : sample(LabeledCsv.read(file, labels), seed);
    }

    private List<LabeledText> sample(List<LabeledText> all, long seed) {
        if (request.maxPerTask() <= 0 || all.size() <= request.maxPerTask()) {
            return all;
        }
        List<LabeledText> shuffled = new ArrayList<>(all);
        Collections.shuffle(shuffled, new Random(seed));
        return List.copyOf(shuffled.subList(0, request.maxPerTask()));
    }

    private Map<String, EncodedText> encode(List<List<LabeledText>> sets) {
        List<String> texts = new ArrayList<>();
        sets.forEach(set -> set.forEach(example -> texts.add(example.text())));
        EmbeddingCache cache = EmbeddingCache.open(request.embeddingCache(), request.encoder(), request.normalization());
        progress.accept("encoder cache " + cache.file() + " holds " + cache.size() + " texts");
        List<EncodedText> outputs = cache.encodeAll(texts,
                () -> TokenEncoder.open(request.encoder(), request.intraOpThreads(), request.normalization()),
                request.showProgress());
        Map<String, EncodedText> byText = new java.util.HashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            byText.put(texts.get(i), outputs.get(i));
        }
        return byText;
    }

    /** Seeded hold-out of {@code devFraction} of a task's examples. */
    private void split(Task task, List<LabeledText> examples, Map<String, EncodedText> encoded, long seed,
            List<Example> train, List<Example> dev) {
        List<LabeledText> shuffled = new ArrayList<>(examples);
        Collections.shuffle(shuffled, new Random(seed));
        int devSize = (int) Math.round(shuffled.size() * request.settings().devFraction());
        for (int i = 0; i < shuffled.size(); i++) {
            LabeledText example = shuffled.get(i);
            (i < devSize ? dev : train).add(new Example(encoded.get(example.text()), task, example.label()));
        }
    }

    /** Sentiment class weights (n / (k * n_c))^power over the sentiment examples of {@code train}; 1 for absent classes. */
    public static float[] classWeights(List<? extends TaskLabel> train, int classes, float power) {
        int[] counts = new int[classes];
        int total = 0;
        for (TaskLabel example : train) {
            if (example.task() == Task.SENTIMENT) {
                counts[example.label()]++;
                total++;
            }
        }
        float[] weights = new float[classes];
        for (int c = 0; c < classes; c++) {
            weights[c] = counts[c] == 0 ? 1f : (float) Math.pow(total / (double) (classes * counts[c]), power);
        }
        return weights;
    }

    private static ValidReport evaluate(Heads heads, Task task, List<LabeledText> examples, List<String> labels,
            Map<String, EncodedText> encoded, TrainOverlap overlap) {
        if (examples.isEmpty()) {
            return null;
        }
        int[] truth = new int[examples.size()];
        int[] predicted = new int[examples.size()];
        for (int i = 0; i < examples.size(); i++) {
            TextPrediction prediction = heads.predict(encoded.get(examples.get(i).text()).toFloats());
            truth[i] = examples.get(i).label();
            predicted[i] = task == Task.TOPIC ? prediction.topTopic() : prediction.topSentiment();
        }
        return ValidReport.of(labels, examples.stream().map(LabeledText::text).toList(), truth, predicted, overlap);
    }

    private static Map<String, Double> metrics(ValidReport sentiment, ValidReport topic) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (sentiment != null) {
            sentiment.putMetrics(metrics, "", "sentiment");
        }
        if (topic != null) {
            topic.putMetrics(metrics, "", "topic");
        }
        return metrics;
    }

    private EncoderSpec encoderSpec() {
        EncoderKind kind = request.encoder();
        return new EncoderSpec(kind.id(), kind.cliName(), kind.modelSha256(), kind.tokenizerSha256(),
                TokenEncoder.MAX_TOKENS, request.settings().encoderBatchSize(), "longest", request.normalization().id());
    }

    private Map<String, Object> hyperParameters(JointTrainer.TrainedHeads trained, float[] classWeights) {
        Map<String, Object> map = new LinkedHashMap<>(request.settings().asMap());
        map.put("epochsRun", trained.epochs());
        map.put("bestEpoch", trained.bestEpoch());
        map.put("bestDevMeanAccuracy", trained.bestDevScore());
        map.put("sentimentClassWeights", classWeights);
        map.put("maxPerTask", request.maxPerTask());
        return map;
    }

    private List<DataFile> trainingData(List<LabeledText> sentiment, List<LabeledText> topic) throws IOException {
        return List.of(new DataFile("sentiment", request.sentimentTrain().getFileName().toString(),
                        fileSha(request.sentimentTrain()), sentiment.size()),
                new DataFile("topic", request.topicTrain().getFileName().toString(), fileSha(request.topicTrain()),
                        topic.size()));
    }

    private static String fileSha(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Sha256.of(in);
        }
    }
}
