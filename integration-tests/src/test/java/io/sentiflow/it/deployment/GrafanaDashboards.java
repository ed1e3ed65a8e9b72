package io.sentiflow.it.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Grafana dashboards of {@code deploy/grafana}, read for tests: each panel's Prometheus queries
 * and the metric names they use. Immutable; safe to share.
 *
 * @param dir the dashboards' folder
 */
public record GrafanaDashboards(Path dir) {

    /** A metric name as Flink's Prometheus reporter writes them: everything it reports starts so. */
    private static final Pattern METRIC = Pattern.compile("\\bflink_[A-Za-z0-9_]+");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One query of one panel. */
    public record Query(String dashboard, String panel, String expr) {}

    /** The dashboards of the repository this build runs in. */
    public static GrafanaDashboards locate() {
        return new GrafanaDashboards(DeploymentFiles.locate().root().resolve("deploy/grafana"));
    }

    public List<Path> files() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    public static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + file, e);
        }
    }

    /** Every query of every panel (rows' nested panels included) and of every query variable. */
    public List<Query> queries() {
        List<Query> queries = new ArrayList<>();
        for (Path file : files()) {
            JsonNode dashboard = read(file);
            for (JsonNode panel : panels(dashboard)) {
                for (JsonNode target : panel.path("targets")) {
                    if (target.hasNonNull("expr")) {
                        queries.add(new Query(dashboard.path("title").asText(), panel.path("title").asText(),
                                target.get("expr").asText()));
                    }
                }
            }
            // A variable's query is either a string or, in newer dashboards, an object holding one.
            for (JsonNode variable : dashboard.path("templating").path("list")) {
                if ("query".equals(variable.path("type").asText())) {
                    JsonNode query = variable.path("query");
                    queries.add(new Query(dashboard.path("title").asText(), "$" + variable.path("name").asText(),
                            query.isObject() ? query.path("query").asText() : query.asText()));
                }
            }
        }
        return queries;
    }

    /** The panels of a dashboard, with those folded into rows. */
    public static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        }
        return panels;
    }

    /** The metric names {@code expr} queries. */
    public static Set<String> metrics(String expr) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = METRIC.matcher(expr);
        while (matcher.find()) {
            names.add(matcher.group());
        }
        return names;
    }

    /** Every metric name any panel queries. */
    public Set<String> queriedMetrics() {
        Set<String> names = new TreeSet<>();
        queries().forEach(query -> names.addAll(metrics(query.expr())));
        return names;
    }
}
