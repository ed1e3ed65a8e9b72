package io.sentiflow.it.reliability;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where reliability tests put their figures: one JSON file per scenario under
 * {@code <integration-tests build dir>/reliability/}, and after every write the report rendered
 * again from all files there ({@link ReliabilityDoc}): into {@code reliability/RELIABILITY.md} in
 * the build dir always, into the repository's {@code docs/RELIABILITY.md} only when
 * {@code -Dsentiflow.reliability.write=true}, so ordinary CI runs leave the working tree clean.
 *
 * <pre>{@code
 * ReliabilityReport.record(ReliabilityFigures.builder("broker-restart", "broker stopped and restarted mid-stream")
 *         .tally(IdTally.of(sentIds, scoredIds)).restarts(restarts).recoveryTime(recovery).build());
 * }</pre>
 *
 * <p>Stateless; test classes running one after another in one JVM may each call it. Two JVMs
 * writing the same build dir at once may render a report missing the other's newest scenario.
 */
public final class ReliabilityReport {

    /** Set to {@code true} to also write {@code docs/RELIABILITY.md} in the source tree. */
    public static final String WRITE_DOCS_PROPERTY = "sentiflow.reliability.write";
    /** Overrides the folder of the JSON files (default {@code <build dir>/reliability}). */
    public static final String DIR_PROPERTY = "sentiflow.reliability.dir";
    static final String REPORT_FILE = "RELIABILITY.md";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReliabilityReport() {}

    /** Writes {@code figures} as {@code <scenario>.json} and renders the report again; returns the JSON file. */
    public static Path record(ReliabilityFigures figures) {
        return record(figures, figuresDir(), Boolean.getBoolean(WRITE_DOCS_PROPERTY));
    }

    /** As {@link #record(ReliabilityFigures)} into {@code dir}; {@code docs/} only when {@code writeDocs}. */
    static Path record(ReliabilityFigures figures, Path dir, boolean writeDocs) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(figures.scenario() + ".json");
            JSON.writeValue(file.toFile(), figures);
            render(dir, writeDocs);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record reliability figures in " + dir, e);
        }
    }

    /** Every scenario recorded in {@code dir}, by scenario id. */
    public static List<ReliabilityFigures> readAll(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<ReliabilityFigures> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).toList()) {
                all.add(JSON.readValue(file.toFile(), ReliabilityFigures.class));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read reliability figures in " + dir, e);
        }
        all.sort(Comparator.comparing(ReliabilityFigures::scenario));
        return all;
    }

    /** Renders the report from {@code dir}'s figures, into {@code docs/} too when asked; returns the files written. */
    static List<Path> render(Path dir, boolean writeDocs) throws IOException {
        List<ReliabilityFigures> scenarios = readAll(dir);
        String report = ReliabilityDoc.render(scenarios);
        List<Path> written = new ArrayList<>();
        written.add(Files.writeString(dir.resolve(REPORT_FILE), report, StandardCharsets.UTF_8));
        if (writeDocs) {
            requireMeasuredOn(Commit.current(), scenarios);
            Path docs = sourceTree().resolve("docs");
            Files.createDirectories(docs);
            written.add(Files.writeString(docs.resolve(REPORT_FILE), report, StandardCharsets.UTF_8));
        }
        return written;
    }

    /**
     * The committed report must name the one commit every figure in it was measured on: figures
     * left from a run on another commit (a build dir not cleaned) or on an unknown one refuse it.
     */
    static void requireMeasuredOn(String commit, List<ReliabilityFigures> scenarios) {
        List<String> stale = scenarios.stream().filter(s -> !s.commit().equals(commit))
                .map(s -> s.scenario() + " (" + s.commit() + ")").toList();
        if (commit.equals(Commit.UNKNOWN) || !stale.isEmpty()) {
            throw new IllegalStateException("docs/" + REPORT_FILE + " is only written from figures measured on the "
                    + "commit tested, here " + commit + "; measured elsewhere: " + stale + ". Run "
                    + ReliabilityDoc.REGENERATE_COMMAND + " in a git checkout.");
        }
    }

    /** {@code -Dsentiflow.reliability.dir}, else {@code reliability/} in the build dir of these test classes. */
    static Path figuresDir() {
        String explicit = System.getProperty(DIR_PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        return buildDir().resolve("reliability");
    }

    /** The folder holding {@code test-classes}: {@code target} or the {@code -Dsentiflow.build.dir} in use. */
    private static Path buildDir() {
        try {
            Path classes = Path.of(ReliabilityReport.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return classes.toAbsolutePath().getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the test classes of " + ReliabilityReport.class, e);
        }
    }

    /**
     * The repository root: two folders above the build dir ({@code integration-tests/target}), which
     * holds wherever Maven was started from ({@code sentiflow.home} does not: it is the folder Maven
     * ran in).
     */
    private static Path sourceTree() {
        return buildDir().getParent().getParent();
    }
}
