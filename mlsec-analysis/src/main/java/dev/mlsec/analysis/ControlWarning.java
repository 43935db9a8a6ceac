package dev.mlsec.analysis;

import dev.mlsec.model.Position;

/**
 * A control of the workflow that covers nothing where it stands: no finding of this workflow has it
 * in its scope (docs/analysis.md, "Controls with a scope").
 *
 * @param control the control id as written
 * @param component the component it is applied to
 * @param message one sentence for the report
 * @param location the control's line in the workflow file
 */
public record ControlWarning(String control, String component, String message, Position location) {}
