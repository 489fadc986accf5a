package io.github.gridlock.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code gridlock}: the command line. Picocli parses the arguments: subcommands (scan today; report, agent later),
 * generated help that stays in step with the options, typed and validated option values, and usage errors with
 * exit code 2, in one small, dependency-free jar.
 */
@Command(name = "gridlock", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        subcommands = {ScanCommand.class, CommandLine.HelpCommand.class},
        description = {"Gridlock finds concurrency hazards in Java bytecode: the bug codes below, by family, are what "
                + "this build reports."},
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
        addCodesSection(cmd);
        addCodesSection(cmd.getSubcommands().get("scan"));
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
        int code;
        try {
            code = cmd.execute(args);
        } catch (OutOfMemoryError e) {
            // Outside the engine (which says this itself): loading the plugin, writing the report.
            errWriter.println("gridlock: analysis error: " + io.github.gridlock.cli.engine.GridlockEngine
                    .needsMoreMemory());
            code = ExitCodes.ANALYSIS_ERROR;
        }
        errWriter.flush();
        out.flush();
        return code;
    }

    private static final String CODES_SECTION = "gridlockCodes";

    /**
     * The bug codes this build reports (and those coming), before the exit codes or the footer: rendered only
     * when help is shown, from the plugin that a scan would load.
     */
    private static void addCodesSection(CommandLine command) {
        // On this command's own usage spec: CommandLine.setHelpSectionKeys would pass it on to subcommands too.
        CommandLine.Model.UsageMessageSpec usage = command.getCommandSpec().usageMessage();
        usage.sectionMap().put(CODES_SECTION, help -> {
            Object user = help.commandSpec().userObject();
            List<java.nio.file.Path> plugins = user instanceof ScanCommand && !((ScanCommand) user).plugins.isEmpty()
                    ? ((ScanCommand) user).plugins : Locations.defaultPlugins();
            return System.lineSeparator() + CodesHelp.render(plugins);
        });
        List<String> keys = new ArrayList<>(usage.sectionKeys());
        int at = keys.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST_HEADING);
        keys.add(at >= 0 ? at : keys.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER_HEADING),
                CODES_SECTION);
        usage.sectionKeys(keys);
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
