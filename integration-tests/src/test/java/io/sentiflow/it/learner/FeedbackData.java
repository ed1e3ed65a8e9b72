package io.sentiflow.it.learner;

import io.sentiflow.model.ScoringModel;
import io.sentiflow.model.TextPrediction;
import io.sentiflow.store.ModelRejectedException;
import io.sentiflow.store.ModelStore;
import io.sentiflow.testing.CryptoTexts;
import io.sentiflow.testing.TinyModels;
import io.sentiflow.training.DataLocations;
import io.sentiflow.training.LabeledCsv;
import io.sentiflow.training.LabeledText;
import io.sentiflow.training.Task;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The learner tests' feedback: rows of the shared tweet data rewritten into "leet" style
 * (a becomes 4, e 3, o 0, i 1), a domain the tokenizer splits differently and the parent model,
 * trained on plain headlines, scores worse. Rows come in a seeded order, so tests can take disjoint
 * slices for feedback and for a held-out check.
 */
final class FeedbackData {

    static final DataLocations DATA = DataLocations.fromSystemProperties();
    static final int PARENT_EXAMPLES = 300;

    /** One labelled text of a task. */
    record Row(Task task, String text, String label) {}

    private FeedbackData() {}

    static String leet(String text) {
        return text.replace('a', '4').replace('e', '3').replace('o', '0').replace('i', '1');
    }

    /** Rows {@code from} (inclusive) to {@code to} of a task's {@code csv} in a seeded order, leet-rewritten. */
    static List<Row> leet(Task task, Path csv, int from, int to) {
        try {
            List<String> names = LabeledCsv.readLabelMap(DATA.labels(task));
            List<LabeledText> rows = new ArrayList<>(LabeledCsv.read(csv, names));
            Collections.shuffle(rows, new Random(31));
            return rows.subList(from, to).stream()
                    .map(r -> new Row(task, leet(r.text()), names.get(r.label())))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A settled parent ({@link TinyModels#trainSettledInto}) of {@value #PARENT_EXAMPLES} texts a task, promoted. */
    static String trainParent(Path root) {
        return trainParent(root, PARENT_EXAMPLES);
    }

    /** {@link #trainParent(Path)} on {@code examples} texts a task. */
    static String trainParent(Path root, int examples) {
        String version = TinyModels.trainSettledInto(root, examples);
        TinyModels.promote(root, version);
        return version;
    }

    /** Crypto texts of the topic {@code csv} (they are spread over several topics there), in a seeded order. */
    static List<String> cryptoTexts(Path csv) {
        try {
            List<LabeledText> rows = new ArrayList<>(LabeledCsv.read(csv, LabeledCsv.readLabelMap(DATA.topicLabels())));
            Collections.shuffle(rows, new Random(17));
            return rows.stream().map(LabeledText::text).filter(CryptoTexts::matches).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The topic valid split without its crypto texts, whose topic a new Crypto class rightly takes over. */
    static Path topicValidWithoutCrypto(Path dir) {
        try {
            List<String> names = LabeledCsv.readLabelMap(DATA.topicLabels());
            List<Row> rows = LabeledCsv.read(DATA.topicValid(), names).stream()
                    .filter(row -> !CryptoTexts.matches(row.text()))
                    .map(row -> new Row(Task.TOPIC, row.text(), names.get(row.label())))
                    .toList();
            return writeCsv(dir, "topic-valid-without-crypto.csv", rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same texts with their labels shuffled among them (seeded): feedback that teaches nothing. */
    static List<Row> shuffledLabels(List<Row> rows) {
        List<String> labels = new ArrayList<>(rows.stream().map(Row::label).toList());
        Collections.shuffle(labels, new Random(5));
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            out.add(new Row(rows.get(i).task(), rows.get(i).text(), labels.get(i)));
        }
        return out;
    }

    /** A {@code text,label} CSV of the rows, as {@code sentiflow feedback} reads it. */
    static Path writeCsv(Path dir, String name, List<Row> rows) {
        StringBuilder csv = new StringBuilder("text,label\n");
        for (Row row : rows) {
            csv.append('"').append(row.text().replace("\"", "\"\"")).append("\",").append(row.label()).append('\n');
        }
        try {
            return Files.writeString(dir.resolve(name), csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Accuracy of {@code version} on the rows, each by its task's head, scored as the scoring job does. */
    static double accuracy(ModelStore store, String version, List<Row> rows) throws ModelRejectedException {
        try (ScoringModel model = store.load(version, null, null)) {
            List<TextPrediction> predictions = model.predict(rows.stream().map(Row::text).toList());
            int correct = 0;
            for (int i = 0; i < rows.size(); i++) {
                TextPrediction p = predictions.get(i);
                String predicted = rows.get(i).task() == Task.TOPIC ? model.topicLabels().get(p.topTopic())
                        : model.sentimentLabels().get(p.topSentiment());
                if (predicted.equals(rows.get(i).label())) {
                    correct++;
                }
            }
            return correct / (double) rows.size();
        }
    }

    /** A store at {@code root} holding a copy of {@code version} from {@code parentRoot}, promoted. */
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
}
