package dev.mlsec.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code mlsec} command. */
@Command(
    name = "mlsec",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Finds the threats a whole machine-learning workflow exposes.",
    subcommands = {ScanCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code (for tests). */
  public static int run(String... args) {
    return new CommandLine(new Main()).execute(args);
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"mlsec " + (v == null ? "dev" : v)};
    }
  }
}
