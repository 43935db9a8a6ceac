package dev.mlsec.analysis;

/**
 * The one lock held around every use of Lucene in this module (building or opening an index, making
 * an analyzer, searching). Lucene's classes initialise one another from their static initialisers
 * (codecs and postings formats, the writer's configuration, the analyzers' stop sets), so two
 * threads entering Lucene at different places at once can deadlock in class initialisation: seen as
 * an {@code analyze} that never ended, the concern thread opening the prebuilt index while the
 * claims check built its index of controls. Holding this lock, one thread finishes Lucene's start
 * before another begins; a match takes milliseconds.
 */
final class LuceneLock {
  static final Object LOCK = new Object();

  private LuceneLock() {}
}
