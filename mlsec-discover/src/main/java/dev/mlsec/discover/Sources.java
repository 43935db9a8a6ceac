package dev.mlsec.discover;

import dev.mlsec.discover.source.DependencySource;
import dev.mlsec.discover.source.DvcSource;
import dev.mlsec.discover.source.GitHubActionsSource;
import dev.mlsec.discover.source.HuggingFaceSource;
import dev.mlsec.discover.source.KubeflowSource;
import dev.mlsec.discover.source.KubernetesSource;
import dev.mlsec.discover.source.LlmClientSource;
import dev.mlsec.discover.source.McpSource;
import dev.mlsec.discover.source.MlflowSource;
import dev.mlsec.discover.source.SageMakerSource;
import dev.mlsec.discover.source.UnsafeLoadSource;
import java.util.List;

/** Every source, in order of priority: an earlier source names a component first. */
public final class Sources {
  public static final List<Source> ALL =
      List.of(
          new HuggingFaceSource(),
          new UnsafeLoadSource(),
          new MlflowSource(),
          new DvcSource(),
          new McpSource(),
          new LlmClientSource(),
          new KubernetesSource(),
          new KubeflowSource(),
          new SageMakerSource(),
          new GitHubActionsSource(),
          new DependencySource());

  private Sources() {}
}
