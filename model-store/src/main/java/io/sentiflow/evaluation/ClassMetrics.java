package io.sentiflow.evaluation;

/** Precision, recall, F1 and support of one class. */
public record ClassMetrics(String label, double precision, double recall, double f1, int support) {}
