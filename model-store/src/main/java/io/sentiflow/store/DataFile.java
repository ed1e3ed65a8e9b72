package io.sentiflow.store;

/** A training data file a version learnt from: task, file name, content sha256 and record count. */
public record DataFile(String task, String name, String sha256, int count) {}
