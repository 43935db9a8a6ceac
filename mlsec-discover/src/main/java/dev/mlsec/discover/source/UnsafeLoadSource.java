package dev.mlsec.discover.source;

import dev.mlsec.discover.Draft;
import dev.mlsec.discover.Evidence;
import dev.mlsec.discover.Repository;
import dev.mlsec.discover.Source;
import dev.mlsec.discover.read.PythonCalls;
import dev.mlsec.model.ComponentKind;
import java.util.Optional;

/**
 * Python code that loads formats able to run code: {@code torch.load} (with or without {@code
 * weights_only}), {@code pickle}/{@code joblib}/{@code cloudpickle}/{@code dill} loads, {@code
 * pandas.read_pickle}, {@code numpy.load(allow_pickle=True)} and {@code
 * keras.models.load_model(safe_mode=False)}. The loaded file becomes (or joins) the component that
 * holds it, with the format the call implies.
 */
public final class UnsafeLoadSource implements Source {
  private static final java.util.regex.Pattern PICKLE_LOAD =
      java.util.regex.Pattern.compile(
          "(pickle|cPickle|_pickle|cloudpickle|dill)\\.(load|loads|Unpickler)");
  static final String NAME = "code";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void read(Repository repo, Draft draft) {
    for (String py : repo.files(f -> f.endsWith(".py"))) {
      Optional<PythonCalls> code = repo.python(py);
      if (code.isEmpty()) continue;
      for (PythonCalls.Call c : code.get().calls()) {
        Optional<String> format = format(c);
        if (format.isEmpty()) continue;
        String how = c.name() + how(c);
        Evidence e = Evidence.at(py, c.line(), how);
        Optional<String> path =
            c.positional(0)
                .or(() -> c.keyword("f"))
                .flatMap(UnsafeLoadSource::path)
                .or(() -> openedJustAbove(code.get(), c));
        Draft.Part part =
            path.map(p -> draft.modelFile(p, e, NAME))
                .orElseGet(
                    () ->
                        draft
                            .component(
                                Words.stem(py) + "-loaded-model", ComponentKind.MODEL_REGISTRY)
                            .name("the file " + py + " loads")
                            .because(e, NAME));
        if (format.get().isEmpty()) {
          part.note("loaded safely at " + e.where() + " (" + how + ")");
        } else {
          part.set("artifact-format", format.get(), e);
        }
      }
    }
  }

  /**
   * {@code with open("model.pkl", "rb") as fd:} followed by {@code pickle.load(fd)}: the file
   * opened by literal path on one of the three lines above a load of a plain name.
   */
  private static Optional<String> openedJustAbove(PythonCalls code, PythonCalls.Call load) {
    Optional<PythonCalls.Arg> arg = load.positional(0);
    if (arg.isEmpty() || !arg.get().text().matches("[A-Za-z_][A-Za-z0-9_]*"))
      return Optional.empty();
    Optional<String> found = Optional.empty();
    for (PythonCalls.Call c : code.calls()) {
      if (c.line() > load.line()) break;
      if (c.qualified().equals("open") && c.line() >= load.line() - 3)
        found = c.positional(0).flatMap(PythonCalls.Arg::string).filter(p -> p.contains("."));
    }
    return found;
  }

  /** The file a load call reads: a literal path, also inside {@code open("...")}. */
  private static Optional<String> path(PythonCalls.Arg a) {
    return a.literals().stream().filter(s -> s.contains(".") || s.contains("/")).findFirst();
  }

  private static String how(PythonCalls.Call c) {
    if (c.endsWith("torch.load"))
      return c.keyword("weights_only")
          .map(a -> " weights_only=" + a.text())
          .orElse(" without weights_only");
    if (c.keyword("allow_pickle").isPresent())
      return " allow_pickle=" + c.keyword("allow_pickle").get().text();
    if (c.keyword("safe_mode").isPresent())
      return " safe_mode=" + c.keyword("safe_mode").get().text();
    return "";
  }

  /**
   * The artifact format a load implies; an empty word for a load that is safe as written, empty for
   * a call that is no such load.
   */
  static Optional<String> format(PythonCalls.Call c) {
    String q = c.qualified();
    if (c.endsWith("torch.load")) {
      boolean safe = c.keyword("weights_only").map(a -> a.text().equals("True")).orElse(false);
      return Optional.of(safe ? "" : "pytorch");
    }
    if (PICKLE_LOAD.matcher(q).matches()
        || q.equals("pandas.read_pickle")
        || (q.endsWith(".read_pickle") && q.startsWith("pandas"))) return Optional.of("pickle");
    if (q.equals("joblib.load") || q.equals("sklearn.externals.joblib.load"))
      return Optional.of("joblib");
    if (q.equals("numpy.load")) {
      boolean pickle = c.keyword("allow_pickle").map(a -> a.text().equals("True")).orElse(false);
      return pickle ? Optional.of("pickle") : Optional.empty();
    }
    if (q.endsWith("load_model")
        && (q.startsWith("keras.")
            || q.startsWith("tensorflow.keras.")
            || q.startsWith("tf.keras."))) {
      boolean unsafe = c.keyword("safe_mode").map(a -> a.text().equals("False")).orElse(false);
      return unsafe ? Optional.of("keras") : Optional.of("");
    }
    return Optional.empty();
  }
}
