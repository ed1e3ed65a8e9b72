package io.sentiflow.training;

/** The label of one training example: which head it is for and the label id in that head. */
public interface TaskLabel {
    Task task();

    int label();
}
