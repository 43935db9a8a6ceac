package dev.mlsec.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The mechanism or harm a concern names, read from how it is said rather than from which words of
 * the catalog it shares: who does what to what. "a stranger's issue that tells my assistant to ..."
 * names an instruction given to a model (prompt injection) whatever follows; "cut off for weeks"
 * names a person harmed by an automated decision; "fake-GPS apps looking clean" names input made to
 * fool a model. Each cue is a class of phrasing (a verb of instructing aimed at a model, a verb of
 * moving data out with a private object, a loss that falls on a person, ...) and the catalog
 * threats of that mechanism; a concern can name several. The analysis prefers, among the findings
 * this workflow raised, those whose threat is of a mechanism the concern names ({@link
 * ConcernLinker}). Deterministic: plain regular expressions over the lowercased text.
 */
final class ConcernCues {
  private ConcernCues() {}

  /** A class of phrasing, what it says in a report, and the threats of that mechanism. */
  record Cue(String name, String says, Pattern pattern, Set<String> threats) {}

  private static Cue cue(String name, String says, String regex, String... threats) {
    return new Cue(name, says, Pattern.compile(regex), Set.of(threats));
  }

  private static final String MODEL =
      "(?:bot|chatbot|assistant|agent|model|llm|copilot|ai|it|gpt|classifier|triage)";

