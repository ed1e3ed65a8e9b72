package io.sentiflow.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sentiflow.schema.codec.PublishedSchema;
import io.sentiflow.schema.codec.SchemaCatalog;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sentiflow schemas}: publishes the Avro schemas of Sentiflow's topics for consumers without
 * Sentiflow's classes. Lists every schema with its fingerprint; prints the current schema of the
 * records named; with {@code --dir} writes the {@code .avsc} files and {@value #INDEX}, which maps
 * each file to the fingerprint its single-object payloads carry. Needs no broker.
 */
@Command(
        name = "schemas",
        description = {
            "List, print or write the Avro schemas of Sentiflow's topics and their fingerprints, so programs in any"
                    + " language can decode Avro single-object records (C3 01, the 8-byte fingerprint, the record).",
            "Without arguments: one line per schema. With RECORD names: their current schemas. With --dir: the .avsc"
                    + " files of every version a reader may meet, and " + SchemasCommand.INDEX + "."
        })
public final class SchemasCommand implements Callable<Integer> {

    static final String INDEX = "fingerprints.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec private CommandSpec spec;

    @Parameters(paramLabel = "RECORD", arity = "0..*",
            description = "Records to print (or, with --dir, to write): TextEvent, ScoredText, SentimentAlert, ModelUpdate,"
                    + " LabeledText, LearnerCommand; any case, or the full name.")
    private List<String> records = List.of();

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Write the .avsc files (current as Name.avsc, older as Name-vN.avsc) and " + INDEX + " here.")
    private Path dir;

    @Override
    public Integer call() throws IOException {
        List<PublishedSchema> schemas = selected();
        PrintWriter out = spec.commandLine().getOut();
        if (dir != null) {
            write(schemas);
            out.printf("Wrote %d schemas and %s to %s%n", schemas.size(), INDEX, dir);
        } else if (!records.isEmpty()) {
            schemas.stream().filter(PublishedSchema::isCurrent).forEach(schema -> out.println(schema.schema().toString(true)));
        } else {
            out.printf("%-36s %-8s %-18s %s%n", "record", "version", "fingerprint", "first bytes of its Avro records");
            schemas.forEach(schema -> out.printf("%-36s %-8s %-18s %s%n", schema.recordName(), schema.version(),
                    schema.fingerprintHex(), schema.header()));
        }
        out.flush();
        return CommandLine.ExitCode.OK;
    }

    private List<PublishedSchema> selected() {
        List<PublishedSchema> all = SchemaCatalog.all();
        for (String record : records) {
            if (all.stream().noneMatch(schema -> matches(schema, record))) {
                throw new IllegalArgumentException("no record named '" + record + "'; known: "
                        + all.stream().filter(PublishedSchema::isCurrent).map(s -> s.schema().getName()).toList());
            }
        }
        return records.isEmpty() ? all
                : all.stream().filter(schema -> records.stream().anyMatch(record -> matches(schema, record))).toList();
    }

    private static boolean matches(PublishedSchema schema, String record) {
        String name = record.toLowerCase(Locale.ROOT);
        return schema.schema().getName().toLowerCase(Locale.ROOT).equals(name)
                || schema.recordName().toLowerCase(Locale.ROOT).equals(name);
    }

    private void write(List<PublishedSchema> schemas) throws IOException {
        Files.createDirectories(dir);
        List<Map<String, String>> index = schemas.stream().map(schema -> {
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("record", schema.recordName());
            entry.put("version", schema.version());
            entry.put("file", schema.fileName());
            entry.put("fingerprint", schema.fingerprintHex());
            entry.put("header", schema.header());
            return entry;
        }).toList();
        for (PublishedSchema schema : schemas) {
            Files.writeString(dir.resolve(schema.fileName()), schema.schema().toString(true) + System.lineSeparator());
        }
        Files.writeString(dir.resolve(INDEX), JSON.writeValueAsString(index) + System.lineSeparator());
    }
}
