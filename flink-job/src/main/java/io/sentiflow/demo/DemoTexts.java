package io.sentiflow.demo;

import io.sentiflow.training.DataLocations;
import io.sentiflow.training.LabeledCsv;
import io.sentiflow.training.LabeledText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The background stream of the demo: the tweets of the sentiment and topic valid sets, read in
 * place and shuffled with a fixed seed. The files are sorted by label, so replaying them in file
 * order would look like one long bearish episode followed by a bullish one.
 */
public final class DemoTexts {

    private static final long SHUFFLE_SEED = 20260105L;

    private DemoTexts() {}

    /** One text to replay, with an id that says where it comes from ({@code sent_valid-17}). */
    public record Text(String id, String text) {}

    /** The files the demo replays, for messages. */
    public static List<Path> files(Path dataDir) {
        DataLocations data = new DataLocations(dataDir);
        return List.of(data.sentimentValid(), data.topicValid());
    }

    /** Every text of both valid sets, in a seeded random order. */
    public static List<Text> load(Path dataDir) {
        DataLocations data = new DataLocations(dataDir);
        List<Text> texts = new ArrayList<>();
        read(data.sentimentValid(), data.sentimentLabels(), "sent_valid", texts);
        read(data.topicValid(), data.topicLabels(), "topic_valid", texts);
        Collections.shuffle(texts, new Random(SHUFFLE_SEED));
        return List.copyOf(texts);
    }

    private static void read(Path file, Path labels, String name, List<Text> into) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("the demo replays " + file + ", which does not exist;"
                    + " point --data-dir (or -Dsentiflow.data.dir) at the shared data folder");
        }
        try {
            List<LabeledText> rows = LabeledCsv.read(file, LabeledCsv.readLabelMap(labels));
            for (int i = 0; i < rows.size(); i++) {
                into.add(new Text(name + "-" + (i + 1), rows.get(i).text()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
