package io.sentiflow.cli;

import io.sentiflow.deploy.broker.BrokerException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The root of the {@code sentiflow} command line: lists the subcommands and prints its usage when
 * none is given. Each subcommand is its own class that parses flags and delegates.
 *
 * <p>To add a command, add its class to the {@code subcommands} list below (one line).
 */
@Command(
        name = "sentiflow",
        // INHERIT: every subcommand gets -h/--help and -V/--version without declaring them.
        scope = CommandLine.ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = SentiflowCommand.ManifestVersion.class,
        description = "Streaming topic and sentiment scoring of financial news on Kafka and Flink.",
        subcommands = {
            CommandLine.HelpCommand.class,
            KafkaCommand.class,
            TrainCommand.class,
            EvalCommand.class,
            ModelsCommand.class,
            BenchCommand.class,
            ProduceCommand.class,
            ConsumeCommand.class,
            SchemasCommand.class,
            ScoreCommand.class,
            AlertsCommand.class,
            DemoCommand.class,
            FeedbackCommand.class,
            LearnCommand.class,
            LearnerJobCommand.class,
        })
public final class SentiflowCommand implements Callable<Integer> {

    @Spec private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line as {@code main} runs it; tests execute it in-process the same way. */
    public static CommandLine commandLine() {
        return new CommandLine(new SentiflowCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(new ErrorReporter());
    }

    /** No subcommand given: show what there is and fail, so scripts notice the missing command. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }

    /** The version of the jar: its manifest's, else the pom.properties Maven puts in every jar. */
    static final class ManifestVersion implements CommandLine.IVersionProvider {
        private static final String POM_PROPERTIES = "/META-INF/maven/io.sentiflow/sentiflow-flink-job/pom.properties";

        @Override
        public String[] getVersion() throws java.io.IOException {
            String version = SentiflowCommand.class.getPackage().getImplementationVersion();
            if (version == null) {
                try (java.io.InputStream in = SentiflowCommand.class.getResourceAsStream(POM_PROPERTIES)) {
                    if (in != null) {
                        java.util.Properties pom = new java.util.Properties();
                        pom.load(in);
                        version = pom.getProperty("version");
                    }
                }
            }
            return new String[] {"sentiflow " + (version == null ? "development build" : version)};
        }
    }

    /**
     * Turns a command's failure into one readable message on stderr and exit code 1. Failures a user
     * can fix (bad input, a broker that will not start, a missing file) print their messages only;
     * anything else prints its stack trace too, because it is a bug to report.
     */
    static final class ErrorReporter implements IExecutionExceptionHandler {

        @Override
        public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
            PrintWriter err = commandLine.getErr();
            err.println(commandLine.getColorScheme().errorText(commandLine.getCommandSpec().qualifiedName() + ": " + messages(e)));
            if (!isUserError(e)) {
                e.printStackTrace(err);
            }
            err.flush();
            return CommandLine.ExitCode.SOFTWARE;
        }

        private static boolean isUserError(Throwable e) {
            return e instanceof IllegalArgumentException
                    || e instanceof IllegalStateException
                    || e instanceof BrokerException
                    || e instanceof org.apache.kafka.common.KafkaException
                    || e instanceof UncheckedIOException
                    || e instanceof java.io.IOException;
        }

        /** The message of the exception and of each distinct cause, so the root cause is not lost. */
        private static String messages(Throwable e) {
            StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
            for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
                if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
                    text.append(": ").append(cause.getMessage());
                }
            }
            return text.toString();
        }
    }
}
