package dev.mlsec.scan.format;

import dev.mlsec.scan.FileFormat;
import dev.mlsec.scan.ScanContext;
import dev.mlsec.scan.ScanRule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An MLflow model's {@code code} directory ({@code flavors: python_function: code: code}, written
 * by {@code save_model(code_paths=...)}), read as data (nothing imported): {@code
 * mlflow.pyfunc.load_model} puts that directory first on {@code sys.path} before it unpickles the
 * model or imports its loader, so every module shipped there runs when something imports it, even
 * under the name of an installed package it shadows. Reported: the MLmodel that ships one, each
 * {@code .py} in it, and a pickle of the model that imports a module the directory holds (the class
 * of {@code python_model.pkl} rebuilding {@code helpers.Model} from {@code
 * code/helpers/__init__.py}). The {@code loader_module} of a flavor outside MLflow is {@link
 * LoaderConfigs}' (mlflow.loader-code), not reported twice.
 */
public final class MlflowCodePaths {
  private MlflowCodePaths() {}

  /** Directories searched above a file for the MLmodel of its model: code paths nest packages. */
  static final int MAX_LEVELS = 8;

  private static final int MAX_ENTRIES = 1024; // names of the code directory compared
  private static final int MAX_NAMED = 5; // modules named in one message

  /**
   * The code directory an MLmodel's python_function flavor ships (relative, without a trailing
   * '/'), or null: none, YAML null ({@code code: null}, what MLflow writes without code_paths), or
   * a path that leaves the model's directory.
   */
  static String codeDir(byte[] mlmodel) {
    LoaderConfigs.Pyfunc p = LoaderConfigs.pyfunc(new String(mlmodel, StandardCharsets.UTF_8));
    if (p == null || p.code() == null) return null;
    String c = p.code().strip().replace('\\', '/');
    while (c.endsWith("/")) c = c.substring(0, c.length() - 1);
    while (c.startsWith("./")) c = c.substring(2);
    if (c.isEmpty() || c.equals("null") || c.equals("Null") || c.equals("NULL") || c.equals("~"))
      return null;
    return c;
  }

  /** The loader module when it is not MLflow's own (LoaderConfigs reports it), or null. */
  private static String externalLoader(byte[] mlmodel) {
    LoaderConfigs.Pyfunc p = LoaderConfigs.pyfunc(new String(mlmodel, StandardCharsets.UTF_8));
    if (p == null || p.loaderModule() == null) return null;
    String m = p.loaderModule().strip();
    return m.equals("mlflow") || m.startsWith("mlflow.") || m.isEmpty() ? null : m;
  }

  /** Judges an MLmodel: a shipped code directory runs on load (unless mlflow.loader-code says). */
  public static void judgeMlmodel(ScanContext ctx, String member, byte[] bytes) {
    String code = codeDir(bytes);
    if (code == null || externalLoader(bytes) != null) return;
    ctx.report(
        ScanRule.MLFLOW_CODE_PATH,
        0,
        member,
        List.of("flavors.python_function.code: " + code),
        "mlflow.pyfunc.load_model puts the model's code directory '"
            + code
            + "' first on sys.path before it unpickles the model: the modules shipped there run"
            + " when the pickle (or anything the loader imports) names them");
  }

