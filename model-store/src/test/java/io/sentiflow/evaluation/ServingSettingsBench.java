package io.sentiflow.evaluation;

import io.sentiflow.model.EncoderFiles;
import io.sentiflow.model.EncoderKind;
import io.sentiflow.model.HeadDimensions;
import io.sentiflow.model.HeadWeights;
import io.sentiflow.model.Heads;
import io.sentiflow.model.ScoringModel;
import io.sentiflow.model.ServingSettings;
import io.sentiflow.model.Tensor;
import io.sentiflow.model.TextNormalization;
import io.sentiflow.model.TextTokenizer;
import io.sentiflow.model.TokenEncoder;
import io.sentiflow.model.WeightsCodec;
import io.sentiflow.store.Architecture;
import io.sentiflow.store.EncoderSpec;
import io.sentiflow.store.Manifest;
import io.sentiflow.store.ModelStore;
import io.sentiflow.testing.UntrainedVersions;
import io.sentiflow.training.DataLocations;
import io.sentiflow.training.LabeledCsv;
import io.sentiflow.training.LabeledText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Not a test: how {@link ServingSettings}' defaults were chosen. One version with the shipped head
 * sizes (attention 64, adapter 256, random weights) over the chosen encoder is loaded once per
 * setting (each token budget, spinning on and off); every round scores the same texts through each
 * model in calls of each size, in a rotated order, and runs the bare encoder reference
 * ({@link BareEncoder}) with spinning on and off, so the shared machine's load swings hit every
 * setting alike. Prints each setting's median texts/s over the rounds and the median of its ratios
 * to the bare reference of the same spinning measured before and after each round.
 * Run: {@code java -cp <test classpath> io.sentiflow.evaluation.ServingSettingsBench
 * [int8|fp32] [texts] [rounds] [threads] [budgets,...] [call sizes,...]}.
 */
public final class ServingSettingsBench {

    public static void main(String[] args) throws Exception {
        EncoderKind kind = EncoderKind.fromName(args.length > 0 ? args[0] : "int8").orElseThrow();
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 512;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        int[] budgets = ints(args.length > 4 ? args[4] : "256,512,1024,2048,4096");
        int[] calls = ints(args.length > 5 ? args[5] : "32," + count);
        List<String> texts = texts(count);
        ModelStore store = ModelStore.open(Files.createTempDirectory("serving-bench").toString());
        String version = publish(store, kind);
        Map<String, ScoringModel> models = new LinkedHashMap<>();
        Map<String, List<Double>> speeds = new LinkedHashMap<>();
        for (boolean spinning : new boolean[] {true, false}) {
            for (int budget : budgets) {
                ServingSettings settings = new ServingSettings(threads, spinning, budget);
                models.put((spinning ? "spin " : "nospin ") + budget, store.load(version, null, null, settings));
            }
        }
        HeadWeights heads = store.verify(version, null, null).weights();
        models.put("replaced", new ReplacedPath(version, TokenEncoder.open(kind, threads, TextNormalization.NONE), new Heads(heads)));
        List<String> names = new ArrayList<>(models.keySet());
        List<double[]> bare = new ArrayList<>(); // per round: spinning on, off
        try (TextTokenizer tokenizer = TextTokenizer.open(kind, TextNormalization.NONE);
                BareEncoder spin = new BareEncoder(EncoderFiles.of(kind), new ServingSettings(threads, true, 1));
                BareEncoder noSpin = new BareEncoder(EncoderFiles.of(kind), new ServingSettings(threads, false, 1))) {
            for (int round = 0; round <= rounds + 1; round++) { // round 0 warms every session up
                bare.add(new double[] {spin.pass(tokenizer, texts).textsPerSecond(),
                        noSpin.pass(tokenizer, texts).textsPerSecond()});
                for (int i = 0; i < names.size() && round <= rounds; i++) {
                    String name = names.get((i + round) % names.size());
                    for (int call : calls) {
                        record(speeds, round, name + " calls " + call, speed(models.get(name), texts, call));
                    }
                }
            }
        } finally {
            models.values().forEach(ScoringModel::close);
        }
        System.out.printf(Locale.ROOT, "%s, %d texts, %d threads, %d rounds: median texts/s; median over rounds of the"
                + " ratio to the bare encoder of the same spinning, measured before and after the round%n",
                kind.cliName(), count, threads, rounds);
        print("bare spin", bare.subList(1, bare.size()).stream().map(b -> b[0]).toList(), null);
        print("bare nospin", bare.subList(1, bare.size()).stream().map(b -> b[1]).toList(), null);
        speeds.forEach((name, values) -> print(name, values, bare.subList(1, bare.size()).stream()
                .map(b -> b[name.startsWith("nospin") ? 1 : 0]).toList()));
    }

