package dev.mlsec.cli;

import picocli.CommandLine.Option;

/** {@code --debug} on a subcommand; {@link Main}'s error handler looks for it. */
final class DebugOption {
  @Option(names = "--debug", description = "Show stack traces of errors.")
  boolean debug;
}
