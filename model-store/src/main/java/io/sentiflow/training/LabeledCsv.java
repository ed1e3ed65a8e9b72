package io.sentiflow.training;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads labelled CSV files (RFC 4180: quoted texts may hold commas and newlines) with a header
 * naming {@code text} and {@code label}; a label is a name of the label map or its id. Also reads
 * the {@code id,name} label map files of the data sets.
 */
public final class LabeledCsv {

    private LabeledCsv() {}

    /**
     * Reads {@code file}, resolving labels against {@code labels} (index = id).
     *
     * @throws IllegalArgumentException naming every label the map does not know, or a missing column
     */
    public static List<LabeledText> read(Path file, List<String> labels) throws IOException {
        List<LabeledText> out = new ArrayList<>();
        TreeSet<String> unknown = new TreeSet<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = format().parse(reader)) {
            requireColumns(file, parser.getHeaderMap(), "text", "label");
            for (CSVRecord record : parser) {
                String label = record.get("label").strip();
                int id = resolve(label, labels);
                if (id < 0) {
                    unknown.add(label);
                } else {
                    out.add(new LabeledText(record.get("text"), id));
                }
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(file + " has labels that are neither names nor ids of "
                    + labels + ": " + unknown);
        }
        return out;
    }

    /** The {@code text} column of {@code file}, in order; labels are not read. */
    public static List<String> readTexts(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = format().parse(reader)) {
            requireColumns(file, parser.getHeaderMap(), "text");
            for (CSVRecord record : parser) {
                out.add(record.get("text"));
            }
        }
        return out;
    }

    /** Reads an {@code id,name} file into names by id; ids must be 0..n-1. */
    public static List<String> readLabelMap(Path file) throws IOException {
        List<String> names = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = format().parse(reader)) {
            requireColumns(file, parser.getHeaderMap(), "id", "name");
            for (CSVRecord record : parser) {
                int id = Integer.parseInt(record.get("id").strip());
                if (id != names.size()) {
                    throw new IllegalArgumentException(file + ": ids must run 0..n-1 in order, found " + id);
                }
                names.add(record.get("name").strip());
            }
        }
        return List.copyOf(names);
    }

    private static int resolve(String label, List<String> labels) {
        int byName = labels.indexOf(label);
        if (byName >= 0) {
            return byName;
        }
        for (int i = 0; i < labels.size(); i++) {
            if (labels.get(i).equalsIgnoreCase(label)) {
                return i;
            }
        }
        if (label.matches("\\d{1,9}")) {
            int id = Integer.parseInt(label);
            return id < labels.size() ? id : -1;
        }
        return -1;
    }

    private static CSVFormat format() {
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
    }

    private static void requireColumns(Path file, Map<String, Integer> header, String... columns) {
        for (String column : columns) {
            if (header == null || !header.containsKey(column)) {
                throw new IllegalArgumentException(file + " has no '" + column + "' column (header: "
                        + (header == null ? "none" : header.keySet()) + ")");
            }
        }
    }
}
