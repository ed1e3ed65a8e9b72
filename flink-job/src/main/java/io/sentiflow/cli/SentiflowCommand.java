package io.sentiflow.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The root of the {@code sentiflow} command line: lists the subcommands and prints its usage when
 * none is given. Each subcommand is its own class that parses flags and delegates.
 *
 * <p>To add a command, add its class to the {@code subcommands} list below (one line).
 */
@Command(
        name = "sentiflow",
        mixinStandardHelpOptions = true,
        versionProvider = SentiflowCommand.ManifestVersion.class,
        description = "Streaming topic and sentiment scoring of financial news on Kafka and Flink.",
        subcommands = {
            CommandLine.HelpCommand.class,
        })
public final class SentiflowCommand implements Callable<Integer> {

    @Spec private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SentiflowCommand()).execute(args));
    }

    /** No subcommand given: show what there is and fail, so scripts notice the missing command. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }

    /** The version written into the jar's manifest, or a marker when running from classes. */
    static final class ManifestVersion implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = SentiflowCommand.class.getPackage().getImplementationVersion();
            return new String[] {"sentiflow " + (version == null ? "development build" : version)};
        }
    }
}
