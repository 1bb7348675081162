package pirl

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/bits"
	"strconv"
)

// chunk is what one worker parsed from one block: typed column pieces and
// the quality counts of those rows. Chunks are reused.
type chunk struct {
	seq   int
	lo    int // first row slot in the final columns
	slots int // slots from lo: the block's lines
	rows  int
	bytes int
	buf   []byte // the block, freed after merging
	err   error
	cols  [NumFields]Column
	dicts [NumFields]map[string]int32
	// codeBuf holds the chunk's codes, one byte a row (dest.view).
	codeBuf [NumFields][]uint8
	// dictBuf holds the chunk's dictionary indices (dest.view).
	dictBuf [NumFields][]uint32

	missing, sentinels [NumFields]int
	probs              []Problem
	ragged             int
	raggedEx           []string
	blank, blankLine   int
	notText, notLine   int
	// headers counts lines repeating the header (skipped), multiline rows
	// with a quoted field spanning lines; with the first lines of each.
	headers, multiline       int
	headerLines, multilineAt []int
	// lines marks where the chunk's records start in the file: row r
	// (chunk-local) is on line m.line + r − m.row for the last mark with
	// m.row ≤ r; a mark is added only where that stops holding (the first
	// record, after a blank line, a header line or a multi-line record).
	lines   []lineMark
	lineOff int
}

func (c *chunk) reset(p *plan) {
	c.rows, c.bytes, c.err, c.buf = 0, 0, nil, nil
	for _, pc := range p.cols {
		col := &c.cols[pc.field]
		col.code, col.day, col.u32, col.u16, col.bits, col.Hash = nil, nil, nil, nil, nil, nil
		col.Dict, col.exact = col.Dict[:0], col.exact[:0]
		if pc.kind == KindDict {
			if c.dicts[pc.field] == nil {
				c.dicts[pc.field] = make(map[string]int32)
			}
			clear(c.dicts[pc.field])
		}
	}
	c.missing, c.sentinels = [NumFields]int{}, [NumFields]int{}
	c.probs = c.probs[:0]
	c.ragged, c.raggedEx = 0, c.raggedEx[:0]
	c.blank, c.blankLine, c.notText, c.notLine = 0, 0, 0, 0
	c.headers, c.multiline = 0, 0
	c.headerLines, c.multilineAt = c.headerLines[:0], c.multilineAt[:0]
	c.lines, c.lineOff = c.lines[:0], 0
}

// worker parses blocks. Its scratch space is reused across records, so the
// hot path allocates only when a chunk's slices grow or a new dictionary
// value appears.
type worker struct {
	p       *plan
	ch      *chunk
	fields  []span
	scratch []byte
	digits  []byte
	dsep    [1]byte
	// intern keeps dictionary strings across this worker's chunks, so a
	// value is allocated once per worker rather than once per block.
	intern map[string]string
}

// parse turns the records of b into ch.
func (w *worker) parse(b *block, ch *chunk, t *dest) {
	ch.reset(w.p)
	ch.seq = b.seq
	if b.err != nil {
		ch.err = b.err
		return
	}
	ch.lo, ch.slots = b.lo, b.slots
	t.view(ch, b.lo, b.slots)
	w.ch = ch
	w.dsep[0] = w.p.delim
	buf := b.data
	ch.bytes = len(buf)
	line := b.line
	pos := 0
	for pos < len(buf) {
		end, next := len(buf), len(buf)
		if i := bytes.IndexByte(buf[pos:], '\n'); i >= 0 {
			end, next = pos+i, pos+i+1
		}
		rec := buf[pos:end]
		if ch.rows == ch.slots {
			// Cannot happen (a record takes at least a line); an error
			// rather than an index out of range if it ever did.
			ch.err = fmt.Errorf("%s:%d: internal error: more records than lines in a block", w.p.file, line)
			return
		}
		if b.quoted && bytes.IndexByte(rec, '"') >= 0 {
			used, lines, open := splitRecord(buf[pos:], w.p.delim, &w.fields, &w.scratch)
			if open >= 0 {
				ch.err = fmt.Errorf("%s:%d: unclosed double quote: the quoted field opened on this line runs to the end of the file", w.p.file, line+open)
				return
			}
			if lines > 0 {
				if ch.multiline < MaxExamples {
					ch.multilineAt = append(ch.multilineAt, line)
				}
				ch.multiline++
			}
			w.mark(line)
			w.slowRecord(line)
			if ch.err != nil {
				return
			}
			pos += used
			line += lines + 1
			continue
		}
		if len(trim(rec)) == 0 {
			if ch.blank == 0 {
				ch.blankLine = line
			}
			ch.blank++
		} else {
			w.mark(line)
			if w.fastRecord(rec, line); ch.err != nil {
				return
			}
		}
		pos = next
		line++
	}
}

