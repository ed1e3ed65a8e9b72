package io.sentiflow.learning;

import io.sentiflow.training.EncodedText;
import io.sentiflow.training.Task;
import java.util.Objects;

/**
 * One labelled example the learner holds: a stable id ({@code LabeledText.id} of the feedback
 * record, or {@code replay:<task>:<row>} for replayed training data), its task, the label as a
 * NAME (not an id, so it survives label maps that grow) and the encoder's output for the text.
 *
 * <p>The id decides whether a feedback example is held out for the gate, so it must not change
 * between rounds or restarts.
 */
public record LabeledExample(String id, Task task, String label, EncodedText encoded) {

    public LabeledExample {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(encoded, "encoded");
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("Example " + id + " has no label");
        }
        label = label.strip();
    }
}
