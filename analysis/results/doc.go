// Package results is the result model every analysis fills and every
// renderer reads: a Row per (analysis, measure, group) comparison, its Unit,
// a Section per analysis with its Status, charts and left-out counts.
//
// It also holds what makes rows comparable across analyses: the statistical
// Rules (confidence, alpha, minimum cell, practical size, p-value
// adjustment; METHODS §4–5) and the flag rule built on them, small-cell and
// complementary suppression, rounding of published medians, the rate, mean
// and median comparison builders, and the formatting of numbers in their
// unit.
//
// The eight disparities (package disparities) and the WIOA indicators
// (analysis/indicators) build their rows here; reports, reports/compare and
// cmd render and compare them. The package sits below both analyses and
// imports nothing of the project but analysis/stats.
package results
