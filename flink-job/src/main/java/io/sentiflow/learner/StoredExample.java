package io.sentiflow.learner;

import io.sentiflow.learning.LabeledExample;
import io.sentiflow.training.EncodedText;
import io.sentiflow.training.Task;
import java.util.Objects;

/**
 * A labelled example as the learner keeps it in state: the learning library's
 * {@link LabeledExample} flattened into fields Flink serializes as a POJO (no Kryo), with the
 * encoder output as half floats and the order of arrival.
 *
 * @param id the label event's id, or {@code replay:<task>:<row>} for replayed training data
 * @param label the label name
 * @param tokens real tokens of the text
 * @param halfs the encoder output, {@code tokens x 384} half floats (not copied)
 * @param sequence order of arrival across the learner's state; rounds see examples in this order
 */
public record StoredExample(String id, Task task, String label, int tokens, short[] halfs, long sequence) {

    public StoredExample {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(halfs, "halfs");
    }

    public static StoredExample of(LabeledExample example, long sequence) {
        EncodedText encoded = example.encoded();
        return new StoredExample(example.id(), example.task(), example.label(), encoded.tokens(), encoded.halfs(),
                sequence);
    }

    public LabeledExample toExample() {
        return new LabeledExample(id, task, label, new EncodedText(tokens, halfs));
    }

    /** The class the example belongs to, for the replay buffer's per-class cap. */
    public String classKey() {
        return task + "/" + label;
    }
}
