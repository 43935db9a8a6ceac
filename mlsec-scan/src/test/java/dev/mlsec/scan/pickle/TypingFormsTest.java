package dev.mlsec.scan.pickle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The typing-forms resource is what the generator's record says the stack subscripts: a form the
 * record gains or loses without the resource being regenerated fails here (drift).
 */
class TypingFormsTest {

  private static final Path RECORD = Path.of("tools", "allowlist", "record.tsv");

  /** The forms of the recorded operator.getitem calls, derived as make_allowlist.py does. */
  private static Set<String> recordedForms() throws IOException {
    Set<String> forms = new TreeSet<>();
    for (String l : Files.readAllLines(RECORD, StandardCharsets.UTF_8)) {
      if (l.startsWith("#") || l.startsWith("global\t")) continue;
      String[] c = l.split("\t", -1);
      boolean getitem = c[0].equals("_operator.getitem") || c[0].equals("operator.getitem");
      String first = c[2].split(",", -1)[0];
      if (getitem && c[1].equals("REDUCE") && first.startsWith("global:typing."))
        forms.add(first.substring("global:typing.".length()));
    }
    return forms;
  }

  @Test
  void resourceIsTheRecordsForms() throws IOException {
    Set<String> recorded = recordedForms();
    assertThat(recorded).contains("List", "Dict", "Union", "Callable", "Tuple", "Literal");
    assertThat(new TreeSet<>(TypingForms.names())).isEqualTo(recorded);
  }

  /** Names typing defines that are not forms never come out of the record. */
  @Test
  void functionsAndModulesOfTypingAreNotForms() {
    for (String n : new String[] {"get_type_hints", "ForwardRef", "sys", "cast", "NamedTuple"})
      assertThat(TypingForms.contains(n)).as(n).isFalse();
  }
}