// mark notes that the next record, if it is one, starts on line.
func (w *worker) mark(line int) {
	ch := w.ch
	off := line - ch.rows
	if len(ch.lines) > 0 && off == ch.lineOff {
		return
	}
	ch.lineOff = off
	if n := len(ch.lines); n > 0 && ch.lines[n-1].row == ch.rows {
		ch.lines[n-1].line = line // the line marked held no record
		return
	}
	ch.lines = append(ch.lines, lineMark{ch.rows, line})
}

// fastRecord parses a record without quotes. Skipped columns are passed
// over eight bytes at a time (skipDelims); nothing is allocated.
func (w *worker) fastRecord(rec []byte, line int) {
	d := w.p.delim
	nf := 1 + bytes.Count(rec, w.dsep[:])
	cols := w.p.cols
	p, idx := 0, 0
	for k := range cols {
		t := cols[k].idx
		if t >= nf {
			for ; k < len(cols); k++ {
				w.blank(k)
			}
			break
		}
		if t > idx {
			p = skipDelims(rec, p, t-idx, d)
			idx = t
		}
		e := p
		for e < len(rec) && rec[e] != d {
			e++
		}
		// A header line inside the data (concatenated extracts): a few
		// comparisons per record before the full check.
		if k == 0 && w.mayBeHeader(rec, p, e) && w.headerAt(rec, line) {
			return
		}
		// The two commonest cases, a blank field and a valid one-digit
		// code, without a call to value.
		switch pc := &cols[k]; {
		case e == p:
			w.ch.missing[pc.field]++
		case e == p+1 && pc.kind == KindCode && rec[p]-'0' < 10 && pc.valid[rec[p]-'0']:
			w.ch.cols[pc.field].code[w.ch.rows] = rec[p] - '0' + 1
		default:
			w.value(k, rec[p:e], line)
		}
		p = e + 1
		idx++
	}
	if nf != w.p.ncols {
		w.raggedRow(line, nf)
	}
	w.ch.rows++
}

const (
	lsb  = 0x0101010101010101
	low7 = 0x7f7f7f7f7f7f7f7f
	msb  = 0x8080808080808080
)

// skipDelims returns the offset just after the n-th delimiter at or after
// rec[p:]; the caller knows there are at least n. Eight bytes are tested at
// once: after XOR with the repeated delimiter, a delimiter byte is zero, and
// ((x&0x7f…)+0x7f…)|x has its top bit clear exactly in the zero bytes
// (no carries cross bytes, unlike the shorter (x-0x01…)&^x trick).
func skipDelims(rec []byte, p, n int, d byte) int {
	dd := lsb * uint64(d)
	for p+8 <= len(rec) {
		x := binary.LittleEndian.Uint64(rec[p:]) ^ dd
		m := ^(((x & low7) + low7) | x) & msb
		c := bits.OnesCount64(m)
		if c < n {
			n -= c
			p += 8
			continue
		}
		for ; n > 1; n-- {
			m &= m - 1
		}
		return p + bits.TrailingZeros64(m)>>3 + 1
	}
	for ; p < len(rec); p++ {
		if rec[p] == d {
			if n--; n == 0 {
				return p + 1
			}
		}
	}
	return len(rec)
}

// slowRecord stores a record already split by splitRecord.
func (w *worker) slowRecord(line int) {
	nf := len(w.fields)
	if nf == 1 && len(trim(w.scratch[w.fields[0].from:w.fields[0].to])) == 0 {
		if w.ch.blank == 0 {
			w.ch.blankLine = line
		}
		w.ch.blank++
		return
	}
	if w.isHeader(line) {
		return
	}
	if nf != w.p.ncols {
		w.raggedRow(line, nf)
	}
	for k := range w.p.cols {
		t := w.p.cols[k].idx
		if t >= nf {
			w.blank(k)
			continue
		}
		s := w.fields[t]
		w.value(k, w.scratch[s.from:s.to], line)
	}
	w.ch.rows++
}

var bom = []byte("\xef\xbb\xbf")

