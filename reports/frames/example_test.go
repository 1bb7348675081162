package frames_test

import (
	"fmt"
	"log"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/wioa-equity/wioa/reports"
	"github.com/wioa-equity/wioa/reports/frames"
)

// A run's results as a DataFrame: the gender gaps in the run, and how many
// rows of the run are suppressed (their n and values are missing cells).
func Example() {
	res, err := reports.ReadResults("testdata/results.json")
	if err != nil {
		log.Fatal(err)
	}
	df, err := frames.Results(res)
	if err != nil {
		log.Fatal(err)
	}
	gaps := df.FilterAggregation(dataframe.And,
		dataframe.F{Colname: "disparity", Comparator: series.In, Comparando: []string{"gender-credential", "gender-wages"}},
		dataframe.F{Colname: "reference", Comparator: series.Eq, Comparando: "Men"},
	).Select([]string{"measure", "group", "value", "diff"})
	if err := frames.Err(gaps, "gender gaps"); err != nil {
		log.Fatal(err)
	}
	// A missing cell (null in results.json) is nil in Maps.
	cell := func(v any, format string) string {
		if v == nil {
			return "missing"
		}
		return fmt.Sprintf(format, v)
	}
	for _, r := range gaps.Maps() {
		fmt.Printf("%-43s %-5s %7s %7s\n", r["measure"], r["group"], cell(r["value"], "%.3f"), cell(r["diff"], "%+.3f"))
	}

	sup := df.Filter(dataframe.F{Colname: "suppressed", Comparator: series.Eq, Comparando: true})
	if err := frames.Err(sup, "suppressed rows"); err != nil {
		log.Fatal(err)
	}
	missing := func(col string) int {
		k := 0
		for _, na := range sup.Col(col).IsNaN() {
			if na {
				k++
			}
		}
		return k
	}
	fmt.Printf("%d of %d rows suppressed; missing in them: n %d, value %d, p_value %d\n",
		sup.Nrow(), df.Nrow(), missing("n"), missing("value"), missing("p_value"))
	// Output:
	// training completion                         Women   0.748  -0.040
	// credential attainment                       Women   0.391  -0.115
	// credential attainment (adjusted odds ratio) Women   0.537  -0.142
	// mean hourly wage                            Women  19.487  -1.489
	// median hourly wage                          Women  18.400  -2.980
	// training-related employment retention       Women missing missing
	// 30 of 99 rows suppressed; missing in them: n 30, value 30, p_value 30
}
