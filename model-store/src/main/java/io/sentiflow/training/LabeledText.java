package io.sentiflow.training;

/** One labelled example: a text and its label id in its task's label map. */
public record LabeledText(String text, int label) {}