// mayBeHeader is the cheap test, per record without quotes, for a header
// line inside the data: the first column read, rec[p:e], holds its own
// header name, or the first field is the first header name (or starts
// with a byte-order mark). A few comparisons for a data record; headerAt,
// which copies the record, decides.
func (w *worker) mayBeHeader(rec []byte, p, e int) bool {
	if f := w.p.first; e-p >= len(f) && (rec[e-1] == f[len(f)-1] || isBlank(rec[e-1])) &&
		bytes.Equal(trim(bytes.TrimPrefix(trim(rec[p:e]), bom)), f) {
		return true
	}
	f := w.p.raw0
	if n := len(f); n > 0 && len(rec) > n && rec[0] == f[0] && (rec[n] == w.p.delim || isBlank(rec[n])) && bytes.HasPrefix(rec, f) {
		return true
	}
	return rec[0] == bom[0]
}

// headerAt is isHeader for a record without quotes.
func (w *worker) headerAt(rec []byte, line int) bool {
	splitRecord(rec, w.p.delim, &w.fields, &w.scratch)
	return w.isHeader(line)
}

// name is field i of the record split into w.fields, trimmed; the first
// field may carry a byte-order mark (a second file's, after concatenation).
func (w *worker) name(i int) []byte {
	s := w.fields[i]
	v := trim(w.scratch[s.from:s.to])
	if i == 0 {
		v = trim(bytes.TrimPrefix(v, bom))
	}
	return v
}

// isHeader reports whether the record split into w.fields is a header line
// inside the data (concatenated extracts, multi-member gzip), which is then
// not read as a record. It is one when it repeats line 1's names (spaces,
// a byte-order mark and the line end aside), or when its names, matched as
// line 1's are, find every required field line 1 has and at least one:
// counted as a repeated header when every field is in the same column as
// on line 1 (other names, or other unread columns), and an error when not,
// since the rows after it would be read from the wrong columns.
func (w *worker) isHeader(line int) bool {
	p := w.p
	if p.first == nil {
		return false
	}
	nf := len(w.fields)
	if nf == p.ncols {
		same := true
		for i := 0; i < nf && same; i++ {
			same = bytes.Equal(w.name(i), p.raw[i])
		}
		if same {
			w.headerLine(line)
			return true
		}
	}
	i0 := p.cols[0].idx
	if !(i0 < nf && bytes.Equal(w.name(i0), p.first)) && !(len(p.raw0) > 0 && bytes.Equal(w.name(0), p.raw0)) {
		return false
	}
	names := make([]string, nf)
	for i := range names {
		names[i] = headerName(w.name(i)) // as line 1's were read
	}
	q := makePlan(p.file, names, p.over)
	var at, at2 [NumFields]int
	for f := range at {
		at[f], at2[f] = -1, -1
	}
	for _, c := range p.cols {
		at[c.field] = c.idx
	}
	for _, c := range q.cols {
		at2[c.field] = c.idx
	}
	required := 0
	for f := range NumFields {
		if Elements[f].Required && at[f] >= 0 {
			if at2[f] < 0 {
				return false // a record after all
			}
			required++
		}
	}
	if required == 0 {
		return false
	}
	for f := range NumFields {
		if at[f] == at2[f] {
			continue
		}
		var how string
		switch {
		case at2[f] < 0:
			how = fmt.Sprintf("%s is column %d on line 1, absent here", f, at[f]+1)
		case at[f] < 0:
			how = fmt.Sprintf("%s is column %d here, absent on line 1", f, at2[f]+1)
		default:
			how = fmt.Sprintf("%s is column %d here, %d on line 1", f, at2[f]+1, at[f]+1)
		}
		w.ch.err = fmt.Errorf("%s:%d: a header line with other columns than line 1's (%s): the file joins extracts of different layouts; split it before this line and read each part", p.file, line, how)
		return true
	}
	w.headerLine(line)
	return true
}

func (w *worker) headerLine(line int) {
	ch := w.ch
	if ch.headers < MaxExamples {
		ch.headerLines = append(ch.headerLines, line)
	}
	ch.headers++
}

func (w *worker) raggedRow(line, nf int) {
	ch := w.ch
	ch.ragged++
	if len(ch.raggedEx) < MaxExamples {
		how := "missing trailing fields read as blank"
		if nf > w.p.ncols {
			how = "extra fields ignored"
		}
		ch.raggedEx = append(ch.raggedEx, fmt.Sprintf("%s:%d: %d fields, the header has %d (%s)", w.p.file, line, nf, w.p.ncols, how))
	}
}

// blank counts a blank value of column k; its slot holds the missing
// marker already (dest.view).
func (w *worker) blank(k int) {
	w.ch.missing[w.p.cols[k].field]++
}