  static final List<Cue> CUES =
      List.of(
          cue(
              "instruction",
              "an instruction slipped to the model (prompt injection)",
              "\\b(?:tell|tells|telling|told|instruct\\w*|orders?|ordering|convinc\\w*|persuad\\w*"
                  + "|trick\\w*|talks?|talking|argu(?:e|es|ing)|coax\\w*|manipulat\\w*|sweet-talk\\w*"
                  + "|get(?:s|ting)?|push(?:es|ing)?|steer\\w*)\\s+(?:(?:my|our|the|a|an|this|that)\\s+)?"
                  + "(?:[\\w-]+\\s+)?"
                  + MODEL
                  + "\\s+(?:to|into)\\b"
                  + "|\\b(?:prompt injection|jailbreak\\w*|ignore (?:its|the|previous|all) \\w*\\s*"
                  + "instructions|hidden instructions)\\b",
              "direct-prompt-injection",
              "jailbreak",
              "indirect-prompt-injection",
              "rag-poisoning",
              "llm-social-engineering",
              "agent-hijacking",
              "excessive-agency"),
          cue(
              "exfiltration",
              "private data moved out through what the model can do",
              "\\b(?:copy|copies|copying|send|sends|sending|leak\\w*|posts?|posting|publish\\w*"
                  + "|upload\\w*|exfiltrat\\w*|forward\\w*|e-?mail(?:s|ing)?|opening a public"
                  + "|opens a public)\\b[^.;]{0,50}\\b(?:private|client|confidential|secret|internal"
                  + "|personal|someone else|customers?'|patients?')"
                  + "|\\b(?:someone else'?s?|other (?:users?|customers?|people|patients?)'?s?)\\b"
                  + "[^.;]{0,40}\\b(?:coming out|comes? out|shown|leak\\w*|read out)",
              "agent-data-exfiltration",
              "agent-tool-disclosure",
              "agent-outbound-messages",
              "sensitive-information-disclosure",
              "conversation-history-leak",
              "cross-user-retrieval-leak"),
          cue(
              "decision-harm",
              "a person harmed by an automated decision",
              "\\b(?:cut off|cuts off|deactivat\\w*|suspend(?:s|ed|ing)?|frozen|freez(?:e|es|ing)|banned|fired|sacked|struck off"
                  + "|blacklist\\w*|docked|wrongly (?:flagged|rejected|denied|refused))\\b"
                  + "|\\b(?:cost(?:s|ing)?|lose|loses|losing|lost)\\s+(?:(?:someone|somebody|them|him|her"
                  + "|people|[\\w-]+s)\\s+)?(?:their|his|her|a|the)\\s+(?:bonus|job|pay|income|account"
                  + "|livelihood|licen[cs]e|loan|benefits?|place|shifts?)\\b"
                  + "|\\bno money\\b",
              "unreviewed-decision-stake",
              "unreviewed-actuation",
              "discriminatory-decisions"),
          cue(
              "evasion",
              "input made to fool the model (evasion)",
              "\\bfake[- ](?:gps|locations?|photos?|images?|documents?|ids?|faces?|readings?|signals?)\\b"
                  + "|\\b(?:faked|spoof\\w*|forg(?:e|ed|es|ing)|disguis\\w*|invisible|camouflag\\w*"
                  + "|fool(?:s|ed|ing)?|evad\\w*|dodg\\w*|slip(?:s|ping)? (?:past|through)"
                  + "|get(?:s|ting)? past|adversarial (?:patch|print|sticker|example)s?|stickers?"
                  + "|mumbl\\w*|double speed|gam(?:e|es|ing) the (?:model|score|check|detector))\\b"
                  + "|\\blook(?:s|ing)? (?:clean|normal|legit\\w*|benign|genuine|real)\\b"
                  + "|\\bcalls? it (?:benign|safe|clean|fine|harmless)\\b"
                  + "|\\blearn\\w* [^.;]{0,40}\\bwhich [^.;]{0,30}\\b(?:tick|pass|work|score|slip|get through"
                  + "|trigger)\\w*"
                  + "|\\bso (?:that )?(?:the|our) [\\w-]+(?: [\\w-]+)? (?:calls|marks|rates|scores|reads"
                  + "|thinks|has|sees|misses)\\b",
              "evasion-black-box",
              "evasion-decision-based",
              "evasion-transfer",
              "evasion-white-box",
              "evasion-physical",
              "insider-evasion",
              "media-check-spoofing"),
          cue(
              "crafted-input",
              "content crafted to steer the model's verdict (injection or evasion)",
              "\\b(?:written|crafted|worded|phrased|formatted|made) so (?:that )?(?:the |our |it )",
              "indirect-prompt-injection",
              "evasion-black-box",
              "evasion-transfer",
              "evasion-decision-based"),
          cue(
              "account-login",
              "someone logging in with another's password (valid accounts)",
              "\\bpassword[- ]?(?:only )?log-?ins?\\b|\\b(?:stolen|guess\\w*|reused|phished) passwords?\\b"
                  + "|\\baccount takeover\\b|\\bcredential stuffing\\b|\\blog(?:ging|s)? in as\\b",
              "weak-remote-access-authentication"),
          cue(
              "reliance",
              "the model's answer relied on as binding (misinformation)",
              "\\b(?:honou?r(?:ing)? it|held to|bound by|stuck with|legally binding)\\b"
                  + "|\\b(?:tell\\w*|told|say\\w*|promis\\w*|answer\\w*)\\b[^.;]{0,60}\\bwhen (?:the )?"
                  + "(?:[\\w-]+ )?(?:rules|policy|terms|contract|facts|manual|law)\\b"
                  + "|\\b(?:made[- ]up|hallucinat\\w*|confidently wrong)\\b",
              "llm-misinformation"),
          cue(
              "hidden-behaviour",
              "behaviour hidden in the model (backdoor)",
              "\\b(?:baked[- ]in|hidden (?:behaviou?r|trigger|backdoor)|backdoor\\w*|trojan\\w*"
                  + "|sleeper|trigger (?:word|phrase|pattern)s?|something (?:hidden|planted))\\b",
              "backdoor-data-poisoning",
              "llm-fine-tuning-backdoor",
              "poisoned-pretrained-model"),
          cue(
              "secret-at-rest",
              "a secret lying where other programs can read it",
              "\\b(?:token|password|api[- ]?key|credential|secret)s?\\b[^.;]{0,40}"
                  + "\\b(?:config|file|disk|laptop|plain[- ]?text|dotfile|json|env)\\b",
              "credentials-in-open-store",
              "client-token-theft",
              "secrets-in-notebooks",
              "agent-tool-credential-harvesting"),
          cue(
              "egress-channel",
              "a way out for an implant through an allowed service",
              "\\b(?:talk(?:s|ing)?|call(?:s|ing)?|phon(?:e|es|ing)|beacon\\w*|tunnel\\w*|sneak\\w*)"
                  + " (?:out|home)\\b"
                  + "|\\b(?:domain|host|endpoint|site|service)s? (?:we|they) (?:let|allow)\\w* through\\b"
                  + "|\\bcommand[- ]and[- ]control\\b",
              "ai-api-covert-channel"),
          cue(
              "false-labels",
              "people writing false labels or reports into what the model learns from",
              "\\b(?:accept|approv|click)\\w*(?: accept)? (?:on )?everything\\b"
                  + "|\\brubber[- ]?stamp\\w*"
                  + "|\\b(?:fil(?:e|es|ing)|submit\\w*|report\\w*|flag\\w*)\\b[^.;]{0,40}\\bon purpose\\b"
                  + "|\\b(?:false|fake) (?:reports?|complaints?|labels?|claims?|reviews?|ratings?|clicks?|accounts?"
                  + "|bookings?)\\b",
              "label-poisoning",
              "sybil-poisoning",
              "insider-label-manipulation",
              "feedback-poisoning",
              "feedback-loop-poisoning",
              "poisoned-data-source"));

  /** The cues a concern's text names, in {@link #CUES} order. */
  static List<Cue> of(String text) {
    String t = text.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
    List<Cue> out = new ArrayList<>();
    for (Cue c : CUES) if (c.pattern().matcher(t).find()) out.add(c);
    return out;
  }
}
