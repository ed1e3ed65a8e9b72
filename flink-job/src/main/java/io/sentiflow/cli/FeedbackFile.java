package io.sentiflow.cli;

import io.sentiflow.cli.io.InputException;
import io.sentiflow.schema.LabeledText;
import io.sentiflow.schema.Task;
import io.sentiflow.store.Sha256;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV file of analyst labels for one task: a header naming {@code text} and {@code label}, then
 * one row per label (RFC 4180). A label is a class name (any case) or a class id of the promoted
 * model; for topics, an unknown name proposes a new topic. The whole file is checked before
 * anything is sent, and every bad row is reported with its line number. A label's id is a hash of
 * task, text and label, so sending a file twice sends the same label events.
 */
final class FeedbackFile {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setHeader().setSkipHeaderRecord(true).setIgnoreHeaderCase(true).setIgnoreEmptyLines(true).get();
    private static final int MAX_REPORTED_ERRORS = 20;

    /** The labels of a file and the topic names it proposes (name to count), in file order. */
    record Labels(List<LabeledText> labels, Map<String, Integer> newTopics) {}

    private FeedbackFile() {}

    /**
     * @param classes the promoted model's class names of {@code task} (index = id)
     * @throws InputException naming the line of every bad row (up to 20), the header, or broken quoting
     */
    static Labels read(Path file, Task task, List<String> classes, String annotator, Instant labeledAt) {
        List<LabeledText> labels = new ArrayList<>();
        Map<String, Integer> newTopics = new TreeMap<>();
        Map<String, String> spelling = new HashMap<>(); // a new topic keeps its first spelling
        List<String> errors = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.parse(in, FORMAT)) {
            List<String> header = parser.getHeaderNames();
            if (header.stream().noneMatch("text"::equalsIgnoreCase) || header.stream().noneMatch("label"::equalsIgnoreCase)) {
                throw new InputException(file, 1, "the header must name 'text' and 'label' columns, it names " + header);
            }
            long previousEnd = parser.getCurrentLineNumber();
            for (CSVRecord record : parser) {
                long line = previousEnd + 1;
                previousEnd = parser.getCurrentLineNumber();
                String text = record.isSet("text") ? record.get("text") : "";
                String raw = record.isSet("label") ? record.get("label").strip() : "";
                String label = resolve(raw, task, classes);
                if (text.isBlank()) {
                    errors.add("line " + line + ": empty text");
                } else if (label == null) {
                    errors.add("line " + line + ": label '" + raw + "' is neither a " + task.name().toLowerCase()
                            + " class nor its id; classes: " + classes);
                } else {
                    if (task == Task.TOPIC && classes.stream().noneMatch(label::equals)) {
                        label = spelling.computeIfAbsent(label.toLowerCase(Locale.ROOT), key -> raw);
                        newTopics.merge(label, 1, Integer::sum);
                    }
                    labels.add(new LabeledText(id(task, text, label), text, task, label, annotator, labeledAt));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (IllegalStateException | UncheckedIOException e) {
            throw new InputException(file, "not valid CSV: " + e.getMessage());
        }
        if (!errors.isEmpty()) {
            throw new InputException(file, errors.size() + " bad rows, nothing sent:\n  "
                    + String.join("\n  ", errors.subList(0, Math.min(MAX_REPORTED_ERRORS, errors.size())))
                    + (errors.size() > MAX_REPORTED_ERRORS ? "\n  ..." : ""));
        }
        return new Labels(List.copyOf(labels), newTopics);
    }

    /** The class name for {@code raw}: a name (any case) or an id; for topics any other name is new. */
    static String resolve(String raw, Task task, List<String> classes) {
        if (raw.isEmpty()) {
            return null;
        }
        for (String name : classes) {
            if (name.equalsIgnoreCase(raw)) {
                return name;
            }
        }
        if (raw.matches("\\d{1,9}")) {
            int id = Integer.parseInt(raw);
            return id < classes.size() ? classes.get(id) : null;
        }
        return task == Task.TOPIC ? raw : null;
    }

    private static String id(Task task, String text, String label) {
        String content = task + "\u0000" + text + "\u0000" + label;
        return "fb-" + Sha256.of(content.getBytes(StandardCharsets.UTF_8)).substring(0, 24);
    }
}
