package io.sentiflow.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sentiflow.model.TextTokenizer;
import io.sentiflow.store.EncoderSpec;
import io.sentiflow.store.Manifest;
import io.sentiflow.store.ModelStore;
import io.sentiflow.store.VerifiedVersion;
import io.sentiflow.testing.TinyFineTunes;
import io.sentiflow.testing.TinyModels;
import io.sentiflow.training.DataLocations;
import io.sentiflow.training.LabeledCsv;
import io.sentiflow.training.LabeledText;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one-call serving graph scores a trained version, one trained on URL-normalized texts, a learnt
 * one with a grown topic head and a fine-tuned one (its own encoder files, URL-normalized), each over
 * the fp32 and the int8 encoder, like the path it
 * replaced: {@link TokenEncoder}'s per-token outputs fed to the Java {@link Heads}, within 1e-4, on
 * real tweets of every length up to the 64-token cap, given in no particular order.
 *
 * <p>The comparison is exact in principle. The reference runs the very sub-batches the model runs
 * ({@link LengthBatches#plan} of the same token ids and budget, rows in the same order), so both
 * encoders see the same padded tensor; that matters for int8, whose dynamic quantization takes its
 * scales from the whole tensor, padding included (docs/STACK.md: cosine about 0.99 otherwise). The Java
 * heads leave padding out; the graph gives it a softmax weight of exactly 0 ({@code exp(-1e4)} is 0 in
 * float) and adds +0 to real tokens' scores. What remains is float summation order and the tanh and
 * exp implementations.
 */
class ServingParityTest {

    private static final float TOLERANCE = 1e-4f;
    private static final int TWEETS = 96;

    @TempDir
    static Path root;

    private static ModelStore store;
    private static Map<String, String> versions;
    private static List<String> tweets;

    @BeforeAll
    static void publishVersions() throws IOException {
        store = ModelStore.open(root.resolve("store").toString());
        String trained = TinyModels.trainInto(root.resolve("store"), 5L);
        String normalized = TinyModels.train(root.resolve("store"), 6L, TextNormalization.URLS).version();
        String learnt = TinyModels.learnNewTopicInto(root.resolve("store"), trained);
        String fineTuned = TinyFineTunes.publishTo(store, root.resolve("fine-tune")).result().version();
        versions = new HashMap<>();
        for (var entry : Map.of("trained", trained, "urls", normalized, "learnt", learnt, "fine-tuned", fineTuned)
                .entrySet()) {
            for (EncoderKind kind : EncoderKind.values()) {
                versions.put(entry.getKey() + " " + kind.cliName(), servedWith(entry.getValue(), kind));
            }
        }
        assertThat(store.manifest(learnt).topicLabels()).hasSize(21).endsWith(TinyModels.NEW_TOPIC);
        assertThat(store.manifest(fineTuned).files()).containsKeys(EncoderKind.FP32.versionFileName(),
                EncoderKind.INT8.versionFileName());
        tweets = tweetsOfEveryLength();
    }

    static Stream<Arguments> versionsAndBudgets() {
        return Stream.of("trained", "urls", "learnt", "fine-tuned").flatMap(name -> Stream.of("fp32", "int8")
                .map(kind -> name + " " + kind)).flatMap(version -> Stream.of(
                        Arguments.of(version, 384), // several sub-batches
                        Arguments.of(version, 1))); // one text at a time
    }

    @ParameterizedTest(name = "{0}, budget {1}")
    @MethodSource("versionsAndBudgets")
    void scoresTweetsLikeTheEncoderAndTheJavaHeadsOnTheSameSubBatches(String version, int budget) throws Exception {
        assertSameScores(version, tweets, budget);
    }

    static Stream<String> servedVersions() {
        return Stream.of("trained", "urls", "learnt", "fine-tuned")
                .flatMap(name -> Stream.of(name + " fp32", name + " int8"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servedVersions")
    void shortAndLongTweetsSharingOneSubBatchScoreLikeTheReference(String version) throws Exception {
        List<String> mixed = List.of(tweets.get(0), longest(tweets), tweets.get(1), shortest(tweets));
        try (TextTokenizer tokenizer = TextTokenizer.open(EncoderKind.FP32, TinyModels.NORMALIZATION)) {
            TokenBatch batch = tokenizer.tokenize(mixed);
            int[] lengths = batch.ids().stream().mapToInt(ids -> ids.length).sorted().toArray();
            assertThat(LengthBatches.plan(batch, ServingSettings.DEFAULT_TOKEN_BUDGET)).hasSize(1);
            assertThat(lengths[lengths.length - 1] - lengths[0]).as("token counts %s", lengths).isGreaterThan(40);
        }
        assertSameScores(version, mixed, ServingSettings.DEFAULT_TOKEN_BUDGET);
    }

    /** {@code name} is a key of {@link #versions}. */
    private static void assertSameScores(String name, List<String> texts, int budget) throws Exception {
        String version = versions.get(name);
        List<TextPrediction> served;
        try (var model = store.load(version, null, null, ServingSettings.defaults().withTokenBudget(budget))) {
            served = model.predict(texts);
        }
        List<TextPrediction> expected = reference(version, texts, budget);
        assertThat(served).hasSameSizeAs(texts);
        int topics = store.manifest(version).topicLabels().size();
        double largest = 0;
        for (int i = 0; i < texts.size(); i++) {
            largest = Math.max(largest, Math.max(maxDifference(served.get(i).topicProbabilities(),
                    expected.get(i).topicProbabilities()), maxDifference(served.get(i).sentimentProbabilities(),
                    expected.get(i).sentimentProbabilities())));
        }
        System.out.printf(Locale.ROOT, "SERVING PARITY %s, budget %d, %d texts: largest difference %.1e%n", name,
                budget, texts.size(), largest);
        for (int i = 0; i < texts.size(); i++) {
            assertThat(served.get(i).topicProbabilities()).as("topics of %s", texts.get(i)).hasSize(topics)
                    .containsExactly(expected.get(i).topicProbabilities(), within(TOLERANCE));
            assertThat(served.get(i).sentimentProbabilities()).as("sentiments of %s", texts.get(i))
                    .containsExactly(expected.get(i).sentimentProbabilities(), within(TOLERANCE));
        }
    }

    private static double maxDifference(float[] a, float[] b) {
        double max = a.length == b.length ? 0 : Double.POSITIVE_INFINITY;
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    /** The replaced path on the model's own sub-batches: the version's encoder file, then the Java heads. */
    private static List<TextPrediction> reference(String version, List<String> texts, int budget) throws Exception {
        VerifiedVersion verified = store.verify(version, null, null);
        Path dir = Path.of(URI.create(store.versionUri(version)));
        EncoderFiles files = EncoderFiles.forVersion(verified.encoder(), verified.manifest().files(),
                name -> Files.readAllBytes(dir.resolve(name)));
        Heads heads = new Heads(verified.weights());
        TextPrediction[] out = new TextPrediction[texts.size()];
        try (TokenEncoder encoder = TokenEncoder.open(files, 1, verified.normalization())) {
            TokenBatch batch = encoder.tokenize(texts);
            for (int[] rows : LengthBatches.plan(batch, budget)) {
                List<float[][]> tokens = encoder.encodeTokens(batch.select(rows));
                for (int i = 0; i < rows.length; i++) {
                    out[rows[i]] = heads.predict(tokens.get(i));
                }
            }
        }
        return List.of(out);
    }

    /** A copy of {@code version} (same files) whose manifest names the encoder {@code kind}. */
    private static String servedWith(String version, EncoderKind kind) throws IOException {
        Manifest m = store.manifest(version);
        if (m.encoder().kind().equals(kind.cliName())) {
            return version;
        }
        EncoderSpec spec = new EncoderSpec(kind.id(), kind.cliName(), kind.modelSha256(), kind.tokenizerSha256(),
                m.encoder().maxSequenceLength(), m.encoder().batchSize(), m.encoder().padding(),
                m.encoder().textNormalization());
        Manifest draft = new Manifest(m.formatVersion(), version + "-" + kind.cliName(), m.parentVersion(),
                m.createdAt(), m.status(), spec, m.architecture(), m.topicLabels(), m.sentimentLabels(),
                m.hyperParameters(), m.trainingData(), m.metrics(), Map.of(), m.note());
        Path dir = Path.of(URI.create(store.versionUri(version)));
        Map<String, byte[]> files = new HashMap<>();
        for (String name : m.files().keySet()) {
            files.put(name, Files.readAllBytes(dir.resolve(name)));
        }
        return store.publish(draft, files);
    }

    /** {@value #TWEETS} valid-split tweets spread evenly over the token counts, then shuffled. */
    private static List<String> tweetsOfEveryLength() throws IOException {
        DataLocations data = DataLocations.fromSystemProperties();
        List<String> all = LabeledCsv.read(data.sentimentValid(), LabeledCsv.readLabelMap(data.sentimentLabels()))
                .stream().map(LabeledText::text).toList();
        List<long[]> ids;
        try (TextTokenizer tokenizer = TextTokenizer.open(EncoderKind.FP32, TinyModels.NORMALIZATION)) {
            ids = tokenizer.tokenize(all).ids();
        }
        List<Integer> byLength = IntStream.range(0, all.size()).boxed()
                .sorted(Comparator.comparingInt(i -> ids.get(i).length)).toList();
        List<String> picked = new ArrayList<>();
        for (int i = 0; i < TWEETS; i++) {
            picked.add(all.get(byLength.get(i * (byLength.size() - 1) / (TWEETS - 1))));
        }
        Collections.shuffle(picked, new Random(7L));
        return List.copyOf(picked);
    }

    private static String shortest(List<String> texts) {
        return texts.stream().min(Comparator.comparingInt(String::length)).orElseThrow();
    }

    private static String longest(List<String> texts) {
        return texts.stream().max(Comparator.comparingInt(String::length)).orElseThrow();
    }
}
