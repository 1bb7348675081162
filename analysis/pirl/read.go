package pirl

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/klauspost/compress/gzip"

	"github.com/wioa-equity/wioa/analysis/internal/colmem"
)

// Options control Read.
type Options struct {
	// Columns overrides header matching: field → exact header text
	// (from --columns FILE or the config).
	Columns map[Field]string
	// Workers is the number of parsing goroutines; 0 means GOMAXPROCS.
	Workers int
	// Progress, when a terminal, receives a progress line (rows, MB/s,
	// time left). Nil or not a terminal: silent.
	Progress io.Writer
	// Layout, when not nil, names the file's columns in order (--layout,
	// ResolveLayout): the file has no header row and is read by position.
	// A header row at line 1 all the same is recognised, reported and
	// skipped. LayoutName names it in messages ("puf-py2022q4", a file).
	Layout     []string
	LayoutName string
	// Member is the file to read from a .zip archive holding several.
	Member string

	// noHash leaves the SHA-256 to the caller (a zip member is read
	// decompressed; the digest is of the archive).
	noHash bool
}

// defaultBlock is the size of the blocks handed to workers: large enough that
// per-block overhead vanishes, small enough that a few in flight stay cheap.
const defaultBlock = 4 << 20

// now is the clock for the "date in the far future" check; tests pin it.
var now = time.Now

// testHookHeader, when set by a test, runs once the header is read, while
// the rest of the input is still to be read.
var testHookHeader func()

// Read reads a PIRL participant file ("-" = standard input). Gzip input is
// recognised by its magic bytes, whatever the name. When required columns are
// missing, Read returns the data read from the other columns together with a
// *MissingColumnsError, so that a quality report can still be written; any
// other error returns nil data.
func Read(path string, opts Options) (*Data, error) {
	if path == "-" {
		return read(os.Stdin, "<stdin>", opts, -1, defaultBlock)
	}
	return readFile(path, opts, defaultBlock)
}

// readFile is Read of a named file with a given block size. For a regular
// file it checks that the file did not change while it was read: its size
// and modification time, taken from the open file before and after, must
// agree, and the bytes read must be its size at the start; otherwise the
// rows, the byte count and the SHA-256 would not describe one file.
func readFile(path string, opts Options, blockSize int) (*Data, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	size := int64(-1)
	st0, err := f.Stat()
	regular := err == nil && st0.Mode().IsRegular()
	if regular {
		size = st0.Size()
	}
	var d *Data
	if regular && isZip(f) {
		d, err = readZip(f, path, opts, size, blockSize)
	} else {
		d, err = read(f, path, opts, size, blockSize)
	}
	if d == nil || !regular {
		return d, err
	}
	if cerr := unchanged(f, path, st0, d.Quality.Bytes); cerr != nil {
		return nil, cerr
	}
	return d, err
}

// ErrChanged is wrapped by the error Read returns when the file changed
// while it was read.
var ErrChanged = errors.New("the file changed while it was being read")

// unchanged checks an open regular file against its state st0 when opened,
// n bytes having been read from it.
func unchanged(f *os.File, path string, st0 os.FileInfo, n int64) error {
	st1, err := f.Stat()
	if err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}
	var what []string
	if n != st0.Size() || st1.Size() != st0.Size() {
		what = append(what, fmt.Sprintf("%d bytes when opened, %d read, %d after reading", st0.Size(), n, st1.Size()))
	}
	if !st1.ModTime().Equal(st0.ModTime()) {
		what = append(what, fmt.Sprintf("modified at %s, then at %s", st0.ModTime().Format(time.RFC3339Nano), st1.ModTime().Format(time.RFC3339Nano)))
	}
	if len(what) == 0 {
		return nil
	}
	return fmt.Errorf("%s: %w (%s): the rows, byte count and SHA-256 would not describe one file; run again once it is completely written, or on a copy", path, ErrChanged, strings.Join(what, "; "))
}

