package disparities

import (
	"sort"

	"github.com/wioa-equity/wioa/analysis/measures"
	"github.com/wioa-equity/wioa/analysis/pirl"
)

// TractParticipation is one tract's participation as poverty-participation
// counts it (docs/METHODS.md §3.1): the distinct participants (903–905 in
// 1–3, active in the window) who live there, its residents in poverty, and
// whether it is high-poverty (poverty rate at or above the threshold).
// Suppressed marks tracts with fewer than the minimum cell of participants:
// their count is published nowhere, not even as a map shade.
type TractParticipation struct {
	GEOID        uint64
	Participants float64
	Below        float64
	HighPoverty  bool
	Suppressed   bool
}

// TractParticipants counts the participants of every tract of the tract
// file, for the participation map. People are told apart by their
// identifier (PIRL 100), as in the disparity; a record without one counts as
// a person. It returns nil without a tract file.
func TractParticipants(in *Input) []TractParticipation {
	t, d := in.Tracts, in.D
	if t == nil || d == nil {
		return nil
	}
	type key struct {
		tract int32
		id    uint64
	}
	var ids []uint64
	if in.Data != nil {
		ids = in.Data.Cols[pirl.FieldID].Hash
	}
	var keys []key
	count := make([]float64, t.Rows())
	for i := 0; i < d.N; i++ {
		if !d.Active[i] || d.Enrolled[i] != measures.Yes || d.Tract[i] < 0 || int(d.Tract[i]) >= len(count) {
			continue
		}
		if ids != nil && ids[i] != 0 {
			keys = append(keys, key{d.Tract[i], ids[i]})
		} else {
			count[d.Tract[i]]++ // no identifier: each record is a person
		}
	}
	sort.Slice(keys, func(a, b int) bool {
		if keys[a].tract != keys[b].tract {
			return keys[a].tract < keys[b].tract
		}
		return keys[a].id < keys[b].id
	})
	for k := range keys {
		if k == 0 || keys[k] != keys[k-1] {
			count[keys[k].tract]++
		}
	}
	threshold, minCell := in.Cfg.Measures.PovertyThreshold, float64(in.Cfg.MinCell)
	out := make([]TractParticipation, t.Rows())
	for i, g := range t.GEOID {
		out[i] = TractParticipation{GEOID: g, Participants: count[i], Below: t.Below[i],
			HighPoverty: tractPoverty(t, i, threshold) == 0, Suppressed: count[i] < minCell}
	}
	return out
}
