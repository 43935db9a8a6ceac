package dev.mlsec.report.html;

import dev.mlsec.model.Component;
import dev.mlsec.model.Flow;
import dev.mlsec.model.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.elk.alg.layered.LayeredLayoutProvider;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * The workflow laid out left to right by Eclipse ELK's layered algorithm (data flows from sources
 * to serving). The provider is called directly rather than through ELK's service registry, so the
 * layout works the same from a plain classpath and from the shaded CLI jar.
 */
record Diagram(double width, double height, List<Box> boxes, List<Line> lines) {

  static final double BOX_HEIGHT = 46;
  static final int MAX_LABEL = 26;

  /** A component's box, top-left corner and size. */
  record Box(Component component, double x, double y, double w, double h) {}

  /** A flow as a polyline of points (x0, y0, x1, y1, ...). */
  record Line(Flow flow, double[] points) {}

  /**
   * ELK needs its meta data (option defaults, cloneable types) registered once; doing it here
   * explicitly does not depend on META-INF/services surviving the shading of the CLI jar.
   */
  private static final Object REGISTERED = register();

  private static Object register() {
    LayoutMetaDataService service = LayoutMetaDataService.getInstance();
    service.registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
    return service;
  }

  static Diagram layout(Workflow workflow) {
    Objects.requireNonNull(REGISTERED);
    ElkNode root = ElkGraphUtil.createGraph();
    root.setProperty(CoreOptions.DIRECTION, Direction.RIGHT);
    root.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.POLYLINE);
    root.setProperty(LayeredOptions.SPACING_NODE_NODE, 22.0);
    root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 48.0);
    root.setProperty(LayeredOptions.SPACING_EDGE_NODE, 12.0);
    root.setProperty(CoreOptions.PADDING, new org.eclipse.elk.core.math.ElkPadding(16));
    root.setProperty(LayeredOptions.RANDOM_SEED, 1);
    int n = workflow.components().size();
    // Large graphs: fewer crossing-minimisation sweeps keep the layout within seconds.
    root.setProperty(LayeredOptions.THOROUGHNESS, n > 300 ? 1 : 7);

    Map<String, ElkNode> nodes = new LinkedHashMap<>();
    for (Component c : workflow.components().values()) {
      ElkNode node = ElkGraphUtil.createNode(root);
      node.setIdentifier(c.id());
      node.setDimensions(boxWidth(c), BOX_HEIGHT);
      nodes.put(c.id(), node);
    }
    Map<ElkEdge, Flow> edges = new LinkedHashMap<>();
    for (Flow f : workflow.flows()) {
      ElkNode from = nodes.get(f.from());
      ElkNode to = nodes.get(f.to());
      if (from == null || to == null) continue;
      edges.put(ElkGraphUtil.createSimpleEdge(from, to), f);
    }
    new LayeredLayoutProvider().layout(root, new BasicProgressMonitor());

    List<Box> boxes = new ArrayList<>();
    for (Component c : workflow.components().values()) {
      ElkNode node = nodes.get(c.id());
      boxes.add(new Box(c, node.getX(), node.getY(), node.getWidth(), node.getHeight()));
    }
    List<Line> lines = new ArrayList<>();
    for (Map.Entry<ElkEdge, Flow> e : edges.entrySet()) {
      if (e.getKey().getSections().isEmpty()) continue;
      ElkEdgeSection s = e.getKey().getSections().get(0);
      double[] pts = new double[4 + 2 * s.getBendPoints().size()];
      int i = 0;
      pts[i++] = s.getStartX();
      pts[i++] = s.getStartY();
      for (ElkBendPoint bp : s.getBendPoints()) {
        pts[i++] = bp.getX();
        pts[i++] = bp.getY();
      }
      pts[i++] = s.getEndX();
      pts[i] = s.getEndY();
      lines.add(new Line(e.getValue(), pts));
    }
    return new Diagram(root.getWidth(), root.getHeight(), boxes, lines);
  }

  static String shortLabel(Component c) {
    String l = c.label().strip();
    return l.codePointCount(0, l.length()) > MAX_LABEL
        ? l.substring(0, l.offsetByCodePoints(0, MAX_LABEL - 1)) + "…"
        : l;
  }

  private static double boxWidth(Component c) {
    int chars = Math.max(shortLabel(c).length(), c.kind().id().length() + 2);
    return Math.max(96, Math.min(230, 7.2 * chars + 26));
  }
}
