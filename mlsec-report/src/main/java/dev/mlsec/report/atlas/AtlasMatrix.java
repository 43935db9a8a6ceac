package dev.mlsec.report.atlas;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The MITRE ATLAS 5.6.0 matrix as the reports need it: tactics in matrix order, and each
 * technique's name and tactics (sub-techniques inherit their parent's).
 */
public final class AtlasMatrix {
  private static final String RESOURCE = "atlas-5.6.0.tsv";
  private static final AtlasMatrix BUILT_IN = load();

  /** A column of the matrix. */
  public record Tactic(String id, String name) {}

  /** A technique and the tactics it serves. */
  public record Technique(String id, String name, List<String> tactics) {}

  private final List<Tactic> tactics;
  private final Map<String, Technique> techniques;

  private AtlasMatrix(List<Tactic> tactics, Map<String, Technique> techniques) {
    this.tactics = List.copyOf(tactics);
    this.techniques = techniques;
  }

  public static AtlasMatrix builtIn() {
    return BUILT_IN;
  }

  public String version() {
    return "5.6.0";
  }

  public List<Tactic> tactics() {
    return tactics;
  }

  public Optional<Technique> technique(String id) {
    return Optional.ofNullable(techniques.get(id));
  }

  private static AtlasMatrix load() {
    List<Tactic> tactics = new ArrayList<>();
    Map<String, Technique> techniques = new LinkedHashMap<>();
    try (InputStream in = AtlasMatrix.class.getResourceAsStream(RESOURCE)) {
      if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.startsWith("#") || line.isBlank()) continue;
        String[] cols = line.split("\t", -1);
        if (cols[0].equals("tactic")) tactics.add(new Tactic(cols[1], cols[2]));
        else {
          List<String> of = cols[3].isEmpty() ? List.of() : List.of(cols[3].split(","));
          techniques.put(cols[1], new Technique(cols[1], cols[2], of));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new AtlasMatrix(tactics, techniques);
  }
}
