package dev.mlsec.model.load;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mlsec.model.InputException;

/**
 * Jazzer fuzz target for the loader on raw bytes. Under {@code ./mvnw verify} it replays the seed
 * corpus (the examples and malformed fixtures, copied to {@code
 * WorkflowLoaderFuzzTestInputs/loadsOrRejects}) as a regression test; with {@code JAZZER_FUZZ=1} it
 * fuzzes. Any exception other than {@link InputException}, a hang or an out-of-memory is a bug.
 */
class WorkflowLoaderFuzzTest {

  @FuzzTest(maxDuration = "5m")
  void loadsOrRejects(byte[] input) {
    try {
      WorkflowLoader.parse(input, "fuzz.yaml", null, LoadLimits.DEFAULT);
    } catch (InputException expected) {
      // a clean rejection is the other allowed outcome
    }
  }
}