// ReadFrom reads a PIRL participant file from r; name is used in messages.
func ReadFrom(r io.Reader, name string, opts Options) (*Data, error) {
	return read(r, name, opts, -1, defaultBlock)
}

// hashReader hashes and counts the bytes as stored, before decompression.
type hashReader struct {
	r io.Reader
	h hash.Hash
	n atomic.Int64
}

// countReader counts the bytes read through it (the inflated input).
type countReader struct {
	r io.Reader
	n int64 // read by the producer only
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func (h *hashReader) Read(p []byte) (int, error) {
	n, err := h.r.Read(p)
	if h.h != nil {
		h.h.Write(p[:n])
	}
	h.n.Add(int64(n))
	return n, err
}

// magic numbers of formats we can name in an error.
var formats = []struct {
	magic, what string
}{
	{zipMagic, "a zip archive (or an Excel .xlsx workbook), which is read only from a named file, not a stream (zip needs random access): give the .zip's name, or pipe its CSV (unzip -p FILE.zip MEMBER)"},
	{"\xd0\xcf\x11\xe0", "an Office document (e.g. Excel .xls); export it as CSV first"},
	{"BZh", "bzip2-compressed; decompress it first (only gzip is read directly)"},
	{"\xfd7zXZ\x00", "xz-compressed; decompress it first (only gzip is read directly)"},
	{"\x28\xb5\x2f\xfd", "zstd-compressed; decompress it first (only gzip is read directly)"},
	{"\xff\xfe", "UTF-16 text; save it as UTF-8 CSV"},
	{"\xfe\xff", "UTF-16 text; save it as UTF-8 CSV"},
}

func read(r io.Reader, name string, opts Options, size int64, blockSize int) (*Data, error) {
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	hr := &hashReader{r: r}
	if !opts.noHash {
		hr.h = sha256.New()
	}
	br := bufio.NewReaderSize(hr, 64<<10)
	var src *bufio.Reader = br
	gz := false
	var inflated *countReader
	if m, _ := br.Peek(2); len(m) == 2 && m[0] == 0x1f && m[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("%s: not a readable gzip file: %v", name, err)
		}
		defer zr.Close()
		inflated = &countReader{r: zr}
		src = bufio.NewReaderSize(inflated, 64<<10)
		gz = true
	}
	head, err := src.Peek(4096)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	if len(head) == 0 {
		return nil, fmt.Errorf("%s: the file is empty (no header line)", name)
	}
	for _, f := range formats {
		if bytes.HasPrefix(head, []byte(f.magic)) {
			return nil, fmt.Errorf("%s:1: not a delimited text file: it is %s", name, f.what)
		}
	}
	if i := bytes.IndexByte(head, 0); i >= 0 {
		return nil, fmt.Errorf("%s:%d: not a delimited text file: it contains binary data (NUL bytes)", name, 1+bytes.Count(head[:i], nl))
	}
	if opts.Member != "" {
		return nil, fmt.Errorf("%s: --member %s: the file is not a zip archive", name, opts.Member)
	}
	if bytes.HasPrefix(head, []byte("\xef\xbb\xbf")) {
		src.Discard(3)
	}

	r0 := &reading{name: name, workers: workers, free: make(chan []byte, workers+2), done: make(chan struct{}), chunks: make(chan *chunk, workers+2)}
	// The block buffers share one block of memory (huge pages; see colmem).
	r0.bufs = make([][]byte, workers+2)
	var l colmem.Layout
	for k := range r0.bufs {
		colmem.Reserve(&l, &r0.bufs[k], blockSize)
	}
	l.Allocate()
	sp := &splitter{name: name, src: src, size: blockSize, line: 1, get: r0.getBuf}
	first, err := sp.next()
	if err == io.EOF {
		return nil, fmt.Errorf("%s: the file is empty (no header line)", name)
	}
	if err != nil {
		return nil, err
	}
	var p *plan
	var used int
	if opts.Layout != nil {
		p, used, err = layoutHeader(name, first.data, opts)
	} else {
		p, used, err = readHeader(name, first.data, opts.Columns)
	}
	if err != nil {
		return nil, err
	}
	if testHookHeader != nil {
		testHookHeader()
	}
	first.data = first.data[used:]
	if used > 0 {
		first.line += 1 + p.headerLines
	}
	first.quoted = bytes.IndexByte(first.data, '"') >= 0
	first.lines = bytes.Count(first.data, nl)
	t := now().UTC()
	// A column holds dates up to MaxDate (2079-06-05).
	p.maxDay = min(DayNumber(t.Year(), int(t.Month()), t.Day())+365, MaxDate)

	d := &Data{}
	q := &d.Quality
	q.File, q.Header, q.Delimiter = name, p.header, p.delim
	q.Columns = p.columnIdents()
	q.Layout, q.HeaderRow = p.layout, p.headerRow
	q.Warnings = append(q.Warnings, p.warns...)
	for _, c := range p.cols {
		col := &d.Cols[c.field]
		col.Present, col.Header, col.Index = true, c.header, c.idx
	}
	prog := newProgress(opts.Progress, size, gz)

	// done says what fraction of the input the blocks cut so far hold
	// (-1 unknown), to size the columns from the rows seen.
	done := func() float64 {
		if size <= 0 {
			return -1
		}
		// gzip reads br byte by byte (it is a flate.Reader), so nothing
		// past the compressed data consumed is taken from it.
		stored := float64(hr.n.Load() - int64(br.Buffered()))
		if !gz {
			return (stored - float64(len(sp.carry))) / float64(size)
		}
		out := float64(inflated.n)
		if out <= 0 {
			return -1
		}
		cut := out - float64(src.Buffered()+len(sp.carry))
		return stored / float64(size) * cut / out
	}
	if err := r0.run(sp, first, p, d, prog, hr, done); err != nil {
		prog.finish()
		return nil, err
	}
	// Drain the rest of the raw input so the digest covers the whole file
	// (gzip can stop before trailing bytes).
	if _, err := io.Copy(io.Discard, br); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	prog.finish()
	if hr.h != nil {
		q.SHA256 = hex.EncodeToString(hr.h.Sum(nil))
	}
	q.Bytes = hr.n.Load()
	q.RowsRead = d.Rows
	q.DuplicatePeriods = duplicatePeriods(d, workers)
	if d.Rows == 0 && opts.Layout == nil {
		q.Warnings = append(q.Warnings, fmt.Sprintf("%s: the file has a header but no data rows", name))
	} else if d.Rows == 0 {
		q.Warnings = append(q.Warnings, fmt.Sprintf("%s: the file has no data rows", name))
	}
	if r0.blank > 0 {
		q.Warnings = append(q.Warnings, fmt.Sprintf("%s:%d: %d blank line(s) skipped (first on this line)", name, r0.blankLine, r0.blank))
	}
	if r0.notText > 0 {
		q.Warnings = append(q.Warnings, fmt.Sprintf("%s:%d: %d value(s) in the columns read have bytes that are not UTF-8 (Latin-1?) and were counted as invalid (first on this line)", name, r0.notTextLine, r0.notText))
	}
	if len(p.absent) > 0 {
		return d, &MissingColumnsError{File: name, Missing: p.absent, Seen: p.header}
	}
	return d, nil
}

