package dev.mlsec.discover.source;

import dev.mlsec.discover.Draft;
import dev.mlsec.discover.Evidence;
import dev.mlsec.discover.Repository;
import dev.mlsec.discover.Source;
import dev.mlsec.discover.read.PythonCalls;
import dev.mlsec.model.ComponentKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Code that uses large language models: the clients of hosted model APIs (Python and JavaScript
 * SDKs), LangChain and LlamaIndex chat models, tools and retrievers, and the document loaders that
 * fill the retrievers. In one file, retrievers feed the models and the models call the tools.
 */
public final class LlmClientSource implements Source {
  private static final Pattern WEB_LOADERS =
      Pattern.compile(
          "WebBaseLoader|RecursiveUrlLoader|SitemapLoader|AsyncHtmlLoader|SimpleWebPageReader|BeautifulSoupWebReader");
  private static final Pattern MAIL_LOADERS =
      Pattern.compile("GmailLoader|OutlookMessageLoader|GmailReader");
  private static final Pattern JS_FILE = Pattern.compile(".*\\.(js|mjs|cjs|ts|tsx)$");
  private static final Pattern LOCAL =
      Pattern.compile("https?://(localhost|127\\.0\\.0\\.1|0\\.0\\.0\\.0|\\[::1\\]).*");
  static final String NAME = "llm";

  /** Constructor or function (last part of the name) -> the API it talks to. */
  private static final Map<String, String> CLIENTS =
      Map.ofEntries(
          Map.entry("OpenAI", "openai-api"),
          Map.entry("AsyncOpenAI", "openai-api"),
          Map.entry("AzureOpenAI", "azure-openai-api"),
          Map.entry("ChatOpenAI", "openai-api"),
          Map.entry("AzureChatOpenAI", "azure-openai-api"),
          Map.entry("Anthropic", "anthropic-api"),
          Map.entry("AsyncAnthropic", "anthropic-api"),
          Map.entry("ChatAnthropic", "anthropic-api"),
          Map.entry("GenerativeModel", "gemini-api"),
          Map.entry("ChatGoogleGenerativeAI", "gemini-api"),
          Map.entry("Mistral", "mistral-api"),
          Map.entry("ChatMistralAI", "mistral-api"),
          Map.entry("Groq", "groq-api"),
          Map.entry("ChatGroq", "groq-api"),
          Map.entry("ClientV2", "cohere-api"),
          Map.entry("ChatCohere", "cohere-api"),
          Map.entry("ChatBedrock", "bedrock-api"),
          Map.entry("ChatOllama", "ollama"),
          Map.entry("Ollama", "ollama"));

  /** Modules the client names must come from, so a local class called OpenAI is not taken. */
  private static final List<String> MODULES =
      List.of(
          "openai",
          "anthropic",
          "google",
          "mistralai",
          "groq",
          "cohere",
          "langchain",
          "langchain_core",
          "langchain_openai",
          "langchain_anthropic",
          "langchain_google_genai",
          "langchain_mistralai",
          "langchain_groq",
          "langchain_cohere",
          "langchain_aws",
          "langchain_ollama",
          "langchain_community",
          "llama_index",
          "ollama");

  private static final Pattern JS_IMPORT =
      Pattern.compile(
          "(?:from\\s+|require\\(\\s*)['\"](openai|@anthropic-ai/sdk|@google/generative-ai|@google/genai|@mistralai/mistralai|groq-sdk|cohere-ai|@langchain/[a-z-]+)['\"]");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void read(Repository repo, Draft draft) {
    for (String py : repo.files(f -> f.endsWith(".py"))) {
      repo.python(py).ifPresent(code -> python(draft, py, code));
    }
    for (String js :
        repo.files(
            f -> JS_FILE.matcher(f).matches() && !f.endsWith(".d.ts") && !f.contains(".min."))) {
      javascript(repo, draft, js);
    }
  }

  private static boolean fromModule(String qualified) {
    return MODULES.stream().anyMatch(m -> qualified.startsWith(m + "."));
  }

