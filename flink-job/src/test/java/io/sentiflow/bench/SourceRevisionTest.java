package io.sentiflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceRevisionTest {

    @TempDir Path tree;

    @Test
    void outsideAWorkTreeTheCommitIsUnknown() {
        assumeTrue(git(tree.getParent(), "--version"), "git is not installed");
        SourceRevision revision = SourceRevision.of(tree, tree.resolve("docs/PERFORMANCE.md"));

        assertThat(revision.commit()).isEqualTo("unknown");
        assertThat(revision.dirty()).isFalse();
    }

    @Test
    void aChangedFileMakesTheTreeDirtyButTheReportBeingRewrittenDoesNot() throws Exception {
        assumeTrue(git(tree, "init", "-q"), "git is not installed");
        Path report = tree.resolve("docs").resolve("PERFORMANCE.md");
        Files.createDirectories(report.getParent());
        Files.writeString(report, "old figures");
        Files.writeString(tree.resolve("Code.java"), "class Code {}");
        assertThat(git(tree, "add", ".")).isTrue();
        assertThat(git(tree, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "first")).isTrue();

        Files.writeString(report, "new figures");
        SourceRevision clean = SourceRevision.of(tree, report);
        Files.writeString(tree.resolve("Code.java"), "class Code { int changed; }");
        SourceRevision dirty = SourceRevision.of(tree, report);

        assertThat(clean.commit()).hasSize(40);
        assertThat(clean.dirty()).isFalse();
        assertThat(dirty.dirty()).isTrue();
        assertThat(dirty).hasToString(clean.commit() + " (dirty: uncommitted changes)");
    }

    private static boolean git(Path dir, String... args) {
        try {
            String[] command = new String[args.length + 3];
            command[0] = "git";
            command[1] = "-C";
            command[2] = dir.toString();
            System.arraycopy(args, 0, command, 3, args.length);
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