// readHeader parses the header record at the start of b and makes the plan.
func readHeader(name string, b []byte, over map[Field]string) (*plan, int, error) {
	delim := detectDelimiter(b)
	var fields []span
	var scratch []byte
	used, lines, open := splitRecord(b, delim, &fields, &scratch)
	if open >= 0 {
		return nil, 0, fmt.Errorf("%s:1: unclosed double quote in the header line", name)
	}
	header := make([]string, len(fields))
	raw := make([][]byte, len(fields))
	latin := false
	names := bytes.Clone(scratch) // one copy for all of raw
	for i, s := range fields {
		v := trim(names[s.from:s.to])
		raw[i] = v
		latin = latin || !utf8.Valid(v)
		header[i] = headerName(v)
		if lines > 0 {
			// A name over lines (as the layout writes them): one line.
			header[i] = strings.Join(strings.Fields(header[i]), " ")
		}
	}
	if len(header) == 1 && header[0] == "" {
		return nil, 0, fmt.Errorf("%s:1: the header line is empty", name)
	}
	p := makePlan(name, header, over)
	p.delim = delim
	p.headerLines = lines
	p.raw, p.raw0, p.over = raw, raw[0], over
	if len(p.cols) > 0 {
		p.first = raw[p.cols[0].idx]
	}
	if latin {
		p.warns = append(p.warns, fmt.Sprintf("%s:1: the header has bytes that are not UTF-8; they were read as Latin-1", name))
	}
	return p, used, nil
}

