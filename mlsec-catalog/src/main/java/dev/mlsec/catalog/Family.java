package dev.mlsec.catalog;

/** A group of related threats, e.g. {@code evasion}; claims may name a family. */
public record Family(String id, String title, String description) {}