// value parses one field into column k.
func (w *worker) value(k int, v []byte, line int) {
	pc := &w.p.cols[k]
	if len(v) == 0 {
		w.blank(k)
		return
	}
	if isBlank(v[0]) || isBlank(v[len(v)-1]) {
		if v = trim(v); len(v) == 0 {
			w.blank(k)
			return
		}
	}
	c := &w.ch.cols[pc.field]
	switch pc.kind {
	case KindCode:
		if x := v[0] - '0'; len(v) == 1 && x < 10 && pc.valid[x] {
			c.code[w.ch.rows] = x + 1
			return
		}
		x := parseCode(v)
		if x < 0 || x > 127 || !pc.valid[x] {
			w.bad(pc, v, line, reasonCode)
			return
		}
		c.code[w.ch.rows] = uint8(x) + 1
	case KindDate:
		z, why := parseDate(v, w.p.maxDay)
		if why != "" {
			w.bad(pc, v, line, why)
			return
		}
		c.day[w.ch.rows] = uint16(z - dayBase) // parseDate keeps z within [1900-01-01, MaxDate]
	case KindMoney:
		x, why := parseMoney(v)
		if why != "" {
			w.bad(pc, v, line, why)
			return
		}
		if x == sentinelWage {
			w.ch.sentinels[pc.field]++
			return // kept as a blank (NaN); counted apart
		} else if !(x <= pc.maxAmount) { // NaN too, though parseMoney never returns one
			w.bad(pc, v, line, pc.tooLarge)
			return
		}
		if c.u32 == nil { // checkOnly
			return
		}
		b, exact := moneyBits(x)
		c.u32[w.ch.rows] = b
		if exact {
			c.exact = append(c.exact, exactValue{w.ch.rows, x})
		}
	case KindFloat:
		x, ok := parseDecimal(v, false)
		if !ok {
			w.bad(pc, v, line, reasonNumber)
			return
		}
		if c.bits != nil { // not checkOnly
			c.bits[w.ch.rows] = floatBits(x)
		}
	case KindID:
		if !isText(v) {
			w.bad(pc, v, line, reasonText)
			return
		}
		c.Hash[w.ch.rows] = fnv1a(v)
	case KindDict:
		if !isText(v) {
			w.bad(pc, v, line, reasonText)
			return
		}
		if pc.digits {
			w.digits = w.digits[:0]
			for _, b := range v {
				if b >= '0' && b <= '9' {
					w.digits = append(w.digits, b)
				}
			}
			if len(w.digits) == 0 {
				w.bad(pc, v, line, reasonOccCode)
				return
			}
			v = w.digits
		}
		if c.u32 == nil { // checkOnly
			return
		}
		m := w.ch.dicts[pc.field]
		i, ok := m[string(v)]
		if !ok {
			s, seen := w.intern[string(v)]
			if !seen {
				if w.intern == nil {
					w.intern = make(map[string]string)
				}
				s = string(v)
				w.intern[s] = s
			}
			i = int32(len(c.Dict))
			c.Dict = append(c.Dict, s)
			m[s] = i
		}
		c.u32[w.ch.rows] = uint32(i + 1)
	case KindGEOID:
		g, why := parseGEOID(v)
		if why != "" {
			w.bad(pc, v, line, why)
			return
		}
		c.Hash[w.ch.rows] = g
	case KindInt:
		x, ok := parseInt(v)
		if !ok {
			w.bad(pc, v, line, reasonInteger)
			return
		}
		if c.u32 != nil { // not checkOnly
			c.u32[w.ch.rows] = uint32(x) ^ intFlip
		}
	}
}

// bad records an invalid value: counted per (field, reason) with the first
// examples, and left missing.
func (w *worker) bad(pc *column, v []byte, line int, why string) {
	ch := w.ch
	if !isText(v) {
		if ch.notText == 0 {
			ch.notLine = line
		}
		ch.notText++
	}
	var pr *Problem
	for i := range ch.probs {
		if ch.probs[i].Field == pc.field && ch.probs[i].Reason == why {
			pr = &ch.probs[i]
			break
		}
	}
	if pr == nil {
		ch.probs = append(ch.probs, Problem{Field: pc.field, Reason: why})
		pr = &ch.probs[len(ch.probs)-1]
	}
	pr.Count++
	if len(pr.Examples) < MaxExamples {
		pr.Examples = append(pr.Examples, example(w.p.file, line, pc, v, why))
	}
}