// headerName is a header name as text: UTF-8 as is, anything else read as
// Latin-1.
func headerName(v []byte) string {
	if utf8.Valid(v) {
		return string(v)
	}
	r := make([]rune, len(v))
	for j, c := range v {
		r[j] = rune(c)
	}
	return string(r)
}

// detectDelimiter picks the most frequent of tab, comma, pipe and semicolon
// outside quotes in the first line (ties in that order; comma when none).
func detectDelimiter(b []byte) byte {
	cands := [4]byte{'\t', ',', '|', ';'}
	var n [4]int
	inq := false
	for _, c := range b {
		if c == '"' {
			inq = !inq
			continue
		}
		if inq {
			continue
		}
		if c == '\n' {
			break
		}
		for i, d := range cands {
			if c == d {
				n[i]++
			}
		}
	}
	best := 1
	for i := range cands {
		if n[i] > n[best] || (n[i] == n[best] && i < best && n[i] > 0) {
			best = i
		}
	}
	return cands[best]
}

// reading is the state of one concurrent read: a producer cutting blocks,
// workers parsing them into chunks, and the caller merging chunks in order.
type reading struct {
	name    string
	workers int
	free    chan []byte
	bufs    [][]byte // buffers not yet handed out
	mu      sync.Mutex
	done    chan struct{}
	// chunks is a free list rather than a sync.Pool: pooled chunks would be
	// dropped at every GC and their grown slices reallocated.
	chunks chan *chunk

	blank, blankLine     int
	notText, notTextLine int
}

// getBuf returns a free block buffer, waiting while all are in flight; nil
// after cancellation.
func (r *reading) getBuf() []byte {
	select {
	case b := <-r.free:
		return b
	default:
	}
	r.mu.Lock()
	if len(r.bufs) > 0 {
		b := r.bufs[0][:0]
		r.bufs = r.bufs[1:]
		r.mu.Unlock()
		return b
	}
	r.mu.Unlock()
	select {
	case b := <-r.free:
		return b
	case <-r.done:
		return nil
	}
}

func (r *reading) putBuf(b []byte) {
	select {
	case r.free <- b[:0]:
	default:
	}
}

