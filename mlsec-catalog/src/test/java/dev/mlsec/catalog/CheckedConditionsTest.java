package dev.mlsec.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelProtoAbstractSyntaxTree;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckedConditionsTest {

  @Test
  void theBuildChecksEveryBuiltInConditionAndRunsCompileNone() {
    CheckedConditions shipped = CheckedConditions.builtIn();
    Catalog catalog = CatalogLoader.builtIn();
    for (Threat t : catalog.threats())
      assertThat(shipped.get(t.condition())).as(t.id()).isNotNull();
    CatalogLoader.loadCompiled(List.of(), shipped);
    assertThat(shipped.added()).as("a built-in condition was compiled at run time").isFalse();
  }

  @Test
  void theShippedFormIsExactlyWhatCompilingGivesNow() {
    CheckedConditions shipped = CheckedConditions.builtIn();
    Set<String> seen = new HashSet<>();
    // threats that share a condition share its entry (the first one's, which names that threat)
    for (Threat t : CatalogLoader.builtIn().threats()) {
      if (!seen.add(t.condition())) continue;
      CheckedConditions fresh = new CheckedConditions();
      Conditions.compile(t, new Conditions.Origin(t.position()), fresh);
      assertThat(Arrays.equals(fresh.get(t.condition()), shipped.get(t.condition())))
          .as("checked form of %s differs from the shipped one", t.id())
          .isTrue();
    }
  }

  @Test
  void theShippedFormReadsBackAsTheExpressionCelsProtobufFormKeeps() throws Exception {
    CheckedConditions shipped = CheckedConditions.builtIn();
    Set<String> seen = new HashSet<>();
    for (Threat t : CatalogLoader.builtIn().threats()) {
      if (!seen.add(t.condition())) continue; // a shared condition's entry is its first threat's
      CelAbstractSyntaxTree compiled =
          Conditions.typeCheck(t, new Conditions.Origin(t.position()), t.condition());
      CelAbstractSyntaxTree viaProto =
          CelProtoAbstractSyntaxTree.fromCheckedExpr(
                  CelProtoAbstractSyntaxTree.fromCelAst(compiled).toCheckedExpr())
              .getAst();
      assertThat(CheckedAst.read(shipped.get(t.condition()))).as(t.id()).isEqualTo(viaProto);
    }
  }

  @Test
  void aTruncatedEntryIsRefusedNotMisread() throws Exception {
    Threat t = CatalogLoader.builtIn().threats().get(0);
    byte[] entry = CheckedConditions.builtIn().get(t.condition());
    for (int n = 0; n < entry.length; n += 7) {
      byte[] cut = Arrays.copyOf(entry, n);
      assertThatThrownBy(() -> CheckedAst.read(cut))
          .as("%d of %d bytes", n, entry.length)
          .isInstanceOf(IOException.class);
    }
    byte[] longer = Arrays.copyOf(entry, entry.length + 1);
    assertThatThrownBy(() -> CheckedAst.read(longer)).isInstanceOf(IOException.class);
  }

  @Test
  void aDamagedEntryIsCompiledAgainWithTheSameResult() {
    Threat t = CatalogLoader.builtIn().threats().get(0);
    CheckedConditions damaged = new CheckedConditions();
    damaged.put(t.condition(), "not a checked expression".getBytes(StandardCharsets.UTF_8));
    Rule rule = Conditions.compile(t, new Conditions.Origin(t.position()), damaged);
    Rule expected = CatalogLoader.builtInCompiled().rule(t.id()).orElseThrow();
    assertThat(rule.readsC()).isEqualTo(expected.readsC());
    assertThat(rule.readsF()).isEqualTo(expected.readsF());
  }

  @Test
  void storesRoundTripAndAreDeterministic() throws Exception {
    CheckedConditions a = new CheckedConditions();
    CatalogLoader.loadCompiled(List.of(), a);
    ByteArrayOutputStream one = new ByteArrayOutputStream();
    a.write(one);
    CheckedConditions b = new CheckedConditions();
    b.read(new ByteArrayInputStream(one.toByteArray()));
    ByteArrayOutputStream two = new ByteArrayOutputStream();
    b.write(two);
    assertThat(two.toByteArray()).isEqualTo(one.toByteArray());
    assertThat(b.size()).isEqualTo(a.size()).isPositive();
  }

  @Test
  void aUserCatalogIsCompiledOnceThenLoadedFromItsCache(@TempDir Path dir) throws Exception {
    Path user = dir.resolve("mine.yaml");
    String family = CatalogLoader.builtIn().families().get(0).id();
    Files.writeString(
        user,
        """
        threats:
          - id: my-own-threat
            title: Mine
            class: conventional
            family: %s
            stage: platform
            applies-to: [compute]
            when: c.authentication == 'none' && size(f) >= 0
            impact: low
            summary: s
        """
            .formatted(family));
    Path cacheDir = dir.resolve("cache");
    ConditionCache cache = ConditionCache.forFiles(List.of(user), cacheDir);

    CheckedConditions first = CheckedConditions.builtIn();
    cache.readInto(first);
    CatalogLoader.loadCompiled(List.of(user), first);
    assertThat(first.added()).isTrue();
    cache.write(first);
    assertThat(cache.file()).exists();

    CheckedConditions second = CheckedConditions.builtIn();
    cache.readInto(second);
    CompiledCatalog loaded = CatalogLoader.loadCompiled(List.of(user), second);
    assertThat(second.added()).as("compiled again despite the cache").isFalse();
    assertThat(loaded.rule("my-own-threat")).isPresent();

    // the cache holds only the user's condition, not the shipped ones
    CheckedConditions cached = new CheckedConditions();
    cache.readInto(cached);
    assertThat(cached.size()).isEqualTo(1);

    // another content, another cache file; a damaged cache file only costs a compilation
    Files.writeString(user, Files.readString(user).replace("Mine", "Mine too"));
    ConditionCache other = ConditionCache.forFiles(List.of(user), cacheDir);
    assertThat(other.file()).isNotEqualTo(cache.file());
    Files.write(other.file(), new byte[] {0, 5, 'x'});
    CheckedConditions third = CheckedConditions.builtIn();
    other.readInto(third);
    assertThat(CatalogLoader.loadCompiled(List.of(user), third).rule("my-own-threat")).isPresent();
    assertThat(third.added()).isTrue();
  }
}
