package dev.mlsec.cli;

import dev.mlsec.model.DidYouMean;
import dev.mlsec.report.Format;
import dev.mlsec.scan.Level;
import dev.mlsec.scan.ScanPolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The one converter of every closed set of option values (formats, severities, policies, colour
 * modes): an enum constant is spelled in lower case with dashes ({@code ATLAS_LAYER} is {@code
 * atlas-layer}), a near miss gets a did-you-mean, and help and shell completion list the same
 * spellings through {@code completionCandidates}.
 */
final class Choices {
  private Choices() {}

  /** Every enum an option of mlsec takes; registered once on the whole command tree. */
  static void register(CommandLine cl) {
    register(cl, Format.class);
    register(cl, Threshold.class);
    register(cl, ColorMode.class);
    register(cl, ScanFormat.class);
    register(cl, ScanPolicy.class);
    register(cl, Level.class);
  }

  private static <E extends Enum<E>> void register(CommandLine cl, Class<E> type) {
    cl.registerConverter(type, converter(type));
  }

  static <E extends Enum<E>> ITypeConverter<E> converter(Class<E> type) {
    return new Converter<>(type);
  }

  /** A class, not a lambda, so that the class-data archive keeps it (see Main's handlers). */
  private static final class Converter<E extends Enum<E>> implements ITypeConverter<E> {
    private final Class<E> type;

    Converter(Class<E> type) {
      this.type = type;
    }

    @Override
    public E convert(String value) {
      String v = value.trim().toLowerCase(Locale.ROOT);
      for (E e : type.getEnumConstants()) if (id(e).equals(v)) return e;
      List<String> ids = ids(type);
      throw new TypeConversionException(
          "'"
              + value
              + "' is not known ("
              + DidYouMean.closest(v, ids)
                  .map(c -> "did you mean '" + c + "'?")
                  .orElse("use one of " + String.join(", ", ids))
              + ")");
    }
  }

  /**
   * The footer of {@code mlsec --help}: every option of every command that takes a closed set of
   * values, with those values, read from the commands themselves (so it cannot drift).
   */
  static String[] valuesFooter(CommandLine top) {
    List<String> lines = new ArrayList<>();
    lines.add("%nValues of typed options:");
    addValues(top, lines);
    return lines.toArray(String[]::new);
  }

  private static void addValues(CommandLine cl, List<String> lines) {
    for (CommandLine.Model.OptionSpec o : cl.getCommandSpec().options())
      if (o.completionCandidates() instanceof Ids ids)
        lines.add(
            "  "
                + cl.getCommandSpec().qualifiedName().substring(top(cl).length()).strip()
                + " "
                + o.longestName()
                + ": "
                + String.join(", ", ids.ids));
    for (CommandLine sub : new LinkedHashSet<>(cl.getSubcommands().values())) addValues(sub, lines);
  }

  private static String top(CommandLine cl) {
    while (cl.getParent() != null) cl = cl.getParent();
    return cl.getCommandName();
  }

  /** The spelling of an enum constant on the command line. */
  static String id(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static <E extends Enum<E>> List<String> ids(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(Choices::id).toList();
  }

  /** {@code completionCandidates} of an enum option: picocli needs a class per enum. */
  abstract static class Ids implements Iterable<String> {
    private final List<String> ids;

    <E extends Enum<E>> Ids(Class<E> type) {
      ids = ids(type);
    }

    @Override
    public Iterator<String> iterator() {
      return ids.iterator();
    }
  }

  static final class Formats extends Ids {
    Formats() {
      super(Format.class);
    }
  }

  static final class Thresholds extends Ids {
    Thresholds() {
      super(Threshold.class);
    }
  }

  static final class ColorModes extends Ids {
    ColorModes() {
      super(ColorMode.class);
    }
  }

  static final class ScanFormats extends Ids {
    ScanFormats() {
      super(ScanFormat.class);
    }
  }

  static final class Policies extends Ids {
    Policies() {
      super(ScanPolicy.class);
    }
  }

  static final class Levels extends Ids {
    Levels() {
      super(Level.class);
    }
  }

  /** {@code analyze --fail-on}: a severity, or {@code none} to never fail on findings. */
  enum Threshold {
    CRITICAL,
    HIGH,
    MEDIUM,
    LOW,
    INFO,
    NONE;

    java.util.Optional<dev.mlsec.catalog.Severity> severity() {
      return this == NONE ? java.util.Optional.empty() : dev.mlsec.catalog.Severity.byId(id(this));
    }
  }

  /** {@code analyze --color}. */
  enum ColorMode {
    AUTO,
    ALWAYS,
    NEVER
  }

  /** {@code scan --format}: the scanner's report forms. */
  enum ScanFormat {
    TEXT,
    JSON,
    SARIF
  }
}
