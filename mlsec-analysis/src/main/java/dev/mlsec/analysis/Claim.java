package dev.mlsec.analysis;

import dev.mlsec.model.Position;

/**
 * A team's belief that a control stops a threat, checked against the catalog.
 *
 * @param believedToStop the threat or family id as the team wrote it
 * @param holds true only when the control fully stops it
 * @param verdict holds, partly or does-not-hold
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
