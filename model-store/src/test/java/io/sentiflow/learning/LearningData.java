package io.sentiflow.learning;

import io.sentiflow.model.EncoderKind;
import io.sentiflow.model.TextNormalization;
import io.sentiflow.model.TokenEncoder;
import io.sentiflow.store.ModelStore;
import io.sentiflow.testing.CryptoTexts;
import io.sentiflow.testing.TinyModels;
import io.sentiflow.training.DataLocations;
import io.sentiflow.training.EmbeddingCache;
import io.sentiflow.training.EncodedText;
import io.sentiflow.training.LabeledCsv;
import io.sentiflow.training.LabeledText;
import io.sentiflow.training.Task;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Real data for the learner's tests: the shared tweet data, encoded through the tests' embedding
 * cache with the real fp32 encoder, and stores holding a copy of a TinyModels parent version.
 */
final class LearningData {

    static final DataLocations DATA = DataLocations.fromSystemProperties();
    /** The samples TrainingRun draws for TinyModels' valid figures, so their outputs are cached. */
    private static final long SENTIMENT_VALID_SEED = 19L;
    private static final long TOPIC_VALID_SEED = 20L;
    private static final long TRAIN_SAMPLE_SEED = 17L;
    static final int PARENT_EXAMPLES = 1000;

    final EmbeddingCache cache =
            EmbeddingCache.open(TinyModels.embeddingCache(), TinyModels.ENCODER, TinyModels.NORMALIZATION);
    final Supplier<TokenEncoder> encoders =
            () -> TokenEncoder.open(TinyModels.ENCODER, 2, TinyModels.NORMALIZATION);
    final List<String> topicLabels = labels(Task.TOPIC);
    final List<String> sentimentLabels = labels(Task.SENTIMENT);

    List<String> labelsOf(Task task) {
        return task == Task.TOPIC ? topicLabels : sentimentLabels;
    }

    /** A settled parent ({@link TinyModels#trainSettledInto}) on {@value #PARENT_EXAMPLES} texts a task. */
    String trainParent(Path root) {
        return TinyModels.trainSettledInto(root, PARENT_EXAMPLES);
    }

    /** {@code perTask} of the texts the parent was trained on (a part of TrainingRun's sample), as replay. */
    List<LabeledExample> parentTrainingSample(int perTask) throws IOException {
        List<LabeledExample> sample = new ArrayList<>(LabeledSets.encode(DATA.sentimentTrain(), Task.SENTIMENT,
                sentimentLabels, cache, encoders, PARENT_EXAMPLES, TRAIN_SAMPLE_SEED).subList(0, perTask));
        sample.addAll(LabeledSets.encode(DATA.topicTrain(), Task.TOPIC, topicLabels, cache, encoders,
                PARENT_EXAMPLES, TRAIN_SAMPLE_SEED + 1).subList(0, perTask));
        return sample;
    }

    /** The sets without their crypto texts (of the valid split), whose topic a Crypto class rightly takes over. */
    List<RegressionSet> withoutCrypto(List<RegressionSet> sets) throws IOException {
        List<RegressionSet> out = new ArrayList<>();
        for (RegressionSet set : sets) {
            Path csv = set.task() == Task.TOPIC ? DATA.topicValid() : DATA.sentimentValid();
            List<LabeledText> rows = LabeledCsv.read(csv, labelsOf(set.task()));
            out.add(new RegressionSet(set.name(), set.task(), set.examples().stream()
                    .filter(example -> !CryptoTexts.matches(rows.get(row(example)).text())).toList()));
        }
        return out;
    }

    private static int row(LabeledExample example) {
        return Integer.parseInt(example.id().substring(example.id().lastIndexOf(':') + 1));
    }

    /** The valid samples TinyModels reports on, as regression sets {@code sentiment.valid} and {@code topic.valid}. */
    List<RegressionSet> validSets() throws IOException {
        return List.of(LabeledSets.regressionSet("sentiment.valid", DATA.sentimentValid(), Task.SENTIMENT, sentimentLabels,
                        cache, encoders, TinyModels.EXAMPLES_PER_TASK, SENTIMENT_VALID_SEED),
                LabeledSets.regressionSet("topic.valid", DATA.topicValid(), Task.TOPIC, topicLabels, cache, encoders,
                        TinyModels.EXAMPLES_PER_TASK, TOPIC_VALID_SEED));
    }

    /** A stratified replay sample of both train splits. */
    List<LabeledExample> replay(int perClass) throws IOException {
        List<LabeledExample> replay = new ArrayList<>(LabeledSets.replay(DATA.sentimentTrain(), Task.SENTIMENT,
                sentimentLabels, cache, encoders, perClass, 1L));
        replay.addAll(LabeledSets.replay(DATA.topicTrain(), Task.TOPIC, topicLabels, cache, encoders, perClass, 2L));
        return replay;
    }

    /**
     * Up to {@code count} rows of {@code csv} whose text passes {@code filter}, in a seeded order after
     * skipping {@code skip}, with their text rewritten by {@code rewrite} and labelled {@code label}
     * (null: the row's own label name); ids are {@code <prefix>:<row>}.
     */
    List<LabeledExample> examples(Path csv, Task task, Predicate<String> filter, UnaryOperator<String> rewrite,
            String label, String prefix, int skip, int count, long seed) throws IOException {
        List<LabeledText> rows = LabeledCsv.read(csv, labelsOf(task));
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (filter.test(rows.get(i).text())) {
                order.add(i);
            }
        }
        Collections.shuffle(order, new Random(seed));
        List<Integer> picked = order.subList(Math.min(skip, order.size()), Math.min(skip + count, order.size()));
        List<String> texts = picked.stream().map(i -> rewrite.apply(rows.get(i).text())).toList();
        List<EncodedText> encoded = cache.encodeAll(texts, encoders, false);
        List<LabeledExample> out = new ArrayList<>();
        for (int i = 0; i < picked.size(); i++) {
            LabeledText row = rows.get(picked.get(i));
            out.add(new LabeledExample(prefix + ":" + picked.get(i), task,
                    label != null ? label : labelsOf(task).get(row.label()), encoded.get(i)));
        }
        return out;
    }

    /** A new store at {@code root} holding a copy of {@code version} from {@code parentRoot}, promoted. */
    static ModelStore storeWith(Path parentRoot, String version, Path root) {
        Path from = parentRoot.resolve("versions").resolve(version);
        Path to = root.resolve("versions").resolve(version);
        try (Stream<Path> files = Files.list(from)) {
            Files.createDirectories(to);
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ModelStore store = ModelStore.open(root.toString());
        store.promote(version);
        return store;
    }

    private static List<String> labels(Task task) {
        try {
            return LabeledCsv.readLabelMap(DATA.labels(task));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
