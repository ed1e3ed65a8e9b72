package io.sentiflow.learning;

import io.sentiflow.training.Task;
import java.util.List;

/**
 * A frozen set a candidate must not get worse on, for example a sample of a task's valid split;
 * every example belongs to {@code task}. The name keys the gate's figures ({@code gate.regression.<name>.*}).
 */
public record RegressionSet(String name, Task task, List<LabeledExample> examples) {

    public RegressionSet {
        if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("Regression set name '" + name + "' must be letters, digits, . _ -");
        }
        examples = List.copyOf(examples);
        for (LabeledExample example : examples) {
            if (example.task() != task) {
                throw new IllegalArgumentException("Regression set " + name + " of task " + task + " holds "
                        + example.id() + " of task " + example.task());
            }
        }
    }
}
