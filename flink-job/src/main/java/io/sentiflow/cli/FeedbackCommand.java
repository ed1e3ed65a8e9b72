package io.sentiflow.cli;

import io.sentiflow.connect.RecordSender;
import io.sentiflow.deploy.topics.TopicRole;
import io.sentiflow.schema.LabeledText;
import io.sentiflow.schema.Task;
import io.sentiflow.schema.codec.RecordCodec;
import io.sentiflow.schema.codec.WireFormat;
import io.sentiflow.store.Manifest;
import io.sentiflow.store.ModelStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sentiflow feedback --file F.csv --task sentiment|topic}: sends analyst labels to
 * {@code feedback.labels} for the learner job. Labels are checked against the store's promoted
 * version (names or ids of its classes; new topic names are allowed and reported) before anything
 * is sent.
 */
@Command(
        name = "feedback",
        description = {
            "Send analyst labels (a CSV with 'text' and 'label' columns) to the learner as LabeledTexts.",
            "A label is a class name or id of the promoted model; for --task topic a new name proposes a new topic.",
            "Every row is checked first; a bad row is reported with its line number and nothing is sent."
        })
public final class FeedbackCommand implements Callable<Integer> {

    @Spec private CommandSpec spec;
    @Mixin private ConnectionOptions connection;
    @Mixin private StoreOptions store;

    @Option(names = "--file", required = true, paramLabel = "FILE", description = "CSV of text,label rows.")
    private Path file;

    @Option(names = "--task", required = true, paramLabel = "sentiment|topic",
            description = "Which head the labels are for: sentiment or topic.")
    private Task task;

    @Option(names = "--annotator", paramLabel = "NAME", description = "Who gave the labels (kept with each label).")
    private String annotator;

    @Option(names = "--topic", paramLabel = "TOPIC", defaultValue = "feedback.labels",
            description = "Topic to send to (default: ${DEFAULT-VALUE}).")
    private String topic = TopicRole.FEEDBACK_LABELS.defaultName();

    @Option(names = "--format", paramLabel = "avro|json", defaultValue = "avro",
            description = "Wire format: avro (single-object encoding) or json (default: ${DEFAULT-VALUE}).")
    private WireFormat format = WireFormat.AVRO;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        FeedbackFile.Labels labels = FeedbackFile.read(file, task, classes(), annotator, Instant.now());
        out.printf("Read %d %s labels from %s%n", labels.labels().size(), task.name().toLowerCase(), file.getFileName());
        labels.newTopics().forEach((name, count) -> out.printf(
                "  new topic '%s': %d examples (the learner adds it once it has enough)%n", name, count));
        out.flush();
        int step = Math.max(1, labels.labels().size() / 10);
        long sent = new RecordSender<>(connection.connection(), topic, RecordCodec.labeledTexts(), format,
                LabeledText::getId).send(labels.labels(), done -> {
                    if (done % step == 0 || done == labels.labels().size()) {
                        synchronized (out) {
                            out.printf("  sent %d/%d%n", done, labels.labels().size());
                        }
                    }
                });
        out.printf("Sent %d labels to %s%n", sent, topic);
        return CommandLine.ExitCode.OK;
    }

    private List<String> classes() {
        ModelStore models = store.open();
        String promoted = models.promotedVersion().orElseThrow(() -> new IllegalStateException(
                "model store " + store.location() + " has no promoted version to check labels against:"
                        + " train one (sentiflow train)"));
        Manifest manifest = models.manifest(promoted);
        return task == Task.TOPIC ? manifest.topicLabels() : manifest.sentimentLabels();
    }
}
