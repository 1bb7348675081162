// Package md escapes untrusted strings — anything that comes from the input
// file, the configuration or a results file (board codes, cluster names,
// column headers, file names, group labels, example messages) — for the
// places they reach a markdown output: inline text, table cells, code spans
// and fenced code blocks.
//
// The escapes keep the text a reader sees the same and change the bytes of
// ordinary text as little as possible (so "Transportation, Distribution &
// Logistics", "p < 0.001" and "tract_geoid" come out byte for byte), while
// none of these can come through: raw HTML or autolinks (<script>, <img
// onerror=…>, <http://…>), entity references, link or image syntax ([x](y),
// ![x](y), footnote references), emphasis and code-span delimiters, a new
// line (and with it a heading, list item, block quote or table row), a table
// cell separator, or a block marker at the start of the string.
//
// Text written by the program itself needs none of this.
package md

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text escapes s for inline markdown: a paragraph, a list item, a heading,
// an image's alt text or a table cell. Line breaks become spaces, so s stays
// on its line. Cell is the same function under the name for table cells.
func Text(s string) string {
	if safe(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	lead := true // no visible character written yet
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		next := s[i+n:]
		switch {
		case r == '\n' || r == '\r':
			b.WriteByte(' ')
			i += n
			continue
		case r == utf8.RuneError && n == 1:
			b.WriteRune(unicode.ReplacementChar)
		case r < 0x20 && r != '\t', r == 0x7f:
			b.WriteByte(' ') // other control characters: nothing a reader should see
		case r == '\\', r == '`', r == '|', r == '[', r == ']', r == '*', r == '~':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '_':
			// Intraword underscores never emphasise (tract_geoid stays as is).
			if wordBefore(s[:i]) && wordAfter(next) {
				b.WriteByte('_')
			} else {
				b.WriteString(`\_`)
			}
		case r == '<':
			// "<" followed by a space, digit or "=" cannot open a tag or
			// an autolink ("n < 10", "p < 0.001"); anything else is escaped.
			if next == "" || next[0] == ' ' || next[0] == '=' || next[0] >= '0' && next[0] <= '9' {
				b.WriteByte('<')
			} else {
				b.WriteString("&lt;")
			}
		case r == '>' && lead:
			b.WriteString("&gt;")
		case r == '&':
			// Only "&" that could start an entity reference ("&lt;", "&#60;").
			if next != "" && (next[0] == '#' || isLetter(next[0])) {
				b.WriteString("&amp;")
			} else {
				b.WriteByte('&')
			}
		case lead && (r == '#' || r == '-' || r == '+' || r == '='):
			b.WriteByte('\\')
			b.WriteRune(r)
		case lead && r >= '0' && r <= '9':
			// "1. " or "1) " (or a bare "1.") at the start of a list item would start a new list.
			j := 0
			for j < len(s[i:]) && s[i+j] >= '0' && s[i+j] <= '9' {
				j++
			}
			b.WriteString(s[i : i+j])
			i += j
			if i < len(s) && (s[i] == '.' || s[i] == ')') && (i+1 == len(s) || s[i+1] == ' ' || s[i+1] == '\t') {
				b.WriteByte('\\')
				b.WriteByte(s[i])
				i++
			}
			lead = false
			continue
		default:
			b.WriteRune(r)
		}
		if r != ' ' && r != '\t' {
			lead = false
		}
		i += n
	}
	return b.String()
}

// Cell escapes s for a table cell (see Text: "|" and line breaks never
// split or end the row).
func Cell(s string) string { return Text(s) }

// safe reports whether Text would leave s unchanged.
func safe(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c < 0x20 && c != '\t', c == 0x7f, c >= 0x80:
			if c >= 0x80 {
				continue // checked below for invalid UTF-8
			}
			return false
		case strings.IndexByte("\\`|[]*~_<>&#-+=", c) >= 0:
			return false
		}
	}
	if !utf8.ValidString(s) {
		return false
	}
	// A leading digit run followed by "." or ")".
	t := strings.TrimLeft(s, " \t")
	j := 0
	for j < len(t) && t[j] >= '0' && t[j] <= '9' {
		j++
	}
	return !(j > 0 && j < len(t) && (t[j] == '.' || t[j] == ')') && (j+1 == len(t) || t[j+1] == ' ' || t[j+1] == '\t'))
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func wordBefore(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return s != "" && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

func wordAfter(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return s != "" && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// Code returns s as a complete code span, delimiters included: a run of
// backticks longer than any inside s, with a space either side when s starts
// or ends with a backtick or a space (CommonMark strips one). Line breaks
// become spaces. Inside a code span nothing is interpreted, so s shows as it
// is.
func Code(s string) string {
	s = oneLine(s)
	fence := strings.Repeat("`", longestRun(s, '`')+1)
	if s == "" {
		return fence + " " + fence
	}
	if s[0] == '`' || s[len(s)-1] == '`' || s[0] == ' ' && s[len(s)-1] == ' ' {
		s = " " + s + " "
	}
	return fence + s + fence
}

// CodeCell is Code for a table cell: a "|" is escaped even inside the span
// (GitHub splits a row on every unescaped pipe, code spans included, and
// removes the backslash again inside the span).
func CodeCell(s string) string {
	return strings.ReplaceAll(Code(s), "|", `\|`)
}

// Fence returns the backtick fence for a fenced code block holding content:
// at least three backticks and more than the longest run inside content, so
// no line of content can close the block.
func Fence(content string) string {
	return strings.Repeat("`", max(3, longestRun(content, '`')+1))
}

// Line makes s one line of a fenced code block (or of any line-oriented
// output): line breaks and other control characters become spaces, so s
// cannot end the block or the list item holding it.
func Line(s string) string {
	return oneLine(s)
}

// Plain makes s safe for plain-text terminal output (wioa check's text
// format): line breaks, tabs (which would shift tabwriter columns) and other
// control characters, terminal escape sequences included, become spaces.
func Plain(s string) string {
	clean := true
	for _, r := range s {
		if unicode.IsControl(r) || r == utf8.RuneError || r == '\u2028' || r == '\u2029' {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
}

func oneLine(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 && r != '\t' || r == 0x7f }) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' || r == 0x7f {
			return ' '
		}
		return r
	}, s)
}

func longestRun(s string, c byte) int {
	best, cur := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			cur++
			best = max(best, cur)
		} else {
			cur = 0
		}
	}
	return best
}