  private void python(Draft draft, String py, PythonCalls code) {
    List<Draft.Part> llms = new ArrayList<>();
    List<Draft.Part> retrievers = new ArrayList<>();
    List<Draft.Part> tools = new ArrayList<>();
    List<String> content = new ArrayList<>();
    for (PythonCalls.Call c : code.calls()) {
      String last = c.name().substring(c.name().lastIndexOf('.') + 1);
      Evidence e = Evidence.at(py, c.line(), last);
      String api = CLIENTS.get(last);
      if (api != null && fromModule(c.qualified())) {
        Optional<String> base =
            c.keyword("base_url").or(() -> c.keyword("host")).flatMap(PythonCalls.Arg::string);
        boolean local =
            api.equals("ollama") || base.map(b -> LOCAL.matcher(b).matches()).orElse(false);
        String id =
            local && !api.equals("ollama") ? api.replace("-api", "") + "-compatible-local" : api;
        Draft.Part llm =
            draft
                .component(id, ComponentKind.LLM)
                .name(id.replace('-', ' '))
                .because(e, NAME)
                .set(
                    "hosting",
                    local ? "self-hosted" : "third-party-api",
                    Evidence.at(py, c.line(), local ? "a local endpoint" : last + " client"));
        c.keyword("model")
            .flatMap(PythonCalls.Arg::string)
            .ifPresent(m -> llm.note("model " + m + " (" + e.where() + ")"));
        llms.add(llm);
      } else if ((last.equals("Tool")
              || last.equals("from_function")
              || last.equals("from_defaults"))
          && fromModule(c.qualified())) {
        String name =
            c.keyword("name")
                .flatMap(PythonCalls.Arg::string)
                .orElse(
                    c.keyword("fn")
                        .or(() -> c.keyword("func"))
                        .map(PythonCalls.Arg::text)
                        .orElse(""));
        if (!name.isBlank()) tools.add(tool(draft, name, e));
      } else if (last.equals("as_retriever")
          || last.equals("as_query_engine")
          || ((last.equals("from_documents") || last.equals("from_texts"))
              && fromModule(c.qualified()))) {
        // one index per file: a store built here and its retriever are the same thing
        if (retrievers.isEmpty()) {
          String store =
              fromModule(c.qualified()) && c.name().contains(".")
                  ? c.name().substring(0, c.name().indexOf('.'))
                  : "retrieval";
          retrievers.add(
              draft
                  .component(
                      Words.stem(py) + "-" + store.toLowerCase(java.util.Locale.ROOT),
                      ComponentKind.RETRIEVAL)
                  .name("retrieval index built in " + py));
        }
        retrievers.get(0).because(e, NAME);
      } else if (WEB_LOADERS.matcher(last).matches()) {
        content.add("public-web");
      } else if (MAIL_LOADERS.matcher(last).matches()) {
        content.add("external-email");
      }
    }
    for (PythonCalls.Decorated d : code.decorators()) {
      String q = d.decorator().qualified();
      if ((q.endsWith(".tool") || q.equals("tool")) && fromModule(q) && !d.target().isEmpty()) {
        tools.add(tool(draft, d.target(), Evidence.at(py, d.decorator().line(), "@tool")));
      }
    }
    for (Draft.Part r : retrievers) {
      if (!content.isEmpty())
        r.set(
            "content",
            List.copyOf(new java.util.LinkedHashSet<>(content)),
            Evidence.at(py, 0, "document loaders in the same file"));
      for (Draft.Part l : llms) draft.flow(r, l, Evidence.at(py, 0, "in the same file"));
    }
    for (Draft.Part l : llms)
      for (Draft.Part t : tools) draft.flow(l, t, Evidence.at(py, 0, "in the same file"));
  }

  private static Draft.Part tool(Draft draft, String name, Evidence e) {
    return draft
        .component(name, ComponentKind.AGENT_TOOL)
        .name("tool " + name)
        .because(e, NAME)
        .set(
            "source", "first-party", Evidence.at(e.file(), e.line(), "defined in this repository"));
  }

  private void javascript(Repository repo, Draft draft, String js) {
    Optional<String> text = repo.text(js);
    if (text.isEmpty()) return;
    String[] lines = text.get().split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      Matcher m = JS_IMPORT.matcher(lines[i]);
      while (m.find()) {
        String pkg = m.group(1);
        String api =
            switch (pkg) {
              case "openai" -> "openai-api";
              case "@anthropic-ai/sdk" -> "anthropic-api";
              case "@google/generative-ai", "@google/genai" -> "gemini-api";
              case "@mistralai/mistralai" -> "mistral-api";
              case "groq-sdk" -> "groq-api";
              case "cohere-ai" -> "cohere-api";
              default -> null;
            };
        if (api == null) continue; // @langchain packages: the provider package says which API
        Evidence e = Evidence.at(js, i + 1, "imports " + pkg);
        draft
            .component(api, ComponentKind.LLM)
            .name(api.replace('-', ' '))
            .because(e, NAME)
            .set("hosting", "third-party-api", e);
      }
    }
  }
}
