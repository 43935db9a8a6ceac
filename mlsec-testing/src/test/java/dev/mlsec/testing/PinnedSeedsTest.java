package dev.mlsec.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.FixedSeedMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyAttributes;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

class PinnedSeedsTest {
  private static final String NAME = "a.B#c";

  @Example
  void aPropertyWithoutASeedGetsOneFromItsName() {
    Attributes a = new Attributes();
    PinnedSeeds.apply(a, NAME, "pinned", null);
    assertThat(a.seed).isEqualTo(Long.toString(PinnedSeeds.seedOf(NAME)));
    assertThat(a.tries).isNull();
  }

  @Example
  void theSeedIsTheSameOnEveryJvm() {
    // FNV-1a of "a.B#c", computed independently of the implementation
    assertThat(PinnedSeeds.seedOf(NAME)).isEqualTo(fnv1a(NAME));
    assertThat(PinnedSeeds.seedOf(NAME)).isNotEqualTo(PinnedSeeds.seedOf("a.B#d"));
  }

  @Example
  void aNumberGivesAnotherReproducibleSeed() {
    Attributes a = new Attributes();
    PinnedSeeds.apply(a, NAME, "42", null);
    assertThat(a.seed).isEqualTo(Long.toString(PinnedSeeds.seedOf(NAME) ^ 42));
  }

  @Example
  void randomLeavesTheSeedToJqwik() {
    Attributes a = new Attributes();
    PinnedSeeds.apply(a, NAME, "random", "500");
    assertThat(a.seed).isNull();
    assertThat(a.tries).isEqualTo(500);
  }

  @Example
  void aSeedTheTestNamesIsKept() {
    Attributes a = new Attributes();
    a.seed = "7";
    PinnedSeeds.apply(a, NAME, "pinned", null);
    assertThat(a.seed).isEqualTo("7");
  }

  @Example
  void badSettingsSayWhatToUse() {
    assertThatThrownBy(() -> PinnedSeeds.apply(new Attributes(), NAME, "often", null))
        .hasMessageContaining("mlsec.properties.seed is 'often': use pinned, random");
    assertThatThrownBy(() -> PinnedSeeds.apply(new Attributes(), NAME, "pinned", "0"))
        .hasMessageContaining("mlsec.properties.tries is '0'");
  }

  /** Seen by the property below: the seed its attributes held once the global hook had run. */
  static volatile String seenSeed;

  /** Runs inside the global hook and records the attributes the property runs with. */
  static final class Spy implements AroundPropertyHook {
    @Override
    public int aroundPropertyProximity() {
      return 100;
    }

    @Override
    public PropertyExecutionResult aroundProperty(
        PropertyLifecycleContext context, PropertyExecutor property) {
      seenSeed = context.attributes().seed().orElse(null);
      return property.execute();
    }
  }

  @Property(tries = 3)
  @AddLifecycleHook(Spy.class)
  void theHookIsRegisteredForEveryProperty(@ForAll int ignored) {
    String mode = System.getProperty(PinnedSeeds.SEED, "pinned");
    String expected =
        mode.equals("random")
            ? null
            : Long.toString(
                PinnedSeeds.seedOf(getClass().getName() + "#theHookIsRegisteredForEveryProperty")
                    ^ (mode.equals("pinned") ? 0 : Long.parseLong(mode)));
    assertThat(seenSeed).isEqualTo(expected);
  }

  private static long fnv1a(String s) {
    long h = 0xcbf29ce484222325L;
    for (char c : s.toCharArray()) {
      h ^= c;
      h *= 0x100000001b3L;
    }
    return h;
  }

  /** Attributes as jqwik holds them: unset until a property or a hook sets them. */
  private static final class Attributes implements PropertyAttributes {
    String seed;
    Integer tries;

    @Override
    public Optional<Integer> tries() {
      return Optional.ofNullable(tries);
    }

    @Override
    public Optional<Integer> maxDiscardRatio() {
      return Optional.empty();
    }

    @Override
    public Optional<ShrinkingMode> shrinking() {
      return Optional.empty();
    }

    @Override
    public Optional<GenerationMode> generation() {
      return Optional.empty();
    }

    @Override
    public Optional<AfterFailureMode> afterFailure() {
      return Optional.empty();
    }

    @Override
    public Optional<EdgeCasesMode> edgeCases() {
      return Optional.empty();
    }

    @Override
    public Optional<String> stereotype() {
      return Optional.empty();
    }

    @Override
    public Optional<String> seed() {
      return Optional.ofNullable(seed);
    }

    @Override
    public Optional<FixedSeedMode> whenFixedSeed() {
      return Optional.empty();
    }

    @Override
    public void setTries(Integer tries) {
      this.tries = tries;
    }

    @Override
    public void setMaxDiscardRatio(Integer ratio) {}

    @Override
    public void setShrinking(ShrinkingMode mode) {}

    @Override
    public void setGeneration(GenerationMode mode) {}

    @Override
    public void setAfterFailure(AfterFailureMode mode) {}

    @Override
    public void setEdgeCases(EdgeCasesMode mode) {}

    @Override
    public void setStereotype(String stereotype) {}

    @Override
    public void setSeed(String seed) {
      this.seed = seed;
    }

    @Override
    public void setWhenFixedSeed(FixedSeedMode mode) {}
  }
}
