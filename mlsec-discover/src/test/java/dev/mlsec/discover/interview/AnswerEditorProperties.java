package dev.mlsec.discover.interview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlsec.model.AttributeSpec;
import dev.mlsec.model.Component;
import dev.mlsec.model.Position;
import dev.mlsec.model.Workflow;
import dev.mlsec.model.load.WorkflowLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * On every example and golden draft, any valid answer to any attribute of any component changes
 * that attribute and nothing else: the file differs in one line (or the lines of the old value),
 * and every other value of the workflow is as before.
 */
class AnswerEditorProperties {

  record Case(Path file, String component, String attribute, String answer) {}

  static List<Path> files() {
    List<Path> out = new ArrayList<>();
    for (Path dir : List.of(Path.of("../examples"), Path.of("src/test/resources/golden")))
      try (Stream<Path> s = Files.list(dir)) {
        s.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(out::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    return out;
  }

  static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Provide
  Arbitrary<Case> cases() {
    return Arbitraries.of(files())
        .flatMap(
            f -> {
              Workflow w = WorkflowLoader.parse(read(f), f.toString(), null);
              List<Component> withAttributes =
                  w.components().values().stream()
                      .filter(c -> !c.kind().attributes().isEmpty())
                      .toList();
              return Arbitraries.of(withAttributes)
                  .flatMap(
                      c ->
                          Arbitraries.of(List.copyOf(c.kind().attributes().values()))
                              .flatMap(a -> answer(a).map(v -> new Case(f, c.id(), a.name(), v))));
            });
  }

  static Arbitrary<String> answer(AttributeSpec a) {
    return switch (a.type()) {
      case BOOL -> Arbitraries.of("true", "false", "unknown");
      case ENUM -> Arbitraries.of(a.values());
      case ENUM_LIST ->
          Combinators.combine(Arbitraries.of(a.values()), Arbitraries.of(a.values()))
              .as((x, y) -> x.equals(y) ? x : x + ", " + y);
      case RATE -> Arbitraries.of("none", "10/sec", "100/min", "5/hour");
      case TEXT ->
          Arbitraries.strings()
              .withChars("abc xyz:#\"'{}[]-*&!")
              .ofMinLength(1)
              .ofMaxLength(20)
              .filter(
                  s -> !s.isBlank() && !s.strip().equals("skip") && !s.strip().equals("unknown"));
    };
  }

  @Property(tries = 300)
  void anAnswerChangesItsAttributeAndNothingElse(@ForAll("cases") Case c) {
    String before = read(c.file());
    Workflow w0 = WorkflowLoader.parse(before, "w.yaml", null);
    String after =
        InterviewAnswers.apply(
            before,
            "w.yaml",
            List.of(
                new InterviewAnswers.Answer(
                    c.component() + "." + c.attribute(), List.of(c.answer()), Position.NONE)));
    Workflow w1 = WorkflowLoader.parse(after, "w.yaml", null);
    for (Component x : w0.components().values()) {
      Component y = w1.components().get(x.id());
      for (String a : x.kind().attributes().keySet()) {
        if (x.id().equals(c.component()) && a.equals(c.attribute())) continue;
        assertThat(y.attribute(a)).as(x.id() + "." + a).isEqualTo(x.attribute(a));
      }
      assertThat(y.name()).isEqualTo(x.name());
      assertThat(y.contains()).isEqualTo(x.contains());
    }
    assertThat(w1.flows()).hasSameSizeAs(w0.flows());
    String rendered =
        Interview.render(
            w0.components().get(c.component()).kind().attributes().get(c.attribute()),
            List.of(c.answer()),
            Position.NONE);
    List<String> diff = InterviewAnswersTest.diff(before, after);
    if (diff.isEmpty()) {
      // the file already said so, word for word
      assertThat(before).contains(c.attribute() + ": " + rendered);
      return;
    }
    List<String> added = diff.stream().filter(l -> l.startsWith("+")).toList();
    assertThat(added).as(String.join("\n", diff)).hasSize(1);
    assertThat(added.get(0)).contains(rendered);
  }
}
