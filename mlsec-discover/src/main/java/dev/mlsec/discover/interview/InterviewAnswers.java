package dev.mlsec.discover.interview;

import dev.mlsec.analysis.Analysis;
import dev.mlsec.analysis.Analyzer;
import dev.mlsec.discover.read.Tree;
import dev.mlsec.discover.read.TreeReader;
import dev.mlsec.model.AttributeSpec;
import dev.mlsec.model.InputException;
import dev.mlsec.model.Position;
import dev.mlsec.model.Workflow;
import dev.mlsec.model.load.WorkflowLoader;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * InterviewAnswers to write into a workflow file, from the terminal or from an answers file:
 *
 * <pre>
 * scoring-api.exposure: public
 * lake.stores: [raw, logs]
 * registry.signed: skip
 * </pre>
 */
public final class InterviewAnswers {
  /** One answer as given, with where it was given (for error messages). */
  public record Answer(String key, List<String> words, Position at) {}

  private InterviewAnswers() {}

  /** Reads an answers file: a map of {@code component.attribute} to an answer. */
  public static List<Answer> parse(String text, String file) {
    Tree t;
    try {
      t = TreeReader.yaml(text);
    } catch (TreeReader.Malformed m) {
      throw new InputException(
          new Position(file, m.line, m.column),
          m.getMessage(),
          "an answers file maps component.attribute to an answer");
    }
    if (!(t instanceof Tree.MapNode m))
      throw new InputException(
          new Position(file, t.line(), t.column()),
          "not a mapping",
          "write component.attribute: answer, one a line");
    List<Answer> out = new ArrayList<>();
    for (Map.Entry<String, Tree> e : m.entries().entrySet()) {
      Tree v = e.getValue();
      List<String> words = new ArrayList<>();
      if (v instanceof Tree.Scalar s) words.add(s.text());
      else if (v instanceof Tree.ListNode l)
        for (Tree i : l.items()) words.add(i.asText().orElse(""));
      else
        throw new InputException(
            new Position(file, v.line(), v.column()),
            "the answer to " + e.getKey() + " is a mapping",
            "write a word, true/false, or a list of words");
      out.add(new Answer(e.getKey(), words, new Position(file, m.keyLine(e.getKey()), 1)));
    }
    return out;
  }

  /**
   * The workflow text with every answer written in (skipped answers leave it alone). Each answer is
   * checked against the workflow before anything is written, so a wrong one changes nothing.
   */
  public static String apply(String text, String displayName, List<Answer> answers) {
    Workflow w = WorkflowLoader.parse(text, displayName, null);
    Map<String, String> rendered = new LinkedHashMap<>();
    for (Answer a : answers) {
      AttributeSpec spec = Interview.spec(w, a.key(), a.at());
      String yaml = Interview.render(spec, a.words(), a.at());
      if (yaml != null) rendered.put(a.key(), yaml);
    }
    String out = text;
    for (Map.Entry<String, String> r : rendered.entrySet()) {
      String key = r.getKey();
      int dot = key.indexOf('.');
      out =
          AnswerEditor.apply(
              out, displayName, key.substring(0, dot), key.substring(dot + 1), r.getValue());
    }
    // an edit that the loader refuses would be a bug here: say so before anything is saved
    WorkflowLoader.parse(out, displayName, null);
    return out;
  }

  /** Analyzes a workflow text as if it were the file at {@code source}. */
  public static Analysis analyze(
      Analyzer analyzer, String text, String displayName, Path source, LocalDate today) {
    return analyzer.analyze(WorkflowLoader.parse(text, displayName, source), today);
  }
}
