// Package stats holds the hypothesis tests, intervals and regressions the
// disparity analyses need and gonum does not provide: score intervals for
// proportions and their differences, Fisher's exact test, Pearson's
// chi-square, exact Poisson rate ratios, Welch's t, Mann–Whitney U,
// bootstrap intervals for medians, the Cochran–Armitage trend test, Holm and
// Benjamini–Hochberg adjustment, OLS, logistic regression and the
// Oaxaca–Blinder decomposition.
//
// Every function is pure (no I/O, no global state) and never panics on data:
// impossible inputs give NaN results, conditions that should not stop a run
// (tiny groups, ties, zero variance) come back as Warnings, and the
// regressions return errors rather than NaN estimates.
//
// Each function is checked against a system nobody here wrote. The scripts
// that produced the expected values (R's stats package, statsmodels) and
// their stored output live in testdata/; the public datasets with published
// results (Stata, R packages, R help pages) are committed in
// testdata/reference/ with their sources. The tests need neither R nor
// Python nor anything outside the repository. docs/METHODS.md §4.10 lists
// which test checks which function against what.
package stats
