package dev.mlsec.cli;

import dev.mlsec.analysis.Analysis;
import dev.mlsec.analysis.Analyzer;
import dev.mlsec.discover.interview.Interview;
import dev.mlsec.discover.interview.InterviewAnswers;
import dev.mlsec.model.DisplayText;
import dev.mlsec.model.InputException;
import dev.mlsec.model.Position;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.completer.StringsCompleter;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Asks the open questions of a workflow and writes the answers into the file. */
@Command(
    name = "interview",
    mixinStandardHelpOptions = true,
    description = {
      "Asks the questions the analysis leaves open, the most decisive first, and writes each",
      "answer into FILE as a minimal edit (comments, order and layout stay). Then analyzes",
      "again and shows what changed. Tab completes answers; Ctrl-D stops and keeps the",
      "answers so far, Ctrl-C stops without writing.",
      "",
      "Exit codes: 0 done, 2 bad input or usage."
    })
final class InterviewCommand implements Callable<Integer> {

  @Parameters(paramLabel = "FILE", description = "The workflow file to complete.")
  Path file;

  @Option(
      names = "--answers",
      paramLabel = "YAML",
      description = "Take the answers from YAML (component.attribute: answer) instead of asking.")
  Path answers;

  @Mixin CatalogOption catalog;

  @Mixin DebugOption debug;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    String display = file.toString();
    String text = read(file, "workflow file");
    Analyzer analyzer = new Analyzer(catalog.load());
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    Analysis before = InterviewAnswers.analyze(analyzer, text, display, file, today);
    PrintWriter out = spec.commandLine().getOut();
    List<InterviewAnswers.Answer> given;
    if (answers != null) {
      given = InterviewAnswers.parse(read(answers, "answers file"), answers.toString());
    } else {
      List<Interview.Question> questions = Interview.questions(before);
      if (questions.isEmpty()) {
        out.println(display + ": no open questions");
        out.flush();
        return 0;
      }
      given = ask(questions);
      if (given == null) {
        out.println("interrupted: " + display + " is unchanged");
        out.flush();
        return 0;
      }
    }
    String updated = InterviewAnswers.apply(text, display, given);
    if (!updated.equals(text)) write(file, updated);
    Analysis after = InterviewAnswers.analyze(analyzer, updated, display, file, today);
    out.println(
        display
            + ": "
            + (updated.equals(text) ? "unchanged" : "updated")
            + " ("
            + given.size()
            + " answers)");
    for (String line : Interview.changes(before, after)) out.println("  " + line);
    out.flush();
    return 0;
  }

  /** The dialogue; null when interrupted. */
  private List<InterviewAnswers.Answer> ask(List<Interview.Question> questions) throws IOException {
    List<InterviewAnswers.Answer> given = new ArrayList<>();
    try (Terminal terminal = TerminalBuilder.builder().system(true).dumb(true).build()) {
      PrintWriter tw = terminal.writer();
      int n = 0;
      for (Interview.Question q : questions) {
        n++;
        tw.println();
        tw.println(
            "[" + n + "/" + questions.size() + "] " + q.key() + ": " + DisplayText.clean(q.text()));
        tw.println("  decides: " + String.join(", ", q.decides()));
        for (Interview.Choice c : q.choices()) tw.printf("    %-24s %s%n", c.value(), c.meaning());
        tw.flush();
        LineReader reader =
            LineReaderBuilder.builder()
                .terminal(terminal)
                .completer(
                    new StringsCompleter(
                        q.choices().stream().map(Interview.Choice::value).toList()))
                .build();
        while (true) {
          String line;
          try {
            line = reader.readLine(q.attribute() + "> ");
          } catch (UserInterruptException e) {
            return null;
          } catch (EndOfFileException e) {
            return given;
          }
          Position at = new Position("answer", n, 1);
          try {
            Interview.render(q.spec(), List.of(line), at);
            given.add(new InterviewAnswers.Answer(q.key(), List.of(line), at));
            break;
          } catch (InputException e) {
            tw.println("  " + e.getMessage() + (e.hint().isEmpty() ? "" : " (" + e.hint() + ")"));
            tw.flush();
          }
        }
      }
    }
    return given;
  }

  private static String read(Path p, String what) {
    try {
      return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw InputException.unreadable(p, what, e);
    }
  }

  /** Replaces the file in one step, so an interrupted write never leaves half a file. */
  private static void write(Path file, String text) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(dir, ".mlsec-interview-", ".yaml");
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
