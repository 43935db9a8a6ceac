package dev.mlsec.model.load;

import dev.mlsec.model.InputException;
import dev.mlsec.model.Position;
import dev.mlsec.model.Workflow;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Loads workflow files of format 1. Every problem with the input, from unreadable bytes to a
 * dangling id, is one {@link InputException} pointing at the line and column to edit; nothing else
 * escapes for any input.
 */
public final class WorkflowLoader {
  private WorkflowLoader() {}

  /** Loads {@code file} within the default limits; messages name it as given. */
  public static Workflow load(Path file) {
    return load(file, LoadLimits.DEFAULT);
  }

  public static Workflow load(Path file, LoadLimits limits) {
    String name = file.toString();
    Position whole = new Position(name, 0, 0);
    byte[] bytes;
    try {
      if (Files.isDirectory(file)) {
        throw new InputException(whole, "is a directory", "give a workflow .yaml file");
      }
      long size = Files.size(file);
      if (size > limits.maxFileBytes()) {
        throw tooLarge(whole, size, limits);
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new InputException(whole, "no such file", "check the path");
    } catch (IOException e) {
      throw new InputException(whole, "cannot read the file: " + e.getMessage(), "");
    }
    return parse(bytes, name, file, limits);
  }

  /** Parses raw bytes, which must be UTF-8 text (a leading byte order mark is skipped). */
  public static Workflow parse(byte[] bytes, String displayName, Path source, LoadLimits limits) {
    if (bytes.length > limits.maxFileBytes()) {
      throw tooLarge(new Position(displayName, 0, 0), bytes.length, limits);
    }
    int start =
        bytes.length >= 3
                && (bytes[0] & 0xff) == 0xef
                && (bytes[1] & 0xff) == 0xbb
                && (bytes[2] & 0xff) == 0xbf
            ? 3
            : 0;
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes, start, bytes.length - start))
              .toString();
    } catch (CharacterCodingException e) {
      throw new InputException(
          firstBadByte(bytes, start, displayName),
          "the file is not UTF-8 text",
          "save it as UTF-8");
    }
    return parse(text, displayName, source, limits);
  }

  /** Parses {@code text}; {@code displayName} names it in messages, {@code source} may be null. */
  public static Workflow parse(String text, String displayName, Path source) {
    return parse(text, displayName, source, LoadLimits.DEFAULT);
  }

  public static Workflow parse(String text, String displayName, Path source, LoadLimits limits) {
    long size = utf8Length(text, limits.maxFileBytes());
    if (size > limits.maxFileBytes()) {
      throw tooLarge(new Position(displayName, 0, 0), size, limits);
    }
    Positions positions = new Positions(displayName);
    return new WorkflowReader(positions, limits)
        .read(YamlDocument.compose(text, positions, limits), source);
  }

  private static InputException tooLarge(Position p, long size, LoadLimits limits) {
    return new InputException(
        p,
        "the file has " + size + " bytes, more than the limit of " + limits.maxFileBytes(),
        "split the workflow into smaller files");
  }

  /** UTF-8 length of {@code s}, counting stops once past {@code cap}. */
  private static long utf8Length(String s, long cap) {
    long n = 0;
    for (int i = 0; i < s.length() && n <= cap; i++) {
      char c = s.charAt(i);
      if (c < 0x80) n += 1;
      else if (c < 0x800) n += 2;
      else if (Character.isHighSurrogate(c)) {
        n += 4;
        i++;
      } else n += 3;
    }
    return n;
  }

  /** Line and column of the first byte that is not valid UTF-8. */
  private static Position firstBadByte(byte[] bytes, int start, String name) {
    var decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
    java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
    decoder.decode(in, out, true);
    out.flip();
    String good = out.toString();
    int line = 1;
    int column = 1;
    for (int i = 0; i < good.length(); i++) {
      if (good.charAt(i) == '\n') {
        line++;
        column = 1;
      } else if (!Character.isLowSurrogate(good.charAt(i))) {
        column++;
      }
    }
    return new Position(name, line, column);
  }
}
