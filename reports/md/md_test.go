package md

import (
	"strings"
	"testing"
)

func TestText(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		// Benign text is unchanged, byte for byte.
		{"Transportation, Distribution & Logistics", "Transportation, Distribution & Logistics"},
		{"adjusted p < 0.001; n < 10", "adjusted p < 0.001; n < 10"},
		{"tract_geoid", "tract_geoid"},
		{"participants.csv", "participants.csv"},
		{"Women completed training 5.6 percentage points less often than men (95% CI −9.7 pp to −1.5 pp)", "Women completed training 5.6 percentage points less often than men (95% CI −9.7 pp to −1.5 pp)"},
		{"High school / equivalency", "High school / equivalency"},
		{"a > b", "a > b"},
		{"", ""},
		// Hostile text is defused.
		{"<script>alert(1)</script>", "&lt;script>alert(1)&lt;/script>"},
		{`<img src=x onerror=alert(1)>`, `&lt;img src=x onerror=alert(1)>`},
		{"<!-- x -->", "&lt;!-- x -->"},
		{"<http://evil.example>", "&lt;http://evil.example>"},
		{"&lt;b&gt;", "&amp;lt;b&amp;gt;"},
		{"&#60;b>", "&amp;#60;b>"},
		{"x\n# Heading", "x # Heading"},
		{"# Heading", `\# Heading`},
		{"  ## Heading", `  \## Heading`},
		{"> quote", "&gt; quote"},
		{"- item", `\- item`},
		{"+ item", `\+ item`},
		{"1. item", `1\. item`},
		{"2024) item", `2024\) item`},
		{"2024 Q3", "2024 Q3"},
		{"14.6% of exiters", "14.6% of exiters"},
		{"3.", `3\.`},
		{"a | b", `a \| b`},
		{"a\r\n| x | y |", `a  \| x \| y \|`},
		{"[click](http://evil)", `\[click\](http://evil)`},
		{"![x](http://evil/x.png)", `!\[x\](http://evil/x.png)`},
		{"[^1]", `\[^1\]`},
		{"`code`", "\\`code\\`"},
		{"**bold** _em_ ~~del~~", `\*\*bold\*\* \_em\_ \~\~del\~\~`},
		{`back\slash\|`, `back\\slash\\\|`},
		{"bell\x07esc\x1b[31m", `bell esc \[31m`},
		{"bad\xffutf8", "bad\uFFFDutf8"},
	} {
		if got := Text(c.in); got != c.want {
			t.Errorf("Text(%q) = %q, want %q", c.in, got, c.want)
		}
		if got := Cell(c.in); got != Text(c.in) {
			t.Errorf("Cell(%q) = %q differs from Text", c.in, got)
		}
	}
}

func TestCode(t *testing.T) {
	for _, c := range []struct{ in, want, cell string }{
		{"PIRL 201", "`PIRL 201`", "`PIRL 201`"},
		{"a`b", "``a`b``", "``a`b``"},
		{"`x`", "`` `x` ``", "`` `x` ``"},
		{"a``b", "```a``b```", "```a``b```"},
		{"x|<script>.csv", "`x|<script>.csv`", "`x\\|<script>.csv`"},
		{"two\nlines", "`two lines`", "`two lines`"},
		{" padded ", "`  padded  `", "`  padded  `"},
		{"", "` `", "` `"},
	} {
		if got := Code(c.in); got != c.want {
			t.Errorf("Code(%q) = %q, want %q", c.in, got, c.want)
		}
		if got := CodeCell(c.in); got != c.cell {
			t.Errorf("CodeCell(%q) = %q, want %q", c.in, got, c.cell)
		}
	}
}

func TestFence(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int
	}{
		{"confidence: 0.95\n", 3},
		{"name: \"```\"\n", 4},
		{"x\n````\n", 5},
		{"a`b``c", 3},
	} {
		if got := Fence(c.in); got != strings.Repeat("`", c.want) {
			t.Errorf("Fence(%q) = %q, want %d backticks", c.in, got, c.want)
		}
	}
}

func TestLineAndPlain(t *testing.T) {
	if got := Line("a\n```\n# b\r"); got != "a ``` # b " {
		t.Errorf("Line = %q", got)
	}
	if got := Line("pirl.csv:4: column \"PIRL 201\""); got != "pirl.csv:4: column \"PIRL 201\"" {
		t.Errorf("Line changed benign text: %q", got)
	}
	if got := Plain("gender\twages\n\x1b[2Jfake line"); got != "gender wages  [2Jfake line" {
		t.Errorf("Plain = %q", got)
	}
	if got := Plain("Transportation, Distribution & Logistics"); got != "Transportation, Distribution & Logistics" {
		t.Errorf("Plain changed benign text: %q", got)
	}
}
