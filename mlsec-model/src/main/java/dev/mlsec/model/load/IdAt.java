package dev.mlsec.model.load;

import dev.mlsec.model.Position;

/** An id as written, with where it was written. */
record IdAt(String id, Position position) {}
