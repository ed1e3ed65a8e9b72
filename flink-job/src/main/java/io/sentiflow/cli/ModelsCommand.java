package io.sentiflow.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sentiflow.store.ModelStore;
import io.sentiflow.store.VersionSummary;
import java.io.PrintWriter;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sentiflow models list | show V | promote V | rollback}: the versions of the model store and
 * its promoted pointer. Promotion verifies the version first; rollback returns to the previously
 * promoted version.
 */
@Command(name = "models", description = "List, show, promote and roll back model versions.",
        subcommands = {ModelsCommand.List.class, ModelsCommand.Show.class, ModelsCommand.Promote.class,
            ModelsCommand.Rollback.class})
public final class ModelsCommand implements Callable<Integer> {

    @Spec private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }

    @Command(name = "list", description = "List the versions, oldest first; * marks the promoted one.")
    static final class List implements Callable<Integer> {
        @Spec private CommandSpec spec;
        @Mixin private StoreOptions store;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            java.util.List<VersionSummary> versions = store.open().list();
            if (versions.isEmpty()) {
                out.println("No versions in " + store.location());
            }
            out.printf(Locale.ROOT, "  %-32s %-30s %-9s %-5s %9s %9s %9s%n", "version", "created", "status", "enc",
                    "sent.acc", "sent.mF1", "topic.acc");
            for (VersionSummary v : versions) {
                out.printf(Locale.ROOT, "%s %-32s %-30s %-9s %-5s %9s %9s %9s%n", v.promoted() ? "*" : " ",
                        v.version(), v.createdAt(), v.status(), v.encoderKind(), metric(v.metrics(),
                                "sentiment.valid.accuracy"), metric(v.metrics(), "sentiment.valid.macroF1"),
                        metric(v.metrics(), "topic.valid.accuracy"));
            }
            out.flush();
            return CommandLine.ExitCode.OK;
        }

        private static String metric(Map<String, Double> metrics, String key) {
            Double value = metrics.get(key);
            return value == null ? "-" : String.format(Locale.ROOT, "%.4f", value);
        }
    }

    @Command(name = "show", description = "Print a version's manifest and its sha256.")
    static final class Show implements Callable<Integer> {
        @Spec private CommandSpec spec;
        @Mixin private StoreOptions store;
        @Parameters(paramLabel = "V", description = "The version.") private String version;

        @Override
        public Integer call() throws Exception {
            ModelStore models = store.open();
            PrintWriter out = spec.commandLine().getOut();
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(models.manifest(version)));
            out.println("manifest sha256 " + models.manifestSha256(version));
            out.println("uri " + models.versionUri(version));
            out.flush();
            return CommandLine.ExitCode.OK;
        }
    }

    @Command(name = "promote", description = "Verify a version and make it the promoted one.")
    static final class Promote implements Callable<Integer> {
        @Spec private CommandSpec spec;
        @Mixin private StoreOptions store;
        @Parameters(paramLabel = "V", description = "The version.") private String version;

        @Override
        public Integer call() {
            ModelStore models = store.open();
            Optional<String> before = models.promotedVersion();
            models.promote(version);
            spec.commandLine().getOut().printf("promoted %s (was %s)%n", version, before.orElse("none"));
            spec.commandLine().getOut().flush();
            return CommandLine.ExitCode.OK;
        }
    }

    @Command(name = "rollback", description = "Return the promoted pointer to the previously promoted version.")
    static final class Rollback implements Callable<Integer> {
        @Spec private CommandSpec spec;
        @Mixin private StoreOptions store;

        @Override
        public Integer call() {
            ModelStore models = store.open();
            Optional<String> before = models.promotedVersion();
            Optional<String> after = models.rollback();
            if (after.isEmpty()) {
                throw new IllegalStateException("Nothing to roll back to: promoted is "
                        + before.orElse("none") + " and no version was promoted before it");
            }
            spec.commandLine().getOut().printf("promoted %s (was %s)%n", after.get(), before.orElse("none"));
            spec.commandLine().getOut().flush();
            return CommandLine.ExitCode.OK;
        }
    }

}
