package dev.mlsec.model;

/** A threat the team already worries about, in its own words. */
public record Concern(String text, Position position) {}