  /**
   * A file on disk inside an MLflow model (an MLmodel in its directory or up to {@value
   * #MAX_LEVELS} above; the nearest decides) whose flavor ships a code directory: a {@code .py} in
   * that directory is code that runs on load; a pickle elsewhere in the model that imports a module
   * the directory holds runs it. Siblings are context: what cannot be read adds nothing.
   */
  public static void judgeLocal(ScanContext ctx, Path file) {
    Path abs = file.toAbsolutePath().normalize();
    Path dir = abs.getParent();
    if (dir == null) return;
    long max = ctx.limits().maxHeaderBytes();
    try {
      Path root = dir;
      for (int i = 0; root != null && i < MAX_LEVELS; i++, root = root.getParent()) {
        Path mlmodel = root.resolve(LoaderConfigs.MLMODEL);
        if (!Files.isRegularFile(mlmodel)) continue;
        if (Files.size(mlmodel) > max || mlmodel.equals(abs)) return;
        byte[] b = Files.readAllBytes(mlmodel);
        String code = codeDir(b);
        if (code == null) return;
        Path codeRoot = root.resolve(code).normalize();
        if (!codeRoot.startsWith(root) || codeRoot.equals(root)) return;
        if (abs.startsWith(codeRoot)) shippedModule(ctx, abs, root, code, externalLoader(b));
        else importsShipped(ctx, codeRoot, code);
        return;
      }
    } catch (IOException | RuntimeException e) {
      // the siblings are context, not the file scanned: unreadable ones add nothing
    }
  }

  private static void shippedModule(
      ScanContext ctx, Path abs, Path root, String code, String loader) {
    String name = abs.getFileName().toString().toLowerCase(Locale.ROOT);
    if (!name.endsWith(".py")) return;
    String rel = root.relativize(abs).toString().replace('\\', '/');
    if (loader != null) {
      String mod = code + "/" + loader.replace('.', '/');
      if (rel.equals(mod + ".py") || rel.equals(mod + "/__init__.py")) return; // loader-code's
    }
    ctx.report(
        ScanRule.MLFLOW_CODE_PATH,
        0,
        "",
        List.of(LoaderConfigs.MLMODEL + " flavors.python_function.code: " + code, rel),
        "this module is shipped in the code directory of the MLflow model above it:"
            + " mlflow.pyfunc.load_model puts that directory first on sys.path, so its"
            + " module-level code runs when the model's pickle or loader imports it");
  }

  /** The top-level modules the file's pickles import that the code directory holds. */
  private static void importsShipped(ScanContext ctx, Path codeRoot, String code)
      throws IOException {
    List<String> imported = ctx.importedModules();
    // names a speculative read of other bytes saw are no import unless a pickle was found
    if (imported.isEmpty() || !ctx.formats().contains(FileFormat.PICKLE.id())) return;
    if (!Files.isDirectory(codeRoot)) return;
    List<String> entries = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(codeRoot)) {
      for (Path p : s) {
        if (entries.size() >= MAX_ENTRIES) break;
        entries.add(p.getFileName().toString());
      }
    }
    List<String> found = new ArrayList<>();
    for (String m : imported) {
      int dot = m.indexOf('.');
      String top = dot < 0 ? m : m.substring(0, dot);
      if (!found.contains(top) && ships(entries, codeRoot, top)) found.add(top);
    }
    if (found.isEmpty()) return;
    List<String> chain = new ArrayList<>();
    chain.add(LoaderConfigs.MLMODEL + " flavors.python_function.code: " + code);
    for (String t : found) chain.add("import " + t);
    ctx.report(
        ScanRule.MLFLOW_CODE_PATH,
        0,
        "",
        chain,
        "the pickle imports "
            + String.join(", ", found.subList(0, Math.min(MAX_NAMED, found.size())))
            + (found.size() > MAX_NAMED ? ", ..." : "")
            + ", shipped in the model's code directory '"
            + code
            + "': mlflow.pyfunc.load_model puts it first on sys.path, so the shipped module's"
            + " code runs when the model is loaded");
  }

  /** Whether a directory listing holds module {@code top}: a package or a module file. */
  private static boolean ships(List<String> entries, Path codeRoot, String top) {
    for (String e : entries) {
      if (e.equals(top) && Files.isDirectory(codeRoot.resolve(e))) return true;
      if (!e.startsWith(top + ".")) continue;
      String ext = e.toLowerCase(Locale.ROOT);
      if (ext.endsWith(".py")
          || ext.endsWith(".pyc")
          || ext.endsWith(".so")
          || ext.endsWith(".pyd")) return true;
    }
    return false;
  }
}
