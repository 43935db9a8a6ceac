package dev.cel.runtime;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.ExtensionRegistry;
import com.google.protobuf.Message;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.internal.CelDescriptorPool;
import dev.cel.common.internal.ProtoMessageFactory;
import java.util.List;
import java.util.Optional;

/**
 * CEL's interpreter as {@code CelRuntimeLegacyImpl.Builder.build()} assembles it for a runtime
 * without the standard environment, given only function bindings, but knowing no protobuf message
 * types: mlsec's conditions read maps of strings, numbers, booleans and lists, never a message.
 *
 * <p>cel-java's builder (0.11 to 0.14) always makes a descriptor pool of the protobuf well-known
 * types ({@code DefaultDescriptorPool}, whose class initialiser builds the descriptors of {@code
 * Any}, {@code Duration}, {@code Struct}, the wrappers and protobuf's own {@code
 * descriptor.proto}): 25-45 ms of CPU at every start, more than planning all the conditions. The
 * interpreter, its dispatcher and the program wrapper are package-private, hence this class in
 * CEL's package; it calls only what the builder calls, in the same way, with a message factory that
 * finds no type. A message type named in an expression then fails to resolve, as an unknown type
 * does in CEL. {@code CatalogSnapshotTest} checks that every built-in condition answers on it as on
 * CEL's full standard runtime; a CEL upgrade that changes these package-private signatures fails to
 * compile.
 */
public final class MapOnlyRuntime {
  private final DefaultInterpreter interpreter;
  private final CelOptions options;

  /** No message type, no extension: what a runtime given no file types knows beyond the WKTs. */
  private static final CelDescriptorPool NO_TYPES =
      new CelDescriptorPool() {
        @Override
        public Optional<Descriptor> findDescriptor(String name) {
          return Optional.empty();
        }

        @Override
        public Optional<FieldDescriptor> findExtensionDescriptor(
            Descriptor containingDescriptor, String fieldName) {
          return Optional.empty();
        }

        @Override
        public ExtensionRegistry getExtensionRegistry() {
          return ExtensionRegistry.getEmptyRegistry();
        }
      };

  private static final ProtoMessageFactory NO_MESSAGES =
      new ProtoMessageFactory() {
        @Override
        public Optional<Message.Builder> newBuilder(String messageName) {
          return Optional.empty();
        }

        @Override
        public CelDescriptorPool getDescriptorPool() {
          return NO_TYPES;
        }
      };

  public MapOnlyRuntime(CelOptions options, List<CelFunctionBinding> bindings) {
    this.options = options;
    DefaultDispatcher dispatcher = DefaultDispatcher.create();
    for (CelFunctionBinding f : bindings)
      dispatcher.add(f.getOverloadId(), f.getArgTypes(), args -> f.getDefinition().apply(args));
    this.interpreter =
        new DefaultInterpreter(
            DescriptorTypeResolver.create(),
            new DescriptorMessageProvider(NO_MESSAGES, options),
            dispatcher.immutableCopy(),
            options);
  }

  /** A program of a checked expression, as {@code CelRuntime.createProgram} makes it. */
  public CelRuntime.Program createProgram(CelAbstractSyntaxTree ast) {
    if (!ast.isChecked())
      throw new IllegalStateException("programs must be created from checked expressions");
    return ProgramImpl.from(interpreter.createInterpretable(ast), options);
  }
}
