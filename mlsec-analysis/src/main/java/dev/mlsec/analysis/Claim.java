package dev.mlsec.analysis;

import dev.mlsec.model.Position;

/**
 * A team's belief that a control stops a threat, checked against the catalog.
 *
 * @param believedToStop the threat or family id as the team wrote it
 * @param holds true when the control fully stops it, or when the workflow removes the exposure
 * @param verdict holds, holds-here, partly, does-not-hold or unverified
 * @param reason one sentence a practitioner would accept
 */
public record Claim(
    String control,
    String component,
    String believedToStop,
    boolean holds,
    String verdict,
    String reason,
    Position location) {}
