package dev.mlsec.server.store;

import java.time.Instant;

/** One upload of a project. */
public record VersionInfo(
    int number,
    Instant uploadedAt,
    String uploadedBy,
    String fileName,
    String toolVersion,
    String catalogVersion,
    String gitCommit,
    String gitBranch,
    int findings) {}
