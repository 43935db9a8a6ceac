package dev.mlsec.model.load;

import dev.mlsec.model.InputException;
import dev.mlsec.model.Position;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Composes YAML text into one SnakeYAML node tree (every node keeps its line and column) under the
 * YAML 1.2 core schema, so {@code yes} stays a string, and within {@link LoadLimits}.
 */
final class YamlDocument {
  private YamlDocument() {}

  static Node compose(String text, Positions positions, LoadLimits limits) {
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(positions.file())
            .setSchema(new CoreSchema())
            .setAllowDuplicateKeys(false)
            .setAllowRecursiveKeys(false)
            .setMaxAliasesForCollections(limits.maxAliases())
            .setCodePointLimit((int) Math.min(Integer.MAX_VALUE, limits.maxFileBytes()))
            .setParseComments(false)
            .setUseMarks(true)
            .build();
    try {
      ParserImpl parser = new ParserImpl(settings, new StreamReader(settings, text));
      Composer composer = new Composer(settings, new LimitedParser(parser, limits, positions));
      Optional<Node> root = composer.getSingleNode();
      if (root.isEmpty()) {
        throw new InputException(
            new Position(positions.file(), 1, 1),
            "the file holds no YAML document",
            "a workflow starts with 'mlsec: 1'");
      }
      return root.get();
    } catch (MarkedYamlEngineException e) {
      Optional<Mark> mark =
          e.getProblemMark().isPresent() ? e.getProblemMark() : e.getContextMark();
      String problem = e.getProblem() == null ? "" : e.getProblem().trim();
      String context = e.getContext() == null ? "" : e.getContext().trim();
      if (problem.startsWith("found duplicate key")) {
        problem = problem.replace("found duplicate key", "duplicate key");
      }
      if (context.startsWith("expected a single document")) {
        throw new InputException(
            positions.of(mark),
            "the file holds more than one YAML document",
            "a workflow file is one document: remove this '---' and what follows, or split the file");
      }
      String hint = "check indentation, colons and quotes here";
      if (problem.startsWith("mapping values are not allowed")) {
        // a plain value with ': ' inside, e.g. 'description: note: x'
        throw new InputException(
            positions.of(mark),
            "invalid YAML: a ': ' inside an unquoted value",
            "put the whole value in quotes, e.g. description: \"note: x\"");
      }
      if (!context.isEmpty()) {
        hint = oneLine(context);
        Position started = positions.of(e.getContextMark());
        if (e.getProblemMark().isPresent()
            && started.line() > 0
            && !started.equals(positions.of(mark))) {
          hint += " that starts at " + started.line() + ":" + started.column();
        }
      }
      throw new InputException(positions.of(mark), "invalid YAML: " + oneLine(problem), hint);
    } catch (ReaderException e) {
      throw new InputException(
          at(text, e.getPosition(), positions.file()),
          "invalid character U+" + String.format("%04X", e.getCodePoint()),
          "a workflow file is plain UTF-8 text");
    } catch (YamlEngineException e) {
      throw new InputException(
          new Position(positions.file(), 1, 1),
          "invalid YAML: " + oneLine(String.valueOf(e.getMessage())),
          "");
    }
  }

  private static String oneLine(String s) {
    return s.replaceAll("\\s+", " ");
  }

  /** Line and column of a code point index, for errors that carry only an index. */
  static Position at(String text, int codePointIndex, String file) {
    int line = 1;
    int column = 1;
    int i = 0;
    int seen = 0;
    while (i < text.length() && seen < codePointIndex) {
      int cp = text.codePointAt(i);
      if (cp == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
      i += Character.charCount(cp);
      seen++;
    }
    return new Position(file, line, column);
  }
}
