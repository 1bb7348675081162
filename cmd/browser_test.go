package cmd

// report.html in a real browser: headless Chromium (Debian's chromium, which
// .ci/run installs) opens the sample report through the DevTools protocol
// over a pipe (--remote-debugging-pipe: no port, no websocket), at 1280 px
// and in print emulation at the printable widths of Letter and A4, and fails
// on horizontal overflow, broken images, dead anchors and any request other
// than the file itself and data: URIs. Skipped only when Chromium is absent
// and CI is not set. WIOA_SHOTS=DIR also saves screenshots and PDFs there.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func chromiumPath() string {
	for _, p := range []string{os.Getenv("WIOA_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"} {
		if p != "" {
			if _, err := os.Stat(p); err == nil {
				return p
			}
		}
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	return ""
}

// cdp is a minimal DevTools-protocol client: commands out on one pipe,
// responses and events back on the other, each message ended by NUL.
type cdp struct {
	w       io.Writer
	mu      sync.Mutex
	next    int
	pending map[int]chan cdpMsg
	events  chan cdpMsg
	session string
}

type cdpMsg struct {
	ID        int                       `json:"id"`
	Method    string                    `json:"method"`
	Params    json.RawMessage           `json:"params"`
	Result    json.RawMessage           `json:"result"`
	Error     *struct{ Message string } `json:"error"`
	SessionID string                    `json:"sessionId"`
}

func (c *cdp) read(r io.Reader) {
	br := bufio.NewReaderSize(r, 1<<20)
	for {
		b, err := br.ReadBytes(0)
		if err != nil {
			close(c.events)
			return
		}
		var m cdpMsg
		if json.Unmarshal(b[:len(b)-1], &m) != nil {
			continue
		}
		if m.ID != 0 {
			c.mu.Lock()
			ch := c.pending[m.ID]
			delete(c.pending, m.ID)
			c.mu.Unlock()
			if ch != nil {
				ch <- m
			}
			continue
		}
		select {
		case c.events <- m:
		default: // nobody waits for this event
		}
	}
}

func (c *cdp) call(ctx context.Context, method string, params any, result any) error {
	c.mu.Lock()
	c.next++
	id := c.next
	ch := make(chan cdpMsg, 1)
	c.pending[id] = ch
	msg := map[string]any{"id": id, "method": method, "params": params}
	if c.session != "" && !strings.HasPrefix(method, "Target.") {
		msg["sessionId"] = c.session
	}
	b, _ := json.Marshal(msg)
	_, err := c.w.Write(append(b, 0))
	c.mu.Unlock()
	if err != nil {
		return err
	}
	select {
	case m := <-ch:
		if m.Error != nil {
			return fmt.Errorf("%s: %s", method, m.Error.Message)
		}
		if result != nil {
			return json.Unmarshal(m.Result, result)
		}
		return nil
	case <-ctx.Done():
		return fmt.Errorf("%s: %w", method, ctx.Err())
	}
}

// startChromium launches headless Chromium with the protocol on fds 3 and 4
// and attaches to a new blank page.
func startChromium(t *testing.T, ctx context.Context, bin string) *cdp {
	t.Helper()
	toR, toW, err := os.Pipe()
	must(t, err)
	fromR, fromW, err := os.Pipe()
	must(t, err)
	cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
		"--hide-scrollbars", "--mute-audio", "--user-data-dir="+t.TempDir(), "--remote-debugging-pipe", "about:blank")
	cmd.ExtraFiles = []*os.File{toR, fromW}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	must(t, cmd.Start())
	toR.Close()
	fromW.Close()
	t.Cleanup(func() {
		toW.Close()
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		fromR.Close()
	})
	c := &cdp{w: toW, pending: map[int]chan cdpMsg{}, events: make(chan cdpMsg, 4096)}
	go c.read(fromR)
	var tg struct{ TargetID string }
	if err := c.call(ctx, "Target.createTarget", map[string]any{"url": "about:blank"}, &tg); err != nil {
		t.Fatalf("chromium: %v\n%s", err, stderr.String())
	}
	var at struct{ SessionID string }
	must(t, c.call(ctx, "Target.attachToTarget", map[string]any{"targetId": tg.TargetID, "flatten": true}, &at))
	c.session = at.SessionID
	for _, m := range []string{"Page.enable", "Network.enable", "Runtime.enable"} {
		must(t, c.call(ctx, m, map[string]any{}, nil))
	}
	return c
}

