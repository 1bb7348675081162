package pirl

import (
	"bytes"
	"errors"
	"fmt"
	"io"
)

// A block is a run of whole records cut from the input, parsed by one worker.
type block struct {
	seq    int
	data   []byte
	line   int  // file line of data[0]
	lines  int  // newlines in data
	lo     int  // first row slot of the final columns given to it
	slots  int  // row slots from lo: at most one row per line
	quoted bool // data holds at least one double quote (slow path needed somewhere)
	err    error
}

// maxRecord bounds one record; a longer one is almost always an unclosed
// quote swallowing the rest of the file, and would otherwise use memory
// proportional to the file.
const maxRecord = 64 << 20

// splitter cuts the decompressed input into blocks that end at a record
// boundary: a newline outside double quotes. Every block starts outside
// quotes, so the parity of the number of '"' before a newline tells whether
// it ends a record (doubled quotes inside quoted fields count twice).
type splitter struct {
	name  string
	src   io.Reader
	size  int // target block size
	carry []byte
	line  int
	seq   int
	eof   bool
	qpos  []int
	// get returns an empty buffer to fill (nil when reading was cancelled).
	get func() []byte
}

// next returns the next block, or io.EOF after the last one.
func (s *splitter) next() (*block, error) {
	if s.eof && len(s.carry) == 0 {
		return nil, io.EOF
	}
	buf := s.get()
	if buf == nil {
		return nil, errCancelled
	}
	if cap(buf) < s.size {
		buf = make([]byte, 0, s.size)
	}
	buf = append(buf[:0], s.carry...)
	s.carry = s.carry[:0]
	end := 0
	for {
		if !s.eof {
			var err error
			buf, err = s.fill(buf)
			if err != nil {
				return nil, fmt.Errorf("%s: reading after line %d: %w", s.name, s.line+bytes.Count(buf, nl), err)
			}
		}
		if s.eof {
			end = len(buf)
			break
		}
		if end = lastBoundary(buf, &s.qpos); end > 0 {
			break
		}
		if len(buf) >= maxRecord {
			return nil, fmt.Errorf("%s:%d: a record longer than %d MB starts here; probably an unclosed double quote", s.name, s.line, maxRecord>>20)
		}
		nb := make([]byte, len(buf), 2*cap(buf))
		copy(nb, buf)
		buf = nb
	}
	s.carry = append(s.carry, buf[end:]...)
	buf = buf[:end]
	if len(buf) == 0 {
		return nil, io.EOF
	}
	b := &block{seq: s.seq, data: buf, line: s.line, quoted: bytes.IndexByte(buf, '"') >= 0, lines: bytes.Count(buf, nl)}
	s.seq++
	s.line += b.lines
	return b, nil
}

var (
	nl           = []byte{'\n'}
	errCancelled = errors.New("cancelled")
)

// fill reads until buf is full or the input ends. io.EOF sets s.eof; any
// other error (including io.ErrUnexpectedEOF from a truncated gzip stream)
// is returned.
func (s *splitter) fill(buf []byte) ([]byte, error) {
	for len(buf) < cap(buf) {
		n, err := s.src.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			s.eof = true
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
	return buf, nil
}

// lastBoundary returns the offset just after the last newline of b that is
// outside double quotes, or 0 when there is none. b starts outside quotes.
func lastBoundary(b []byte, qs *[]int) int {
	if bytes.IndexByte(b, '"') < 0 {
		return bytes.LastIndexByte(b, '\n') + 1
	}
	q := (*qs)[:0]
	for i := 0; ; {
		j := bytes.IndexByte(b[i:], '"')
		if j < 0 {
			break
		}
		q = append(q, i+j)
		i += j + 1
	}
	*qs = q
	// Region k lies between quote k-1 and quote k; it is outside quotes
	// when k is even.
	for k := len(q) &^ 1; k >= 0; k -= 2 {
		lo, hi := 0, len(b)
		if k > 0 {
			lo = q[k-1] + 1
		}
		if k < len(q) {
			hi = q[k]
		}
		if j := bytes.LastIndexByte(b[lo:hi], '\n'); j >= 0 {
			return lo + j + 1
		}
	}
	return 0
}

// span is one field of a record split by splitRecord: scratch[from:to].
type span struct{ from, to int }

// splitRecord splits the record at the start of b into fields, removing
// quotes ("" inside quotes is one quote) into *scratch. It returns the bytes
// used (including the newline), the newlines inside, and, when the input ended
// inside quotes, open ≥ 0: the count of newlines before the unclosed quote.
// Any '"' toggles quoting, as in lastBoundary, so the two always agree.
func splitRecord(b []byte, delim byte, fields *[]span, scratch *[]byte) (used, lines, open int) {
	f := (*fields)[:0]
	s := (*scratch)[:0]
	start := 0
	inq := false
	open = -1
	i := 0
	for ; i < len(b); i++ {
		c := b[i]
		if inq {
			switch c {
			case '"':
				if i+1 < len(b) && b[i+1] == '"' {
					s = append(s, '"')
					i++
				} else {
					inq = false
				}
			case '\n':
				lines++
				s = append(s, c)
			default:
				s = append(s, c)
			}
			continue
		}
		switch c {
		case '"':
			inq = true
			open = lines
		case delim:
			f = append(f, span{start, len(s)})
			start = len(s)
		case '\n':
			f = append(f, span{start, len(s)})
			*fields, *scratch = f, s
			return i + 1, lines, -1
		default:
			s = append(s, c)
		}
	}
	f = append(f, span{start, len(s)})
	*fields, *scratch = f, s
	if !inq {
		open = -1
	}
	return i, lines, open
}
