package synth

import (
	"bytes"
	"io"
	"testing"
	"time"
)

// A pilot draws no random numbers of its own: with a zero effect the file
// is byte for byte the file without a pilot, so a pilot changes only the
// records it names, and only through the knob's probability.
func TestPilotZeroEffectSameBytes(t *testing.T) {
	base := Config{Rows: 3000, Seed: 5, Gaps: DefaultGaps()}
	var a, b bytes.Buffer
	if _, err := Generate(&a, nil, base); err != nil {
		t.Fatal(err)
	}
	p := base
	p.Pilot = Pilot{Boards: []string{"13100"}, Start: time.Date(2023, 7, 1, 0, 0, 0, 0, time.UTC), Knob: "gender-credential"}
	if _, err := Generate(&b, nil, p); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("a pilot with effect 0 changed the file")
	}
	p.Pilot.Effect = 0.1
	b.Reset()
	if _, err := Generate(&b, nil, p); err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("a pilot effect of 0.1 changed nothing")
	}
}

func TestPilotRefused(t *testing.T) {
	start := time.Date(2023, 7, 1, 0, 0, 0, 0, time.UTC)
	for _, p := range []Pilot{
		{Boards: []string{"99999"}, Start: start, Knob: "gender-credential", Effect: 0.1},
		{Boards: []string{"13100"}, Start: start, Knob: "no-such-gap", Effect: 0.1},
		{Boards: []string{"13100"}, Start: start, Knob: "poverty-participation", Effect: 0.1},
		{Boards: []string{"13100"}, Knob: "gender-credential", Effect: 0.1},
		{Boards: []string{"13100"}, Start: start, Knob: "gender-credential", Effect: 0.9}, // probability above completion
		{Boards: Boards(1, 0), Start: start, Knob: "gender-credential", Effect: 0.1},      // every board
	} {
		if _, err := Generate(io.Discard, nil, Config{Rows: 10, Seed: 1, Gaps: DefaultGaps(), Pilot: p}); err == nil {
			t.Errorf("pilot %+v accepted", p)
		}
	}
}
