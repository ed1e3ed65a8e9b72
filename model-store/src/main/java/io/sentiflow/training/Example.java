package io.sentiflow.training;

/** A training example: its encoder outputs, the task it is labelled for and the label id. */
public record Example(EncodedText encoded, Task task, int label) implements TaskLabel {}