    /** {@code bare}: the reference before each round and after the last (null: no ratio). */
    private static void print(String name, List<Double> values, List<Double> bare) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; bare != null && i < values.size(); i++) {
            ratios.add(values.get(i) / ((bare.get(i) + bare.get(i + 1)) / 2));
        }
        System.out.printf(Locale.ROOT, "%-24s %7.1f  %s  %s%n", name, median(values),
                ratios.isEmpty() ? "     " : String.format(Locale.ROOT, "%5.3f", median(ratios)),
                values.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList());
    }

    /**
     * The serving path this project replaced, for the same run's comparison: the encoder's per-token
     * outputs copied out in chunks of the training batch size (32), then the Java heads per text.
     */
    private record ReplacedPath(String version, TokenEncoder encoder, Heads heads) implements ScoringModel {
        @Override
        public List<String> topicLabels() {
            return UntrainedVersions.TOPICS;
        }

        @Override
        public List<String> sentimentLabels() {
            return UntrainedVersions.SENTIMENTS;
        }

        @Override
        public List<io.sentiflow.model.TextPrediction> predict(List<String> texts) {
            List<io.sentiflow.model.TextPrediction> out = new ArrayList<>();
            for (int from = 0; from < texts.size(); from += 32) {
                encoder.encode(texts.subList(from, Math.min(texts.size(), from + 32))).forEach(t -> out.add(heads.predict(t)));
            }
            return out;
        }

        @Override
        public void close() {
            encoder.close();
        }
    }

    private static void record(Map<String, List<Double>> speeds, int round, String name, double textsPerSecond) {
        if (round > 0) {
            speeds.computeIfAbsent(name, key -> new ArrayList<>()).add(textsPerSecond);
        }
    }

    private static double speed(ScoringModel model, List<String> texts, int call) {
        long start = System.nanoTime();
        for (int from = 0; from < texts.size(); from += call) {
            model.predict(texts.subList(from, Math.min(texts.size(), from + call)));
        }
        return texts.size() / ((System.nanoTime() - start) / 1e9);
    }

    private static String publish(ModelStore store, EncoderKind kind) {
        HeadDimensions dims = new HeadDimensions(EncoderKind.HIDDEN_SIZE, 64, 256, UntrainedVersions.TOPICS.size(),
                UntrainedVersions.SENTIMENTS.size());
        Random random = new Random(1L);
        List<Tensor> tensors = new ArrayList<>();
        HeadWeights.expectedShapes(dims).forEach((name, shape) -> {
            float[] data = new float[Arrays.stream(shape).reduce(1, Math::multiplyExact)];
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) (random.nextGaussian() * 0.05);
            }
            tensors.add(new Tensor(name, shape, data));
        });
        Manifest m = UntrainedVersions.manifest(1L);
        Manifest draft = new Manifest(m.formatVersion(), "bench-" + kind.cliName(), null, m.createdAt(), m.status(),
                new EncoderSpec(kind.id(), kind.cliName(), kind.modelSha256(), kind.tokenizerSha256(),
                        TokenEncoder.MAX_TOKENS, 32, "longest", "none"),
                new Architecture("attention", dims.hidden(), dims.attention(), dims.adapter(), "relu"), m.topicLabels(),
                m.sentimentLabels(), m.hyperParameters(), m.trainingData(), m.metrics(), Map.of(), "speed bench");
        return store.publish(draft, Map.of(Manifest.WEIGHTS_FILE, WeightsCodec.encode(tensors)));
    }

    private static List<String> texts(int count) throws Exception {
        DataLocations data = DataLocations.fromSystemProperties();
        return LabeledCsv.read(data.sentimentValid(), LabeledCsv.readLabelMap(data.sentimentLabels())).stream()
                .limit(count).map(LabeledText::text).toList();
    }

    private static int[] ints(String list) {
        return Arrays.stream(list.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}
