package dev.mlsec.cli;

import dev.mlsec.analysis.WorkflowCheck;
import dev.mlsec.catalog.CompiledCatalog;
import dev.mlsec.model.Workflow;
import dev.mlsec.model.load.WorkflowLoader;
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
    description = "Checks workflow files without analyzing them.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every file is valid",
      "2:an error, printed as file:line:column: message (hint)"
    })
final class ValidateCommand implements Callable<Integer> {

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "Workflow files.")
  List<Path> files;

  @Mixin CatalogOption catalog;

  @Mixin DebugOption debug;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    CompiledCatalog compiled = catalog.load();
    for (Path file : files) {
      Workflow w = WorkflowLoader.load(file);
      WorkflowCheck.check(w, compiled.catalog());
      spec.commandLine()
          .getOut()
          .printf(
              "%s: valid (%d components, %d flows, %d controls)%n",
              w.displayName(), w.components().size(), w.flows().size(), w.controls().size());
    }
    spec.commandLine().getOut().flush();
    return 0;
  }
}
