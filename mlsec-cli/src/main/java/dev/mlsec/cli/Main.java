package dev.mlsec.cli;

import dev.mlsec.catalog.CatalogLoader;
import dev.mlsec.catalog.CompiledCatalog;
import dev.mlsec.model.InputException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Entry point of the {@code mlsec} command. */
@Command(
    name = "mlsec",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Finds the threats a whole machine-learning workflow exposes.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success, nothing at or above the failure threshold",
      "1:findings at or above the threshold",
      "2:bad input or usage",
      "3:nothing scannable (scan)"
    },
    subcommands = {
      AnalyzeCommand.class,
      ValidateCommand.class,
      ScanCommand.class,
      CatalogCommand.class,
      DiscoverCommand.class,
      InterviewCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {

  /** Exit code for bad input or usage: one line on stderr, no stack trace. */
  public static final int EXIT_INPUT = 2;

  @Option(names = "--debug", description = "Show stack traces of errors.")
  boolean debug;

  public static void main(String[] args) {
    warmUp(args);
    System.exit(run(args));
  }

  /**
   * For {@code analyze} with the built-in catalog, loads the catalog (its snapshot and CEL's
   * runtime, and what the first evaluation of a condition initialises) on another thread while
   * picocli builds the command line: the two cold starts overlap. A failure is left to the command,
   * which loads the catalog again and reports it.
   */
  static Optional<Thread> warmUp(String... args) {
    String command = null;
    for (String a : args) {
      // a user catalog is loaded with the built-in YAML
      if (a.startsWith("--catalog")) return Optional.empty();
      if (command == null && !a.startsWith("-")) command = a;
    }
    if (!"analyze".equals(command)) return Optional.empty();
    Thread loader =
        new Thread(
            () -> {
              try {
                CatalogLoader.builtInCompiled();
                CompiledCatalog.prepareEvaluation();
              } catch (RuntimeException e) {
                // reported by the command, on the main thread
              }
            },
            "mlsec-catalog");
    loader.setDaemon(true);
    loader.start();
    return Optional.of(loader);
  }

  /** Runs the command line and returns the exit code (for tests). */
  public static int run(String... args) {
    // UTF-8 whatever the locale: JSON, SARIF and HTML are UTF-8 documents, and a C locale would
    // turn every non-ASCII character of a workflow into '?'
    return commandLine(utf8(System.out), utf8(System.err), args).execute(args);
  }

  /**
   * The command line for these arguments: {@code mlsec COMMAND ...} gets a tree of that command
   * alone under {@code mlsec}, as the whole tree would parse it (no other command is reached from
   * there); {@code help}, the top-level options and anything else get the whole tree. Picocli reads
   * every command's annotations when its tree is built (reflection, annotation proxies, its own
   * Java 5 classes): for {@code scan} building the six other commands was most of the process's
   * start, for {@code analyze} about 25-40 ms of CPU on the main thread.
   */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err, String... args) {
    Optional<Class<?>> only = args.length > 0 ? subcommand(args[0]) : Optional.empty();
    if (only.isEmpty()) return commandLine(out, err);
    CommandLine cl = new CommandLine(new One());
    cl.addSubcommand(only.get());
    return configure(cl, out, err);
  }

  /** The command of {@link Main}'s tree named (or aliased) so, except {@code help}. */
  static Optional<Class<?>> subcommand(String name) {
    for (Class<?> c : Main.class.getAnnotation(Command.class).subcommands()) {
      if (c == CommandLine.HelpCommand.class) continue; // it lists the whole tree
      Command command = c.getAnnotation(Command.class);
      if (command.name().equals(name) || Arrays.asList(command.aliases()).contains(name))
        return Optional.of(c);
    }
    return Optional.empty();
  }

  private static PrintWriter utf8(java.io.OutputStream out) {
    return new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
  }

  /** A command line writing to the given streams, with mlsec's error handling. */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cl = configure(new CommandLine(new Main()), out, err);
    cl.getCommandSpec().usageMessage().footer(Choices.valuesFooter(cl));
    return cl;
  }

  private static CommandLine configure(CommandLine cl, PrintWriter out, PrintWriter err) {
    Choices.register(cl);
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler(new ExecutionErrors());
    cl.setParameterExceptionHandler(new UsageErrors());
    return cl;
  }

  // The handlers (and Choices' converter) are classes, not lambdas: a lambda of one of picocli's
  // interfaces, which are Java 5 class files, makes the class-data archive's dump link that
  // interface, and a linked old class is left out of the archive with every class implementing it
  // (the handlers and all of picocli's built-in converters, loaded from the jar on every start).

  /** An error of a running command: one line (a stack trace too with --debug), exit code 2. */
  private static final class ExecutionErrors implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(
        Exception ex, CommandLine line, CommandLine.ParseResult parseResult) {
      PrintWriter e = line.getErr();
      if (debugWanted(parseResult)) ex.printStackTrace(e);
      e.println("mlsec: " + message(ex));
      e.flush();
      return EXIT_INPUT;
    }
  }

  /** A usage error: the message and where to find help, exit code 2. */
  private static final class UsageErrors implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
      PrintWriter e = ex.getCommandLine().getErr();
      e.println("mlsec: " + ex.getMessage());
      e.println(
          "Try '"
              + ex.getCommandLine().getCommandSpec().qualifiedName()
              + " --help' for more information.");
      e.flush();
      return EXIT_INPUT;
    }
  }

  /** {@code --debug} given to the command or to any of its subcommands. */
  private static boolean debugWanted(CommandLine.ParseResult parseResult) {
    for (CommandLine.ParseResult p = parseResult; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--debug")) return true;
    }
    return false;
  }

  /** The one line a user sees for an error. */
  static String message(Throwable ex) {
    // several mistakes of one file: one line each, every line prefixed like the first
    if (ex instanceof InputException ie)
      return String.join(System.lineSeparator() + "mlsec: ", ie.lines());
    if (ex instanceof UncheckedIOException u) ex = u.getCause();
    if (ex instanceof NoSuchFileException n) return n.getFile() + ": no such file";
    if (ex instanceof java.io.IOException io)
      return "cannot read: " + io.getMessage() + " (check the path and its permissions)";
    if (ex instanceof OutOfMemoryError)
      return "out of memory (raise the heap with MLSEC_JAVA_OPTS=-Xmx2g)";
    return "internal error: "
        + ex
        + " (please report it; run again with --debug for the stack trace)";
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  /** The version from the jar's manifest, or {@code dev} when run from classes. */
  static String version() {
    String v = Main.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  /**
   * The top of {@code mlsec COMMAND ...}: named and versioned as {@link Main}, one command below.
   */
  @Command(name = "mlsec", mixinStandardHelpOptions = true, versionProvider = Main.Version.class)
  static final class One implements Runnable {
    @Override
    public void run() {
      // not reached: the arguments start with the command's name
      new CommandLine(new Main()).usage(System.out);
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"mlsec " + version()};
    }
  }
}
