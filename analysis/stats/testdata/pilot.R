# The pilot triple-difference data set and its expected values, computed with
# R's lm and the sandwich package (nobody here wrote them), for
# tripdiff_test.go and permutation_test.go. Regenerate with (Debian packages
# r-base-core and r-cran-sandwich):
#   cd analysis/stats/testdata && Rscript pilot.R > pilot_R.txt
# It writes pilot.csv (committed; the Go tests and pilot.py read it) and
# then reads it back, so the values below are those of the committed file.
# Output as reference_R.txt: "case<TAB>field<TAB>v1,v2,...", 17 significant
# digits.
suppressPackageStartupMessages(library(sandwich))
emit <- function(case, field, v) {
  cat(case, "\t", field, "\t", paste(sprintf("%.17g", as.numeric(v)), collapse = ","), "\n", sep = "")
}
cat("# R", R.version$major, ".", R.version$minor, ", sandwich ", as.character(packageVersion("sandwich")), "\n", sep = "")

## The data: 8 boards (0-7) of 40-160 records, boards 1, 4 and 6 the pilots.
## cred is a 0/1 credential whose focal-group (group = 1) rate rises by 0.15
## in pilot boards after the start; wage an hourly wage (2 decimals) with a
## focal-group gap of $1.50 that narrows by $0.80 there; age a covariate.
set.seed(20240915)
pilots <- c(1, 4, 6)
sizes <- sample(40:160, 8, replace = TRUE)
d <- do.call(rbind, lapply(0:7, function(b) {
  n <- sizes[b + 1]
  group <- rbinom(n, 1, 0.5); after <- rbinom(n, 1, 0.45)
  pilot <- as.integer(b %in% pilots)
  age <- sample(18:64, n, replace = TRUE)
  pc <- 0.55 + 0.04 * (b - 3.5) / 3.5 - 0.12 * group + 0.05 * after + 0.15 * group * pilot * after
  cred <- rbinom(n, 1, pc)
  wage <- round(18 + 0.3 * (b - 3.5) - 1.5 * group + 0.4 * after + 0.8 * group * pilot * after +
                0.05 * (age - 40) + rnorm(n, 0, 2 + group), 2)
  data.frame(board = b, group = group, after = after, pilot = pilot, age = age, cred = cred, wage = wage)
}))
write.csv(d, "pilot.csv", row.names = FALSE, quote = FALSE)
d <- read.csv("pilot.csv")

## Triple difference: the three-way coefficient of the saturated model, its
## HC1 and classical SEs, t on n - 8 df, intervals, p; the eight cells.
for (y in c("cred", "wage")) {
  case <- paste0("ddd/", y)
  f <- lm(as.formula(paste(y, "~ group * pilot * after")), data = d)
  j <- "group:pilot:after"
  b <- coef(f)[j]
  se <- sqrt(vcovHC(f, type = "HC1")[j, j])
  df <- f$df.residual
  emit(case, "n", nrow(d)); emit(case, "df", df)
  emit(case, "ddd", b); emit(case, "se_hc1", se)
  emit(case, "se_classical", summary(f)$coefficients[j, "Std. Error"])
  emit(case, "t", b / se); emit(case, "p", 2 * pt(-abs(b / se), df))
  for (conf in c(0.95, 0.9)) emit(case, paste0("ci_", conf), b + c(-1, 1) * qt(1 - (1 - conf) / 2, df) * se)
  # cells in the Go order p*4 + a*2 + g
  m <- with(d, tapply(d[[y]], list(group, after, pilot), mean))
  k <- with(d, tapply(d[[y]], list(group, after, pilot), length))
  emit(case, "cell_mean", as.vector(m)); emit(case, "cell_n", as.vector(k))
}

## The general HC1 fit, with a covariate (so not saturated): every
## coefficient and the whole HC1 covariance, in lm's column order.
f <- lm(wage ~ group * pilot * after + age, data = d)
emit("hc1/wage_age", "names_len", length(coef(f)))
cat("# columns: ", paste(colnames(model.matrix(f)), collapse = " "), "\n", sep = "")
emit("hc1/wage_age", "coef", coef(f))
emit("hc1/wage_age", "vcov_hc1", vcovHC(f, type = "HC1"))
emit("hc1/wage_age", "se_classical", summary(f)$coefficients[, "Std. Error"])

## Randomization inference, exact: every one of the choose(8, 3) = 56
## assignments of the pilot label to 3 boards, in combn's (lexicographic)
## order, each DDD an lm coefficient.
for (y in c("cred", "wage")) {
  case <- paste0("perm/", y)
  A <- combn(0:7, 3)
  dd <- apply(A, 2, function(a) {
    d$p2 <- as.integer(d$board %in% a)
    coef(lm(as.formula(paste(y, "~ group * p2 * after")), data = d))["group:p2:after"]
  })
  obs <- coef(lm(as.formula(paste(y, "~ group * pilot * after")), data = d))["group:pilot:after"]
  ext <- sum(abs(dd) >= abs(obs) * (1 - 1e-9))
  emit(case, "ddd_all", dd); emit(case, "observed", obs)
  emit(case, "extreme", ext); emit(case, "p", ext / length(dd))
  emit(case, "min_p", sum(abs(dd) >= max(abs(dd)) * (1 - 1e-9)) / length(dd))
}
