package dev.mlsec.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class HtmlEscapeTest {

  @Property(tries = 500)
  void nothingEscapesTheTextOrTheAttribute(@ForAll String s) {
    String e = Html.escape(s);
    assertThat(e).doesNotContain("<", ">", "\"", "'");
    // Every & starts one of the entities escape writes.
    assertThat(e.replaceAll("&(amp|lt|gt|quot|#39);", "")).doesNotContain("&");
  }

  @Property(tries = 500)
  void printableTextRoundTrips(@ForAll("printable") String s) {
    String back =
        Html.escape(s)
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&");
    assertThat(back).isEqualTo(s);
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<String> printable() {
    return net.jqwik.api.Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(60);
  }
}
