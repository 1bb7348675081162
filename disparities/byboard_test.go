package disparities

import (
	"strings"
	"testing"
)

// TestBoardNamesBounds: the boards: map is bounded (entries, code and name
// lengths, no control characters).
func TestBoardNamesBounds(t *testing.T) {
	ok := DefaultConfig()
	ok.BoardNames = map[string]string{"13100": "Cobb", "13101": "Fulton County"}
	if err := ok.Validate(); err != nil {
		t.Fatalf("valid names refused: %v", err)
	}
	many := map[string]string{}
	for i := range MaxBoardNames + 1 {
		many[strings.Repeat("x", 1)+string(rune('a'+i%26))+itoa(i)] = "B"
	}
	for name, m := range map[string]map[string]string{
		"too many":      many,
		"empty code":    {"": "Cobb"},
		"long code":     {strings.Repeat("1", 33): "Cobb"},
		"empty name":    {"13100": " "},
		"long name":     {"13100": strings.Repeat("n", MaxBoardNameLen+1)},
		"control chars": {"13100": "Cobb\nFulton"},
	} {
		c := DefaultConfig()
		c.BoardNames = m
		if err := c.Validate(); err == nil || !strings.Contains(err.Error(), "boards") {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func itoa(i int) string {
	s := ""
	for {
		s = string(rune('0'+i%10)) + s
		i /= 10
		if i == 0 {
			return s
		}
	}
}
