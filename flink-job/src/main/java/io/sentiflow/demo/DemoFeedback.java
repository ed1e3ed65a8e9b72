package io.sentiflow.demo;

import io.sentiflow.schema.LabeledText;
import io.sentiflow.schema.Task;
import io.sentiflow.training.DataLocations;
import io.sentiflow.training.LabeledCsv;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The labels an analyst sends part-way through the demo: texts of the train splits (never the valid
 * splits the demo streams and the learner's gate measures on) as they would come from a new source
 * the model was not trained on, a syndicated market wire that wraps every post in its own header and
 * disclaimer. The boilerplate pulls every text's encoding the same way, so the shipped model reads
 * that source worse (measured on 400 valid texts of each task: topic 0.85 to 0.60, sentiment 0.84 to
 * 0.74), and labels from it are what lets the learner adapt. Text written in leet was tried first:
 * the frozen encoder's outputs for it carry too little, and 300 labels taught the shipped model
 * nothing measurable. Fixed seed: every run sends the same labels.
 */
final class DemoFeedback {

    static final String ANNOTATOR = "demo-analyst";
    private static final long SEED = 20260106L;

    private DemoFeedback() {}

    /** {@code perTask} labelled texts of each task, as the new source sends them, labels by name. */
    static List<LabeledText> labels(Path dataDir, int perTask, Instant labeledAt) {
        DataLocations data = new DataLocations(dataDir);
        List<LabeledText> labels = new ArrayList<>();
        labels.addAll(read(data, io.sentiflow.training.Task.SENTIMENT, data.sentimentTrain(), perTask, labeledAt));
        labels.addAll(read(data, io.sentiflow.training.Task.TOPIC, data.topicTrain(), perTask, labeledAt));
        return labels;
    }

    /** The demo's new source: the text between the wire's header (with a note number) and its disclaimer. */
    static String newSource(String text) {
        return "MARKETS LIVE | desk note #" + Math.floorMod(text.hashCode(), 997) + " | " + text
                + " | subscribe for alerts, not investment advice, terms apply";
    }

    private static List<LabeledText> read(DataLocations data, io.sentiflow.training.Task task, Path csv, int count,
            Instant labeledAt) {
        try {
            List<String> names = LabeledCsv.readLabelMap(data.labels(task));
            List<io.sentiflow.training.LabeledText> rows = new ArrayList<>(LabeledCsv.read(csv, names));
            Collections.shuffle(rows, new Random(SEED + task.ordinal()));
            List<LabeledText> labels = new ArrayList<>(count);
            for (io.sentiflow.training.LabeledText row : rows.subList(0, Math.min(count, rows.size()))) {
                labels.add(LabeledText.newBuilder()
                        .setId("demo-feedback-" + task.cliName() + "-" + labels.size())
                        .setText(newSource(row.text()))
                        .setTask(task == io.sentiflow.training.Task.TOPIC ? Task.TOPIC : Task.SENTIMENT)
                        .setLabel(names.get(row.label()))
                        .setAnnotator(ANNOTATOR)
                        .setLabeledAt(labeledAt)
                        .build());
            }
            return labels;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the demo's feedback from " + csv, e);
        }
    }
}
