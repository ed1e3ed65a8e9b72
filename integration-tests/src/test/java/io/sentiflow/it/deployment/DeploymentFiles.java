package io.sentiflow.it.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The deployment files of the repository (deploy/k8s and deploy/docker), read for tests. Every
 * YAML file may hold several documents; empty documents (comment-only files) are left out.
 * Immutable after construction; safe to share.
 *
 * @param root the repository root
 */
record DeploymentFiles(Path root) {

    private static final YAMLMapper YAML = new YAMLMapper();

    /** Finds the repository root by walking up from the working directory. */
    static DeploymentFiles locate() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("deploy/k8s"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no deploy/k8s above " + Path.of("").toAbsolutePath());
        }
        return new DeploymentFiles(dir);
    }

    Path k8s() {
        return root.resolve("deploy/k8s");
    }

    List<Path> yamlFiles() {
        try (Stream<Path> files = Files.walk(k8s())) {
            return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every non-empty document of {@code file}; fails on a YAML syntax error. */
    static List<JsonNode> documents(Path file) {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (it.hasNextValue()) {
                JsonNode document = it.nextValue();
                if (document != null && !document.isMissingNode() && !document.isNull()) {
                    documents.add(document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + file, e);
        }
        return documents;
    }

    /** Every document of every YAML file under deploy/k8s. */
    List<JsonNode> allDocuments() {
        return yamlFiles().stream().flatMap(f -> documents(f).stream()).toList();
    }

    List<JsonNode> ofKind(String kind) {
        return allDocuments().stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    String read(String relativePath) {
        try {
            return Files.readString(root.resolve(relativePath));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
