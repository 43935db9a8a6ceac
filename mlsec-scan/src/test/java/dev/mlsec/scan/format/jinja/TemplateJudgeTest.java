package dev.mlsec.scan.format.jinja;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real chat templates (transcribed from the public tokenizer configs of Llama 3 / 3.1, Mistral,
 * ChatML, Gemma, Qwen 2.5 and a DeepSeek-style one) are clean; escapes are found however the name
 * is spelled.
 */
class TemplateJudgeTest {

  static Stream<Path> benign() throws Exception {
    Path dir = Path.of(TemplateJudgeTest.class.getResource("benign").toURI());
    return Files.list(dir).sorted();
  }

  @ParameterizedTest
  @MethodSource("benign")
  void realTemplatesAreClean(Path template) throws Exception {
    String t = Files.readString(template, StandardCharsets.UTF_8);
    assertThat(TemplateJudge.judge(t)).as(template.getFileName().toString()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // the classic: unsandboxed Jinja (CVE-2024-34359, llama-cpp-python)
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
        "{{ joiner.__init__.__globals__ }}",
        "{{ namespace.__init__.__globals__ }}",
        "{{ lipsum.__globals__['os'] }}",
        "{{ self._TemplateReference__context }}",
        // item access falls back to attributes in Jinja
        "{{ ''['__class__'] }}",
        "{{ x['\\x5f\\x5fclass\\x5f\\x5f'] }}",
        "{{ x['\\u005f\\u005fclass\\u005f\\u005f'] }}",
        "{{ x['\\137\\137class\\137\\137'] }}",
        "{{ x['\\N{LOW LINE}\\N{LOW LINE}class__'] }}",
        // names built from pieces, without a literal '__' anywhere
        "{{ ()|attr('_' ~ '_cla' ~ 'ss_' ~ '_') }}",
        "{{ ()|attr(['_','_','class','_','_']|join) }}",
        "{{ ()|attr('%c%cclass%c%c' % (95,95,95,95)) }}",
        "{% set n = '_' + '_class_' + '_' %}{{ ()[n] }}",
        "{% set a = '_' %}{% set n = a ~ a ~ 'globals' ~ a ~ a %}{{ cycler.__init__[n] }}",
        "{{ ()|attr('ssalc__'|reverse ~ '__') }}",
        "{{ ()|attr('__CLASS__'|lower) }}",
        "{{ ()|attr('xxclassxx'|replace('x', '_')) }}",
        "{{ ()|attr('__ssalc__'[::-1]) }}",
        "{% set n %}__class__{% endset %}{{ ()[n] }}",
        "{% for n in ['__class__'] %}{{ ()[n] }}{% endfor %}",
        "{{ ()|attr(request.args.x) }}",
        "{{ ()|attr(name) }}",
        "{{ x|map(attribute='__class__')|list }}",
        "{{ x|map('attr', '__class__')|list }}",
        "{{ x|selectattr('__class__')|list }}",
        "{{ x|sort(attribute='__class__.__name__') }}",
        "{{ x|groupby('_private') }}",
        // str.format resolves attribute fields
        "{{ '{0.__class__}'.format(x) }}",
        "{{ ('{0.' ~ 'x}').format(x) }}",
        "{{ x.format_map(y) }}",
        // the format method taken as a value and called later (CVE-2024-56326 class)
        "{% set f = ('{0.' ~ u ~ '}').format %}{{ f(cycler) }}",
        "{% set d = {'f': 'x'.format} %}{{ d.f(cycler) }}",
        "{{ m(('{0.' ~ u ~ '}').format) }}",
        "{% set f = 'x'|attr('format') %}{{ f(cycler) }}",
        "{% set f = 'x'['format'] %}{{ f(cycler) }}",
        "{{ (('x'.format) if a else b)(cycler) }}",
        "{{ ['x']|map(attribute='format')|list }}",
        // frames and code without underscores
        "{{ g.gi_frame.f_globals }}",
        "{{ x.mro() }}",
        // Flask and Jinja globals looked into
        "{{ config.items() }}",
        "{{ self.foo }}",
        "{{ range.x }}",
        "{% filter attr('__class__') %}{% endfilter %}",
        "{{ __builtins__ }}",
      })
  void escapesAreCritical(String template) throws Exception {
    List<TemplateJudge.Problem> p = TemplateJudge.judge(template);
    assertThat(p).as(template).isNotEmpty().anySatisfy(x -> assertThat(x.critical()).isTrue());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{% include 'other.jinja' %}",
        "{% import 'macros.jinja' as m %}",
        "{% from 'macros.jinja' import x as y %}",
        "{% extends 'base.jinja' %}"
      })
  void loadingOtherTemplatesIsReported(String template) throws Exception {
    assertThat(TemplateJudge.judge(template)).as(template).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{{ messages[0]['content'] | trim }}",
        "{{ message.content.split('</think>')[-1] }}",
        "{% set ns = namespace(found=false) %}{% set ns.found = true %}{{ ns.found }}",
        "{{ x|map(attribute='content')|join('\\n') }}",
        "{{ '{}'.format(x) }}",
        "{{ message['format'] }}{{ p.format }}{{ '%c'|format(95) }}",
        "{% if p.format == 'date' or p.format is defined %}{{ 'f: ' ~ p.format }}{% endif %}",
        "{{ messages[loop.index0 - 1] }}",
        "{{ (1, 2)[0] }} {{ {'a': {'b': 1}}['a'] }}",
        "{{ x is divisibleby 3 }}{{ x is not none }}{{ 'a' if x else 'b' }}",
        "{% macro m(a, b=1) %}{{ a }}{% endmacro %}{{ m(1) }}{% call m(2) %}x{% endcall %}",
        "{% for k, v in d|items %}{{ k }}={{ v }}{% endfor %}",
        "{%- if x -%}{%+ if y +%}{%- endif %}{% endif %}",
        "{% generation %}{{ message['content'] }}{% endgeneration %}",
        "{{ raise_exception('x') }}{{ strftime_now('%d %b %Y') }}",
      })
  void benignConstructsAreClean(String template) throws Exception {
    assertThat(TemplateJudge.judge(template)).as(template).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"{{ x ", "{% for %}", "{{ 'unterminated }}", "{{ (1 }}", "{{ x | }}", "{#"})
  void whatJinjaRejectsIsASyntaxError(String template) {
    assertThatThrownBy(() -> TemplateJudge.judge(template))
        .isInstanceOf(JinjaSyntaxException.class);
  }

  @Test
  void deepNestingIsBoundedNotAStackOverflow() {
    String deep = "{{ " + "(".repeat(5000) + "1" + ")".repeat(5000) + " }}";
    assertThatThrownBy(() -> TemplateJudge.judge(deep))
        .isInstanceOf(JinjaSyntaxException.class)
        .hasMessageContaining("nests too deeply");
    String nots = "{{ " + "not ".repeat(5000) + "x }}";
    assertThatThrownBy(() -> TemplateJudge.judge(nots)).hasMessageContaining("nests too deeply");
  }

  @Test
  void stringEscapesDecodeAsPythonDoes() {
    assertThat(JinjaLexer.unescape("\\x5f\\u005f\\U0000005f\\137\\N{LOW LINE}\\n\\q"))
        .isEqualTo("_____\n\\q");
  }
}
