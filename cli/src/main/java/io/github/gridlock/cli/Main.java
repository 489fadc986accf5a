package io.github.gridlock.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code gridlock}: the command line. Picocli parses the arguments: subcommands (scan today; report, agent later),
 * generated help that stays in step with the options, typed and validated option values, and usage errors with
 * exit code 2, in one small, dependency-free jar.
 */
@Command(name = "gridlock", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        subcommands = {ScanCommand.class, CommandLine.HelpCommand.class},
        description = "Gridlock finds concurrency hazards in Java bytecode (deadlock-prone lock orders, unlocked "
                + "shared state, unreleased locks, thread lifecycle misuse, missed completion signals).",
        footer = {"", "Run 'gridlock scan --help' for the scan options. Exit codes: see 'gridlock scan --help'."})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the CLI and returns its exit code (for tests: no System.exit). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        PrintWriter errWriter = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        CommandLine cmd = new CommandLine(new Main(out, errWriter));
        cmd.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cmd.setErr(errWriter);
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            errWriter.println("gridlock: internal error: " + io.github.gridlock.cli.engine.GridlockEngine
                    .messageChain(ex));
            if (System.getenv("GRIDLOCK_DEBUG") != null) {
                ex.printStackTrace(errWriter);
            } else {
                errWriter.println("gridlock: set GRIDLOCK_DEBUG=1 for the stack trace, and please report it.");
            }
            errWriter.flush();
            return ExitCodes.ANALYSIS_ERROR;
        });
        int code = cmd.execute(args);
        errWriter.flush();
        out.flush();
        return code;
    }

    private final transient PrintStream out;
    private final transient PrintWriter err;

    Main(PrintStream out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    PrintStream out() {
        return out;
    }

    PrintWriter err() {
        return err;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: try 'gridlock scan'");
    }

    /** The version line. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"gridlock " + Locations.version() + " (SpotBugs " + Locations.spotbugsVersion()
                    + ", Java " + System.getProperty("java.version") + ")"};
        }
    }
}
