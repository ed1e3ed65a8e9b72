package io.sentiflow.it.reliability;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Renders {@code docs/RELIABILITY.md} from the scenarios' recorded figures: a summary, one table per
 * scenario, the commits measured on and the command that regenerates it. The text comes only from
 * the figures, so the document never says more than the tests measured. {@link ReliabilityReport}
 * calls it after every scenario it records. Stateless.
 */
public final class ReliabilityDoc {

    /** Runs the whole build as CI does, from a clean build dir, so every scenario records its figures in one run. */
    public static final String REGENERATE_COMMAND = "mvn -B -ntp clean verify -Dsentiflow.reliability.write=true";

    private ReliabilityDoc() {}

    public static String render(List<ReliabilityFigures> scenarios) {
        StringBuilder doc = new StringBuilder();
        doc.append("# Reliability figures\n\n")
                .append("Generated from the figures the integration tests record (`io.sentiflow.it.reliability`); ")
                .append("do not edit by hand. Each scenario ran against a real Kafka broker, a real Flink MiniCluster ")
                .append("and a real model version; output was read with `isolation.level=read_committed`.\n\n")
                .append("Recovery time runs from the fault itself (a process killed, the broker stopped, a model ")
                .append("broken, a job stopped) to the first record a `read_committed` reader saw committed after it: ")
                .append("one past each partition's last stable offset read at the fault (for a restarted job, once it ")
                .append("ran again; for the broker, once it answered again), so a record committed before the fault ")
                .append("never counts. Each scenario asserts its recovery time against the bound shown with it, and ")
                .append("every other figure here is counted by the test, not written in.\n\n")
                .append("Measured on ").append(commits(scenarios)).append(".\n\n");
        if (scenarios.isEmpty()) {
            doc.append("No scenario has recorded figures yet.\n\n");
        } else {
            summary(doc, scenarios);
            scenarios.forEach(s -> scenario(doc, s));
        }
        doc.append("## How to regenerate\n\n")
                .append("```\n").append(REGENERATE_COMMAND).append("\n```\n\n")
                .append("or, with the other modules installed (`mvn -B -ntp install -DskipTests`), only the tests ")
                .append("that record figures:\n\n```\n").append(narrowCommand(scenarios)).append("\n```\n\n")
                .append("Every test that records figures writes `<scenario>.json` and this report under ")
                .append("`integration-tests/target/reliability/`; only with `-Dsentiflow.reliability.write=true` ")
                .append("does it also replace `docs/RELIABILITY.md`, so ordinary CI runs leave the working tree ")
                .append("clean. The commit is `git rev-parse HEAD` of the tree tested (or `-Dsentiflow.commit`, ")
                .append("`$SENTIFLOW_COMMIT`).\n");
        return doc.toString();
    }

    private static void summary(StringBuilder doc, List<ReliabilityFigures> scenarios) {
        doc.append("| scenario | records sent | records out | duplicates | losses | restarts | recovery time (bound) |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (ReliabilityFigures s : scenarios) {
            doc.append("| [").append(s.scenario()).append("](#").append(s.scenario()).append(") | ")
                    .append(count(s.recordsSent())).append(" | ").append(count(s.recordsOut())).append(" | ")
                    .append(count(s.duplicates())).append(" | ").append(count(s.losses())).append(" | ")
                    .append(count(s.restarts())).append(" | ").append(recovery(s)).append(" |\n");
        }
        doc.append('\n');
    }

    private static void scenario(StringBuilder doc, ReliabilityFigures s) {
        doc.append("## ").append(s.scenario()).append("\n\n").append(s.title()).append("\n\n")
                .append("| figure | value |\n|---|---|\n");
        row(doc, "records sent", count(s.recordsSent()));
        row(doc, "records out", count(s.recordsOut()));
        row(doc, "duplicates", count(s.duplicates()));
        row(doc, "losses", count(s.losses()));
        row(doc, "restarts", count(s.restarts()));
        row(doc, "recovery time (bound)", recovery(s));
        for (Map.Entry<String, String> detail : s.details().entrySet()) {
            row(doc, detail.getKey(), detail.getValue());
        }
        if (!s.testClass().isEmpty()) {
            row(doc, "measured by", "`" + s.testClass() + "`");
        }
        row(doc, "commit", "`" + s.commit() + "`");
        row(doc, "measured at", s.measuredAt());
        doc.append('\n');
    }

    private static String narrowCommand(List<ReliabilityFigures> scenarios) {
        TreeSet<String> tests = new TreeSet<>();
        scenarios.stream().map(ReliabilityFigures::testClass).filter(t -> !t.isEmpty()).forEach(tests::add);
        return "mvn -B -ntp -pl integration-tests clean verify -Dit.test='" + String.join(",", tests) + "' -Dtest=skip"
                + " -Dsurefire.failIfNoSpecifiedTests=false -Dsentiflow.reliability.write=true";
    }

    private static void row(StringBuilder doc, String name, String value) {
        doc.append("| ").append(name).append(" | ").append(value.replace("|", "\\|")).append(" |\n");
    }

    private static String commits(List<ReliabilityFigures> scenarios) {
        TreeSet<String> commits = new TreeSet<>();
        scenarios.forEach(s -> commits.add("`" + s.commit() + "`"));
        return commits.isEmpty() ? "no commit yet" : "commit " + String.join(", ", commits);
    }

    private static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static String recovery(ReliabilityFigures s) {
        if (s.recoveryMillis() == null) {
            return "n/a";
        }
        return seconds(s.recoveryMillis()) + " (" + seconds(s.recoveryBoundMillis()) + ")";
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
