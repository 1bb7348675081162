package indicators

import (
	"testing"

	"github.com/wioa-equity/wioa/analysis/pirl"
	"github.com/wioa-equity/wioa/analysis/pirl/pirltest"
)

// row, build and date are the shared hand-built-Data helpers of pirltest.
type row = pirltest.Row

func build(t testing.TB, rows ...row) *pirl.Data { t.Helper(); return pirltest.Build(t, rows...) }

func date(t testing.TB, s string) int32 { t.Helper(); return pirltest.Date(t, s) }
