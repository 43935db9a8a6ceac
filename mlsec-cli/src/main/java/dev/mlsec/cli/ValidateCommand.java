package dev.mlsec.cli;

import dev.mlsec.analysis.WorkflowCheck;
import dev.mlsec.catalog.CompiledCatalog;
import dev.mlsec.model.InputException;
import dev.mlsec.model.LoadWarning;
import dev.mlsec.model.Workflow;
import dev.mlsec.model.load.WorkflowLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Checks workflow files against the format and the catalog without analyzing them. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Checks workflow files without analyzing them.",
      "Every mistake of every file is printed, one line each: file:line:column: message (hint)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every file is valid", "2:any file has a mistake"})
final class ValidateCommand implements Callable<Integer> {

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "Workflow files.")
  List<Path> files;

  @Mixin CatalogOption catalog;

  @Mixin DebugOption debug;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    CompiledCatalog compiled = catalog.load();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean failed = false;
    // every file is checked, so one run lists every mistake of every file
    for (Path file : files) {
      try {
        Workflow w = WorkflowLoader.load(file);
        WorkflowCheck.check(w, compiled.catalog());
        for (LoadWarning warning : w.warnings())
          err.println("mlsec: warning: " + warning.oneLine());
        out.printf(
            "%s: valid (%d components, %d flows, %d controls)%n",
            w.displayName(), w.components().size(), w.flows().size(), w.controls().size());
      } catch (InputException e) {
        if (debug.debug) e.printStackTrace(err);
        for (String line : e.lines()) err.println("mlsec: " + line);
        failed = true;
      }
    }
    out.flush();
    err.flush();
    return failed ? Main.EXIT_INPUT : 0;
  }
}