// maxShown is the longest invalid code value quoted in a message: longer
// than any code, shorter than a date, a ZIP or most names.
const maxShown = 4

// example is the message for an invalid value: file, line, column and
// reason, quoting the value only when it is a code (Kind.ShowsValue) short
// and plain enough to be one:
//
//	f.csv:7: column "PIRL 201": value "7" is not a valid code
//	f.csv:9: column "PIRL 1704": value (withheld) is negative
func example(file string, line int, pc *column, v []byte, why string) string {
	if pc.kind.ShowsValue() && len(v) <= maxShown && plainASCII(v) {
		return fmt.Sprintf("%s:%d: column %q: value %s %s", file, line, pc.header, strconv.Quote(string(v)), why)
	}
	return fmt.Sprintf("%s:%d: column %q: value (withheld) %s", file, line, pc.header, why)
}

// plainASCII reports whether b is printable ASCII only.
func plainASCII(b []byte) bool {
	for _, c := range b {
		if c < ' ' || c > '~' {
			return false
		}
	}
	return true
}

// merger places chunks, in file order, in the Data.
type merger struct {
	d     *Data
	p     *plan
	dicts [NumFields]map[string]int32
	remap []int32
}

func (m *merger) init(d *Data, p *plan) {
	m.d, m.p = d, p
	for _, pc := range p.cols {
		if pc.kind == KindDict {
			m.dicts[pc.field] = make(map[string]int32)
		}
	}
}

// dictRemap adds a chunk's dictionary of field f to the file's and returns
// chunk index → file index, or nil when they are the same.
func (m *merger) dictRemap(f Field, src *Column) []int32 {
	dst := &m.d.Cols[f]
	m.remap = m.remap[:0]
	gm := m.dicts[f]
	same := true
	for i, s := range src.Dict {
		g, ok := gm[s]
		if !ok {
			g = int32(len(dst.Dict))
			dst.Dict = append(dst.Dict, s)
			gm[s] = g
		}
		same = same && g == int32(i)
		m.remap = append(m.remap, g)
	}
	if same {
		return nil
	}
	return m.remap
}

func (m *merger) add(ch *chunk, r *reading, t *dest) {
	d := m.d
	q := &d.Quality
	t.mu.RLock()
	t.place(ch, d.Rows, m.dictRemap)
	t.mu.RUnlock()
	for _, pc := range m.p.cols {
		f := pc.field
		q.Missing[f] += ch.missing[f]
		q.Sentinels[f] += ch.sentinels[f]
	}
	for _, p := range ch.probs {
		merged := false
		for i := range q.Problems {
			qp := &q.Problems[i]
			if qp.Field == p.Field && qp.Reason == p.Reason {
				qp.Count += p.Count
				for _, e := range p.Examples {
					if len(qp.Examples) < MaxExamples {
						qp.Examples = append(qp.Examples, e)
					}
				}
				merged = true
				break
			}
		}
		if !merged {
			q.Problems = append(q.Problems, Problem{Field: p.Field, Reason: p.Reason, Count: p.Count, Examples: append([]string(nil), p.Examples...)})
		}
	}
	q.RaggedRows += ch.ragged
	for _, e := range ch.raggedEx {
		if len(q.RaggedExamples) < MaxExamples {
			q.RaggedExamples = append(q.RaggedExamples, e)
		}
	}
	if ch.blank > 0 {
		if r.blank == 0 {
			r.blankLine = ch.blankLine
		}
		r.blank += ch.blank
	}
	if ch.notText > 0 {
		if r.notText == 0 {
			r.notTextLine = ch.notLine
		}
		r.notText += ch.notText
	}
	q.RepeatedHeaders += ch.headers
	q.RepeatedHeaderLines = appendMax(q.RepeatedHeaderLines, ch.headerLines)
	q.MultilineRows += ch.multiline
	q.MultilineLines = appendMax(q.MultilineLines, ch.multilineAt)
	for _, m := range ch.lines {
		if m.row >= ch.rows {
			break // after the chunk's last record
		}
		g := lineMark{d.Rows + m.row, m.line}
		if n := len(d.lines); n == 0 || d.lines[n-1].line-d.lines[n-1].row != g.line-g.row {
			d.lines = append(d.lines, g)
		}
	}
	d.Rows += ch.rows
}

// appendMax appends from src to dst up to MaxExamples elements in all.
func appendMax(dst, src []int) []int {
	for _, x := range src {
		if len(dst) == MaxExamples {
			break
		}
		dst = append(dst, x)
	}
	return dst
}