// pageChecks runs in the page and returns what is wrong with it, as JSON.
// printH (CSS px) > 0 also checks that every figure fits one printed page.
const pageChecks = `(function(printH){
  const de = document.documentElement, W = de.clientWidth;
  const out = {overflow: [], broken: [], dead: [], external: [], tall: [], width: de.scrollWidth, height: de.scrollHeight};
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className ? '.' + String(el.className).replace(/ /g, '.') : '');
  if (de.scrollWidth > W + 1 || document.body.scrollWidth > W + 1) out.overflow.push('page is ' + de.scrollWidth + ' px wide in a ' + W + ' px window');
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > W + 1) { out.overflow.push(name(el) + ' ends at ' + Math.round(r.right) + ' px'); if (out.overflow.length > 20) break; }
    if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible') out.overflow.push(name(el) + ' scrolls sideways');
  }
  for (const img of document.images) {
    if (!img.complete || img.naturalWidth === 0) out.broken.push(img.alt || img.src.slice(0, 40));
    if (printH > 0 && img.getBoundingClientRect().height > printH) out.tall.push((img.alt || '') + ': ' + Math.round(img.getBoundingClientRect().height) + ' px');
  }
  for (const a of document.querySelectorAll('a[href]')) {
    const h = a.getAttribute('href');
    if (h.startsWith('#')) { if (!document.getElementById(decodeURIComponent(h.slice(1)))) out.dead.push(h); }
    else out.external.push('a ' + h);
  }
  for (const el of document.querySelectorAll('[src],[srcset],[poster],[data],[action],[formaction],[background]')) {
    for (const at of ['src', 'srcset', 'poster', 'data', 'action', 'formaction', 'background']) {
      const v = el.getAttribute(at);
      if (v !== null && !v.startsWith('data:')) out.external.push(name(el) + ' ' + at + '=' + v.slice(0, 60));
    }
  }
  for (const el of document.querySelectorAll('link, script, iframe, object, embed, base, frame, audio, video, source')) out.external.push(name(el));
  for (const el of document.querySelectorAll('[style]')) if (/url\(/i.test(el.getAttribute('style'))) out.external.push(name(el) + ' style url()');
  for (const s of document.styleSheets) for (const r of s.cssRules) if (/url\((?!\s*["']?data:)/i.test(r.cssText) || /@import/i.test(r.cssText)) out.external.push('css ' + r.cssText.slice(0, 60));
  return JSON.stringify(out);
})`

type pageVerdict struct {
	Overflow, Broken, Dead, External, Tall []string
	Width, Height                          int
}

func (c *cdp) check(ctx context.Context, t *testing.T, printH int) pageVerdict {
	t.Helper()
	var res struct {
		Result           struct{ Value string }
		ExceptionDetails *struct{ Text string }
	}
	must(t, c.call(ctx, "Runtime.evaluate", map[string]any{"expression": fmt.Sprintf("%s(%d)", pageChecks, printH), "returnByValue": true}, &res))
	if res.ExceptionDetails != nil {
		t.Fatalf("page check script: %s", res.ExceptionDetails.Text)
	}
	var v pageVerdict
	must(t, json.Unmarshal([]byte(res.Result.Value), &v))
	return v
}

func TestReportHTMLInBrowser(t *testing.T) {
	bin := chromiumPath()
	if bin == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("CI is set but chromium is not installed (.ci/run installs Debian's chromium)")
		}
		t.Skip("chromium not installed (apt-get install chromium); CI runs this test")
	}
	dir := t.TempDir()
	if _, errs, code := run(t, "report", "--out", filepath.Join(dir, "r"), "-q"); code != ExitOK {
		t.Fatalf("report: exit %d\n%s", code, errs)
	}
	page := filepath.Join(dir, "r", "report.html")
	// The page must not know where its charts are: move it away from plots/.
	lone := filepath.Join(dir, "lone.html")
	must(t, os.Rename(page, lone))
	checkPageInBrowser(t, bin, lone, "")
}

