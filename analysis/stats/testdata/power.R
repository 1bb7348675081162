# Expected values for the minimum detectable differences of analysis/stats
# (power.go), computed with R's own stats package. Regenerate with:
#   cd analysis/stats/testdata && Rscript power.R > power_R.txt
# Same layout as reference.R: "case<TAB>field<TAB>v1,v2,...", 17 digits.
# power.prop.test and power.t.test are called with tol = 1e-14 (their
# uniroot default, ~1.2e-4, is coarser than the tests' tolerance).
options(warn = -1)
emit <- function(case, field, v) {
  cat(case, "\t", field, "\t", paste(sprintf("%.17g", as.numeric(v)), collapse = ","), "\n", sep = "")
}
cat("# R", R.version$major, ".", R.version$minor, " (", R.version$version.string, ")\n", sep = "")

## Two proportions, equal group sizes: power.prop.test solves p2 > p1.
## "up" is p2 - p1 for reference rate p0 = p1; "down" is the same for
## 1 - p0 (the formula is symmetric under p -> 1 - p). Its uniroot may
## extend the interval past 1 (extendInt): a root above 1 means no rate
## reaches the power, written NA.
p2ok <- function(x) if (is.na(x) || x >= 1) NA else x
i <- 0
for (n in c(10, 25, 60, 200, 1000, 15000)) for (p0 in c(0.05, 0.3, 0.5, 0.62, 0.9)) for (a in c(0.05, 0.01)) {
  i <- i + 1; case <- paste0("prop/", i)
  emit(case, "in", c(p0, n, a, 0.8))
  up <- tryCatch(p2ok(power.prop.test(n = n, p1 = p0, power = 0.8, sig.level = a, tol = 1e-14)$p2) - p0, error = function(e) NA)
  dn <- tryCatch(p2ok(power.prop.test(n = n, p1 = 1 - p0, power = 0.8, sig.level = a, tol = 1e-14)$p2) - (1 - p0), error = function(e) NA)
  emit(case, "up", up)
  emit(case, "down", dn)
  emit(case, "power_at_0.1", power.prop.test(n = n, p1 = p0, p2 = min(p0 + 0.1, 0.999), sig.level = a)$power)
}

## Two means, equal sizes and spreads: power.t.test's delta.
i <- 0
for (n in c(5, 10, 30, 120, 2000)) for (sd in c(1, 7.5, 3200)) for (a in c(0.05, 0.01)) {
  i <- i + 1; case <- paste0("t/", i)
  emit(case, "in", c(n, sd, a, 0.8))
  emit(case, "delta", power.t.test(n = n, sd = sd, power = 0.8, sig.level = a, tol = 1e-14)$delta)
  emit(case, "power_at_sd", power.t.test(n = n, sd = sd, delta = sd, sig.level = a)$power)
}

## The noncentral t distribution function, pt(q, df, ncp).
i <- 0
for (df in c(1.5, 4, 17.3, 58, 400)) for (ncp in c(-1.2, 0.4, 2.5, 6)) for (q in c(-2, 0.3, 1.96, 4.1)) {
  i <- i + 1; case <- paste0("nct/", i)
  emit(case, "in", c(q, df, ncp))
  emit(case, "p", pt(q, df, ncp))
}
