package dev.mlsec.scan.format;

import dev.mlsec.scan.ScanContext;
import dev.mlsec.scan.ScanRule;
import java.util.List;
import java.util.Map;

/**
 * Chat templates outside GGUF, judged as GGUF's are: a {@code tokenizer_config.json} or processor
 * {@code chat_template.json} with {@code chat_template} as a string, a list of {@code {"name",
 * "template"}} entries or a map of named templates (what transformers loads and renders), and a
 * {@code chat_template.jinja} file (transformers &gt;= 4.43 saves the template as its own file).
 */
public final class ChatTemplates {
  private ChatTemplates() {}

  private static final String KEY = "chat_template";

  /** The chat templates a parsed JSON document carries at its top level. */
  public static void judgeJson(ScanContext ctx, String member, Object root) {
    if (!(root instanceof Map<?, ?> m)) return;
    Object t = m.get(KEY);
    if (t instanceof String s) judgeText(ctx, member, KEY, s);
    else if (t instanceof List<?> l) {
      int i = 0;
      for (Object e : l) {
        if (e instanceof Map<?, ?> named && named.get("template") instanceof String s)
          judgeText(ctx, member, KEY + "[" + label(named.get("name"), i) + "]", s);
        else if (e instanceof String s) judgeText(ctx, member, KEY + "[" + i + "]", s);
        i++;
      }
    } else if (t instanceof Map<?, ?> byName)
      for (Map.Entry<?, ?> e : byName.entrySet())
        if (e.getValue() instanceof String s) judgeText(ctx, member, KEY + "." + e.getKey(), s);
  }

  private static String label(Object name, int index) {
    return name instanceof String s ? s : String.valueOf(index);
  }

  /** One template's text; {@code key} names where it was found (a JSON key, a file name). */
  public static void judgeText(ScanContext ctx, String member, String key, String tpl) {
    Gguf.template(ctx, member, 0, key, tpl, ScanRule.CHAT_TEMPLATE);
  }
}
