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

// TestBoardCountiesBounds: board_counties is bounded — boards and codes as
// boards:'s, at least one county per board, 5-digit county FIPS codes, a
// county in one board only, 10,000 counties in all.
func TestBoardCountiesBounds(t *testing.T) {
	ok := DefaultConfig()
	ok.BoardCounties = map[string][]string{"13100": {"13067"}, "13101": {"13121", "01001"}}
	if err := ok.Validate(); err != nil {
		t.Fatalf("valid counties refused: %v", err)
	}
	many := map[string][]string{}
	for i := range MaxBoardNames + 1 {
		many["b"+itoa(i)] = []string{"13067"}
	}
	counties := make([]string, MaxBoardCounties+1)
	for i := range counties {
		counties[i] = "13067"
	}
	for name, c := range map[string]struct {
		m    map[string][]string
		want string
	}{
		"too many boards":   {many, "at most 10,000"},
		"too many counties": {map[string][]string{"13100": counties}, "more than 10,000 counties"},
		"empty code":        {map[string][]string{" ": {"13067"}}, "not a local board code"},
		"no county":         {map[string][]string{"13100": {}}, "lists no county"},
		"four digits":       {map[string][]string{"13100": {"1306"}}, `county "1306" is not a 5-digit county FIPS code`},
		"a name":            {map[string][]string{"13100": {"Cobb"}}, "not a 5-digit"},
		"two boards":        {map[string][]string{"13100": {"13067"}, "13101": {"13067"}}, `county 13067 is listed for boards "13100" and "13101"`},
	} {
		cfg := DefaultConfig()
		cfg.BoardCounties = c.m
		if err := cfg.Validate(); err == nil || !strings.Contains(err.Error(), "board_counties") || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v", name, err)
		}
	}
}
