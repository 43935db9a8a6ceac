package dev.mlsec.server.store;

import java.time.Instant;

/** One append-only audit entry: who did what to what, and the state before and after. */
public record AuditRow(
    long id,
    Instant at,
    String actor,
    String action,
    String subject,
    String before,
    String after) {}
