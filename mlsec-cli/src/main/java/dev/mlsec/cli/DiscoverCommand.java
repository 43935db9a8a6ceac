package dev.mlsec.cli;

import dev.mlsec.discover.Discovery;
import dev.mlsec.model.DisplayText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Drafts a workflow file from the files of a repository, never running any of them. */
@Command(
    name = "discover",
    mixinStandardHelpOptions = true,
    description = {
      "Drafts a workflow file from a repository's pipeline, model, serving, CI, agent and",
      "dependency files, with the file and line of every fact; 'unknown' where they are silent.",
      "Nothing in the repository is executed or imported; symbolic links are never followed.",
      "",
      "Exit codes: 0 a draft was written (warnings about unreadable files go to stderr),",
      "2 bad input or usage."
    })
final class DiscoverCommand implements Callable<Integer> {

  @Parameters(
      paramLabel = "DIR",
      arity = "0..1",
      defaultValue = ".",
      description = "The repository's folder (default: the current folder).")
  Path dir;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write the draft to FILE instead of standard output.")
  Path output;

  @Option(names = "--scan", description = "Also scan the model files found and note the verdicts.")
  boolean scan;

  @Mixin DebugOption debug;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    Discovery.Result r = new Discovery().discover(dir, scan);
    if (output == null) {
      PrintWriter out = spec.commandLine().getOut();
      out.print(r.workflow());
      out.flush();
    } else {
      Files.writeString(output, r.workflow(), StandardCharsets.UTF_8);
    }
    PrintWriter err = spec.commandLine().getErr();
    for (String s : r.summary()) err.println("discover: " + s);
    for (String w : r.warnings()) err.println("  " + DisplayText.clean(w));
    err.flush();
    return 0;
  }
}