// checkPageInBrowser opens the page at path in headless Chromium at 1280 px
// and in print emulation (Letter, A4) and fails the test on horizontal
// overflow, broken images, dead anchors, external references, figures
// taller than a printed page and any request but the file and data: URIs.
// With WIOA_SHOTS set, screenshots and PDFs go there, their names prefixed
// with shotPrefix.
func checkPageInBrowser(t *testing.T, bin, path, shotPrefix string) {
	t.Helper()
	url := "file://" + path
	base := filepath.Base(path)

	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	c := startChromium(t, ctx, bin)
	var requests []string
	var mu sync.Mutex
	loaded := make(chan struct{}, 4)
	go func() {
		for m := range c.events {
			switch m.Method {
			case "Network.requestWillBeSent":
				var p struct{ Request struct{ URL string } }
				if json.Unmarshal(m.Params, &p) == nil && p.Request.URL != url && !strings.HasPrefix(p.Request.URL, "data:") {
					mu.Lock()
					requests = append(requests, p.Request.URL)
					mu.Unlock()
				}
			case "Page.loadEventFired":
				loaded <- struct{}{}
			}
		}
	}()
	shots := os.Getenv("WIOA_SHOTS")
	viewport := func(w, h int) {
		must(t, c.call(ctx, "Emulation.setDeviceMetricsOverride", map[string]any{"width": w, "height": h, "deviceScaleFactor": 1, "mobile": false}, nil))
	}
	viewport(1280, 900)
	must(t, c.call(ctx, "Page.navigate", map[string]any{"url": url}, nil))
	select {
	case <-loaded:
	case <-ctx.Done():
		t.Fatalf("%s did not finish loading", base)
	}

	report := func(what string, v pageVerdict) {
		t.Helper()
		t.Logf("%s: %d×%d px", what, v.Width, v.Height)
		for _, f := range []struct {
			name string
			xs   []string
		}{{"horizontal overflow", v.Overflow}, {"broken image", v.Broken}, {"dead anchor", v.Dead}, {"external reference", v.External}, {"figure taller than a printed page", v.Tall}} {
			if len(f.xs) > 0 {
				t.Errorf("%s: %s: %s", what, f.name, strings.Join(f.xs, "; "))
			}
		}
	}
	report("screen at 1280 px", c.check(ctx, t, 0))
	if shots != "" {
		var s struct{ Data string }
		must(t, c.call(ctx, "Page.captureScreenshot", map[string]any{"format": "png", "captureBeyondViewport": true}, &s))
		b, _ := base64.StdEncoding.DecodeString(s.Data)
		must(t, os.WriteFile(filepath.Join(shots, shotPrefix+"screen-1280.png"), b, 0o644))
	}

	// Print emulation at each paper's printable width (the @page margins
	// are 12 mm a side, 14 mm top and bottom; 96 CSS px per inch).
	must(t, c.call(ctx, "Emulation.setEmulatedMedia", map[string]any{"media": "print"}, nil))
	mm := func(x float64) int { return int(x / 25.4 * 96) }
	for _, paper := range []struct {
		name     string
		wMM, hMM float64
		wIn, hIn float64
	}{{"Letter", 215.9, 279.4, 8.5, 11}, {"A4", 210, 297, 8.27, 11.69}} {
		viewport(mm(paper.wMM-24), mm(paper.hMM-28))
		report("print, "+paper.name, c.check(ctx, t, mm(paper.hMM-28)))
		var pdf struct{ Data string }
		must(t, c.call(ctx, "Page.printToPDF", map[string]any{"paperWidth": paper.wIn, "paperHeight": paper.hIn, "preferCSSPageSize": false,
			"marginTop": 0, "marginBottom": 0, "marginLeft": 0, "marginRight": 0, "printBackground": true}, &pdf))
		b, err := base64.StdEncoding.DecodeString(pdf.Data)
		must(t, err)
		t.Logf("print, %s: %d pages", paper.name, bytes.Count(b, []byte("/Type /Page\n"))+bytes.Count(b, []byte("/Type /Page>>"))+bytes.Count(b, []byte("/Type /Page ")))
		if shots != "" {
			must(t, os.WriteFile(filepath.Join(shots, shotPrefix+"print-"+paper.name+".pdf"), b, 0o644))
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(requests) > 0 {
		t.Errorf("%s made requests: %s", base, strings.Join(requests, "; "))
	}
}

// The page checks catch each fault they look for: a page built with one of
// each must fail every check, or the report's clean verdict means nothing.
func TestBrowserChecksCatchFaults(t *testing.T) {
	bin := chromiumPath()
	if bin == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("CI is set but chromium is not installed (.ci/run installs Debian's chromium)")
		}
		t.Skip("chromium not installed (apt-get install chromium); CI runs this test")
	}
	const bad = `<!doctype html><html><head><meta charset="utf-8"><title>bad</title></head><body>
<table><tr><td style="white-space:nowrap">` + "a very wide cell that will not wrap at all, repeated: " + "wide wide wide wide wide wide wide wide wide wide wide wide wide wide wide wide wide wide wide wide wide wide wide wide wide wide wide wide wide wide" + `</td></tr></table>
<img alt="broken chart" src="data:image/png;base64,AAAA">
<img alt="tall chart" style="height:3000px;width:10px" src="data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7">
<a href="#nowhere">dead link</a>
<img alt="remote" src="http://127.0.0.1:9/x.png">
</body></html>`
	dir := t.TempDir()
	page := filepath.Join(dir, "bad.html")
	must(t, os.WriteFile(page, []byte(bad), 0o644))
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	c := startChromium(t, ctx, bin)
	loaded := make(chan struct{}, 4)
	go func() {
		for m := range c.events {
			if m.Method == "Page.loadEventFired" {
				loaded <- struct{}{}
			}
		}
	}()
	must(t, c.call(ctx, "Emulation.setDeviceMetricsOverride", map[string]any{"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": false}, nil))
	must(t, c.call(ctx, "Page.navigate", map[string]any{"url": "file://" + page}, nil))
	select {
	case <-loaded:
	case <-ctx.Done():
		t.Fatal("the page did not finish loading")
	}
	v := c.check(ctx, t, 1000)
	for _, f := range []struct {
		name string
		xs   []string
	}{{"horizontal overflow", v.Overflow}, {"broken image", v.Broken}, {"dead anchor", v.Dead}, {"external reference", v.External}, {"figure taller than a printed page", v.Tall}} {
		if len(f.xs) == 0 {
			t.Errorf("the checks missed the planted %s", f.name)
		}
	}
}
