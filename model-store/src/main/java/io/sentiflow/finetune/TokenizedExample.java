package io.sentiflow.finetune;

import io.sentiflow.training.Task;
import io.sentiflow.training.TaskLabel;

/** A training example for fine-tuning: the text's token ids, the task it is labelled for and the label id. */
public record TokenizedExample(long[] ids, Task task, int label) implements TaskLabel {}
