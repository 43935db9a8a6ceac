package dev.mlsec.spark;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.spark.TaskContext;

/**
 * The local file system with two faults, chosen by file name: {@code unreadable*} cannot be opened
 * (tests run as root, where a chmod does not stop a read), and opening {@code dies-once*} kills the
 * first attempt of its task the way a lost executor would, so Spark retries it.
 */
public final class FaultyLocalFileSystem extends RawLocalFileSystem {

  /** Not an exception a scan may catch: it ends the task, as a dying JVM does. */
  static final class TaskKilled extends Error {
    private static final long serialVersionUID = 1L;

    TaskKilled(String message) {
      super(message);
    }
  }

  @Override
  public FSDataInputStream open(Path f, int bufferSize) throws IOException {
    String name = f.getName();
    if (name.startsWith("unreadable")) throw new AccessDeniedException(f.toString());
    TaskContext task = TaskContext.get();
    if (name.startsWith("dies-once") && task != null && task.attemptNumber() == 0)
      throw new TaskKilled("first attempt of the task reading " + name + " dies");
    return super.open(f, bufferSize);
  }
}
