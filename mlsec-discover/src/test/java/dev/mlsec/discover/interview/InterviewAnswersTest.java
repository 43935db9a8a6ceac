package dev.mlsec.discover.interview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlsec.analysis.Analysis;
import dev.mlsec.analysis.Analyzer;
import dev.mlsec.catalog.CatalogLoader;
import dev.mlsec.model.InputException;
import dev.mlsec.model.Value;
import dev.mlsec.model.Workflow;
import dev.mlsec.model.load.WorkflowLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** InterviewAnswers change exactly the answered attributes; every other byte of the file stays. */
class InterviewAnswersTest {
  static final Path DRAFT = Path.of("src/test/resources/golden/mlflow-pickle.yaml");
  static final Path EXAMPLE = Path.of("../examples/card-fraud.yaml");

  /** The lines of {@code b} that differ from {@code a}, as "-old" / "+new" (a line diff). */
  static List<String> diff(String a, String b) {
    List<String> x = List.of(a.split("\n", -1));
    List<String> y = List.of(b.split("\n", -1));
    int head = 0;
    while (head < x.size() && head < y.size() && x.get(head).equals(y.get(head))) head++;
    int tail = 0;
    while (tail < x.size() - head
        && tail < y.size() - head
        && x.get(x.size() - 1 - tail).equals(y.get(y.size() - 1 - tail))) tail++;
    List<String> out = new ArrayList<>();
    for (String l : x.subList(head, x.size() - tail)) out.add("-" + l);
    for (String l : y.subList(head, y.size() - tail)) out.add("+" + l);
    return out;
  }

  @Test
  void answersReplaceValuesInPlaceAndNothingElse() throws Exception {
    String text = Files.readString(DRAFT);
    String answers =
        """
        # the team's answers
        model.signed: false
        model.exposure: internal
        python-packages.index: skip
        """;
    String out =
        InterviewAnswers.apply(text, "draft.yaml", InterviewAnswers.parse(answers, "answers.yaml"));
    assertThat(diff(text, out))
        .containsExactly(
            "-    signed: unknown",
            "-    access: unknown",
            "-    artifacts: \"model/model.pkl\"   # from model/MLmodel:10 (flavor sklearn)",
            "-    exposure: unknown",
            "+    signed: false",
            "+    access: unknown",
            "+    artifacts: \"model/model.pkl\"   # from model/MLmodel:10 (flavor sklearn)",
            "+    exposure: internal");
    Workflow w = WorkflowLoader.parse(out, "draft.yaml", null);
    assertThat(w.components().get("model").attribute("signed")).isEqualTo(new Value.Bool(false));
    assertThat(out.split("\n")).hasSameSizeAs(text.split("\n"));
  }

  @Test
  void anAttributeNotWrittenIsAddedToItsComponentOnly() throws Exception {
    String text = Files.readString(EXAMPLE);
    String out =
        InterviewAnswers.apply(
            text,
            "card-fraud.yaml",
            InterviewAnswers.parse(
                "scoring-api.egress: restricted\nlake.stores: [training-set, logs]\n", "a.yaml"));
    assertThat(diff(text, out))
        .containsExactly(
            "-    stores: training-set",
            "-    access: broad",
            "-    encrypted-at-rest: true",
            "-    versioned: false",
            "-    contains: [cardholder-data]",
            "-  features:",
            "-    kind: preprocessing",
            "-    validates-input: false",
            "-  weekly-training:",
            "-    kind: training",
            "-    method: from-scratch",
            "-    framework: xgboost",
            "-  registry:",
            "-    kind: model-registry",
            "-    artifact-format: pickle",
            "-    signed: false",
            "-    contains: [fraud-model]",
            "-  scoring-api:",
            "-    kind: serving",
            "-    exposure: partner",
            "-    authentication: api-key",
            "-    rate-limit: none",
            "-    outputs: score",
            "+    stores: [training-set, logs]",
            "+    access: broad",
            "+    encrypted-at-rest: true",
            "+    versioned: false",
            "+    contains: [cardholder-data]",
            "+  features:",
            "+    kind: preprocessing",
            "+    validates-input: false",
            "+  weekly-training:",
            "+    kind: training",
            "+    method: from-scratch",
            "+    framework: xgboost",
            "+  registry:",
            "+    kind: model-registry",
            "+    artifact-format: pickle",
            "+    signed: false",
            "+    contains: [fraud-model]",
            "+  scoring-api:",
            "+    kind: serving",
            "+    exposure: partner",
            "+    authentication: api-key",
            "+    rate-limit: none",
            "+    outputs: score",
            "+    egress: restricted");
  }

  @Test
  void flowMappingsGetOneMoreEntry() {
    String text =
        """
        mlsec: 1
        system: s
        components:
          api: {kind: serving, exposure: public}  # the API
          users: {kind: actor}
        flows:
          - users -> api
        """;
    String out =
        InterviewAnswers.apply(
            text,
            "s.yaml",
            InterviewAnswers.parse("api.rate-limit: 100/min\nusers.trust: anonymous\n", "a.yaml"));
    assertThat(out)
        .isEqualTo(
            """
            mlsec: 1
            system: s
            components:
              api: {kind: serving, exposure: public, rate-limit: 100/min}  # the API
              users: {kind: actor, trust: anonymous}
            flows:
              - users -> api
            """);
  }

  @Test
  void aWrongAnswerChangesNothingAndSaysWhere() {
    String text = "mlsec: 1\nsystem: s\ncomponents:\n  api: {kind: serving}\nflows: []\n";
    assertThatThrownBy(
            () ->
                InterviewAnswers.apply(
                    text, "s.yaml", InterviewAnswers.parse("api.exposure: pubic\n", "a.yaml")))
        .isInstanceOf(InputException.class)
        .extracting(e -> ((InputException) e).oneLine())
        .isEqualTo("a.yaml:1:1: 'pubic' is not an answer for exposure (did you mean 'public'?)");
    assertThatThrownBy(
            () ->
                InterviewAnswers.apply(
                    text, "s.yaml", InterviewAnswers.parse("apii.exposure: public\n", "a.yaml")))
        .extracting(e -> ((InputException) e).oneLine())
        .isEqualTo(
            "a.yaml:1:1: 'apii.exposure' names no component attribute (did you mean 'api'?)");
  }

  @Test
  void questionsComeMostDecisiveFirstAndAnsweringThemClosesThem() throws Exception {
    Analyzer analyzer = new Analyzer(CatalogLoader.builtInCompiled());
    String text = Files.readString(DRAFT);
    Analysis before =
        InterviewAnswers.analyze(analyzer, text, "d.yaml", null, LocalDate.of(2026, 1, 1));
    List<Interview.Question> qs = Interview.questions(before);
    assertThat(qs).isNotEmpty();
    for (int i = 1; i < qs.size(); i++)
      assertThat(qs.get(i - 1).decides().size()).isGreaterThanOrEqualTo(qs.get(i).decides().size());
    Interview.Question first = qs.get(0);
    assertThat(first.choices()).extracting(Interview.Choice::value).contains("skip", "unknown");
    String answer = first.choices().get(0).value();
    String out =
        InterviewAnswers.apply(
            text,
            "d.yaml",
            List.of(new InterviewAnswers.Answer(first.key(), List.of(answer), first.location())));
    Analysis after =
        InterviewAnswers.analyze(analyzer, out, "d.yaml", null, LocalDate.of(2026, 1, 1));
    assertThat(Interview.questions(after))
        .extracting(Interview.Question::key)
        .doesNotContain(first.key());
    assertThat(Interview.changes(before, after)).last().asString().startsWith("open questions: ");
  }
}