func (r *reading) run(sp *splitter, first *block, p *plan, d *Data, prog *progress, hr *hashReader, done func() float64) error {
	blocks := make(chan *block, r.workers)
	results := make(chan *chunk, r.workers)
	t := newDest(p)
	var producer sync.WaitGroup
	producer.Add(1)
	go func() {
		defer producer.Done()
		defer close(blocks)
		b := first
		slot := 0
		for {
			if b.err == nil {
				b.lo, b.slots = slot, b.lines
				if n := len(b.data); n > 0 && b.data[n-1] != '\n' {
					b.slots++ // the last record has no newline
				}
				slot += b.slots
				t.ensure(slot, b.lo, sizeFor(slot, done()))
			}
			select {
			case blocks <- b:
			case <-r.done:
				return
			}
			if b.err != nil {
				return
			}
			var err error
			b, err = sp.next()
			if err == io.EOF || errors.Is(err, errCancelled) {
				return
			}
			if err != nil {
				b = &block{seq: sp.seq, err: err}
			}
		}
	}()
	var wg sync.WaitGroup
	for i := 0; i < r.workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := &worker{p: p}
			for b := range blocks {
				var ch *chunk
				select {
				case ch = <-r.chunks:
				default:
					ch = new(chunk)
				}
				t.mu.RLock()
				w.parse(b, ch, t)
				t.mu.RUnlock()
				// The buffer is freed only after its chunk is merged, so
				// that blocks in flight stay bounded.
				ch.buf = b.data
				select {
				case results <- ch:
				case <-r.done:
				}
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()

	var m merger
	m.init(d, p)
	pending := make(map[int]*chunk)
	next := 0
	var err error
	for ch := range results {
		if err != nil {
			continue // draining after an error
		}
		pending[ch.seq] = ch
		for {
			c, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			if c.buf != nil {
				r.putBuf(c.buf)
				c.buf = nil
			}
			if c.err != nil {
				err = c.err
				close(r.done)
				break
			}
			m.add(c, r, t)
			select {
			case r.chunks <- c:
			default:
			}
			prog.update(hr.n.Load(), d.Rows)
		}
	}
	producer.Wait()
	if err == nil {
		t.finish(d, d.Rows)
	}
	return err
}

// sizeFor returns the capacity, in rows, to give the columns when n row
// slots have been handed out for a fraction done of the input (-1 unknown):
// the rows the whole input should need, with a margin, so that they rarely
// have to move.
func sizeFor(n int, done float64) int {
	if done <= 0 || done > 1 {
		return 2 * n
	}
	return int(float64(n)/done*1.02) + 1024
}

// duplicatePeriods counts rows whose (identifier, entry date) pair occurred
// in an earlier row; rows with a blank identifier or entry date are not
// counted. Pairs are compared through a 64-bit mix of the two, so two
// different pairs collide with probability about n²/2⁶⁵ (1e-5 at 20M rows).
// The keys are spread over 256 buckets by their top byte (equal keys share
// a bucket), and the buckets, small enough to sort in cache, are sorted on
// workers goroutines.
func duplicatePeriods(d *Data, workers int) int {
	ids, entries := d.Cols[FieldID].Hash, &d.Cols[FieldEntry]
	if ids == nil || !entries.Present {
		return 0
	}
	// Two passes, counting then placing, rather than a slice of keys to
	// copy from: the key is cheaper to compute again than to store.
	key := func(i int) (uint64, bool) {
		h := ids[i]
		e := entries.Date(i)
		if h == 0 || e == MissingDate {
			return 0, false
		}
		k := h ^ uint64(uint32(e))*0x9e3779b97f4a7c15
		// splitmix64 finaliser, so that nearby dates spread over all bits.
		k ^= k >> 30
		k *= 0xbf58476d1ce4e5b9
		k ^= k >> 27
		k *= 0x94d049bb133111eb
		k ^= k >> 31
		return k, true
	}
	var start [257]int
	for i := range ids {
		if k, ok := key(i); ok {
			start[k>>56+1]++
		}
	}
	for b := 1; b <= 256; b++ {
		start[b] += start[b-1]
	}
	sorted := colmem.Make[uint64](start[256])
	next := start
	for i := range ids {
		if k, ok := key(i); ok {
			sorted[next[k>>56]] = k
			next[k>>56]++
		}
	}
	var dups atomic.Int64
	var wg sync.WaitGroup
	var bucket atomic.Int32
	for range max(1, workers) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n := 0
			for b := int(bucket.Add(1)) - 1; b < 256; b = int(bucket.Add(1)) - 1 {
				s := sorted[start[b]:start[b+1]]
				slices.Sort(s)
				for i := 1; i < len(s); i++ {
					if s[i] == s[i-1] {
						n++
					}
				}
			}
			dups.Add(int64(n))
		}()
	}
	wg.Wait()
	return int(dups.Load())
}
