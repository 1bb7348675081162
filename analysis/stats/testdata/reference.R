# Expected values for the analysis/stats tests, computed with R's own stats
# package (nobody here wrote it). Regenerate with:
#   cd analysis/stats/testdata && Rscript reference.R > reference_R.txt
# Output: one value list per line, "case<TAB>field<TAB>v1,v2,...", numbers
# printed with 17 significant digits (NA/NaN/Inf as R prints them).
# Inputs are written next to outputs, so the Go tests need neither R nor
# this script.
options(warn = -1)
emit <- function(case, field, v) {
  cat(case, "\t", field, "\t", paste(sprintf("%.17g", as.numeric(v)), collapse = ","), "\n", sep = "")
}
cat("# R", R.version$major, ".", R.version$minor, " (", R.version$version.string, ")\n", sep = "")
set.seed(20240601)

## Wilson (prop.test without correction) and two-proportion z.
pairs <- list(c(557, 1835, 1198, 2691), c(0, 10, 5, 10), c(10, 10, 3, 10), c(1, 1, 0, 2),
              c(1, 2, 1, 1), c(3, 7, 9, 11), c(0, 25, 1, 40), c(40, 40, 39, 41))
for (i in 1:24) {
  n1 <- sample(1:300, 1); n2 <- sample(1:300, 1)
  pairs[[length(pairs) + 1]] <- c(rbinom(1, n1, runif(1)), n1, rbinom(1, n2, runif(1)), n2)
}
for (i in seq_along(pairs)) {
  v <- pairs[[i]]; case <- paste0("prop/", i)
  emit(case, "in", v)
  for (conf in c(0.95, 0.9)) {
    emit(case, paste0("wilson1_", conf), prop.test(v[1], v[2], correct = FALSE, conf.level = conf)$conf.int)
    emit(case, paste0("wilson2_", conf), prop.test(v[3], v[4], correct = FALSE, conf.level = conf)$conf.int)
  }
  if (v[1] + v[3] > 0 && v[1] + v[3] < v[2] + v[4]) {
    t <- prop.test(v[c(1, 3)], v[c(2, 4)], correct = FALSE)
    emit(case, "z_abs", sqrt(t$statistic))
    emit(case, "z_sign", sign(v[1] / v[2] - v[3] / v[4]))
    emit(case, "p", t$p.value)
  }
}

## Fisher's exact test. R's uniroot stops at tol ~1.2e-4, so the estimate
## and interval are also computed by R's own fisher.test code with only the
## uniroot tolerance tightened ("tight"); p-values need no root finding.
ftight <- fisher.test
body(ftight) <- parse(text = gsub("uniroot(", "uniroot(tol = 1e-15, maxiter = 10000, ",
                                  deparse(body(fisher.test)), fixed = TRUE))[[1]]
tabs <- list(c(3, 1, 1, 3), c(2, 15, 10, 3), c(557, 1278, 1198, 1493), c(0, 5, 5, 0), c(5, 0, 0, 5),
             c(0, 3, 4, 7), c(1, 0, 20, 30), c(12, 7, 5, 7), c(89, 19, 17, 8), c(353, 207, 120, 205))
for (i in 1:16) tabs[[length(tabs) + 1]] <- rpois(4, sample(c(2, 8, 30, 200), 1))
for (i in seq_along(tabs)) {
  v <- tabs[[i]]; case <- paste0("fisher/", i)
  m <- matrix(v, 2, byrow = TRUE)
  emit(case, "in", v)
  f <- fisher.test(m); ft <- ftight(m)
  emit(case, "p", f$p.value)
  emit(case, "or_uniroot", f$estimate)
  emit(case, "ci_uniroot", f$conf.int)
  emit(case, "or_tight", ft$estimate)
  emit(case, "ci_tight", ft$conf.int)
}

## Pearson chi-square without correction.
chis <- list(matrix(c(557, 1278, 1198, 1493), 2, byrow = TRUE),
             matrix(c(1, 2, 1, 0, 3, 3, 6, 1, 10, 10, 14, 9, 6, 7, 12, 11), 4, 4),
             rbind(c(762, 327, 468), c(484, 239, 477)),
             matrix(c(12, 5, 7, 7), 2), matrix(c(3, 1, 1, 3), 2))
for (i in 1:6) chis[[length(chis) + 1]] <- matrix(rpois(12, 20) + 1, 3, 4)
for (i in seq_along(chis)) {
  m <- chis[[i]]; case <- paste0("chisq/", i)
  emit(case, "dim", dim(m)); emit(case, "in", t(m))
  t <- chisq.test(m, correct = FALSE)
  emit(case, "stat", t$statistic); emit(case, "df", t$parameter); emit(case, "p", t$p.value)
}

## Poisson rate ratio (exact conditional binomial).
pois <- list(c(11, 800, 23, 3011), c(0, 10, 4, 20), c(7, 100, 0, 50), c(1, 1, 1, 1), c(137, 24.5, 40, 19.1))
for (i in 1:12) pois[[length(pois) + 1]] <- c(rpois(1, 30), runif(1, 1, 500), rpois(1, 50), runif(1, 1, 500))
for (i in seq_along(pois)) {
  v <- pois[[i]]; case <- paste0("poisson/", i)
  emit(case, "in", v)
  for (conf in c(0.95, 0.9)) {
    t <- poisson.test(v[c(1, 3)], v[c(2, 4)], conf.level = conf)
    emit(case, paste0("rr_", conf), t$estimate); emit(case, paste0("ci_", conf), t$conf.int)
    emit(case, paste0("p_", conf), t$p.value)
  }
}

## Welch t.
for (i in 1:12) {
  nx <- sample(2:60, 1); ny <- sample(2:60, 1)
  x <- round(rnorm(nx, 10, runif(1, 0.5, 5)), 3); y <- round(rnorm(ny, 11, runif(1, 0.5, 5)), 3)
  case <- paste0("welch/", i)
  emit(case, "x", x); emit(case, "y", y)
  for (conf in c(0.95, 0.9)) {
    t <- t.test(x, y, conf.level = conf)
    emit(case, paste0("ci_", conf), t$conf.int)
  }
  emit(case, "t", t$statistic); emit(case, "df", t$parameter); emit(case, "p", t$p.value)
}

## Mann-Whitney (wilcox.test, correct = TRUE, exact chosen as R does).
mw <- list()
for (i in 1:6) mw[[length(mw) + 1]] <- list(rnorm(sample(1:30, 1)), rnorm(sample(1:30, 1), 0.5))        # exact
for (i in 1:4) mw[[length(mw) + 1]] <- list(round(rnorm(sample(5:30, 1)), 0), round(rnorm(sample(5:30, 1), 0.5), 0)) # ties
for (i in 1:4) mw[[length(mw) + 1]] <- list(rexp(sample(50:300, 1)), rexp(sample(50:300, 1), 1.3))      # large
mw[[length(mw) + 1]] <- list(c(1, 2, 3), c(4, 5, 6, 7))
for (i in seq_along(mw)) {
  x <- signif(mw[[i]][[1]], 6); y <- signif(mw[[i]][[2]], 6); case <- paste0("mw/", i)
  emit(case, "x", x); emit(case, "y", y)
  t <- wilcox.test(x, y, correct = TRUE)
  emit(case, "W", t$statistic); emit(case, "p", t$p.value)
  tn <- wilcox.test(x, y, correct = TRUE, exact = FALSE)
  emit(case, "p_normal", tn$p.value)
  emit(case, "exact", as.numeric(grepl("exact", t$method) && !grepl("not", t$method) && length(unique(c(x, y))) == length(c(x, y)) && length(x) < 50 && length(y) < 50))
}

## Type-7 quantiles and medians.
for (i in 1:8) {
  x <- round(rnorm(sample(1:25, 1), 50, 20), 2); case <- paste0("quantile/", i)
  probs <- c(0, 0.025, 0.1, 0.25, 0.5, 0.75, 0.9, 0.975, 1)
  emit(case, "x", x); emit(case, "probs", probs)
  emit(case, "q", quantile(x, probs, type = 7, names = FALSE)); emit(case, "median", median(x))
}

## Cochran-Armitage (prop.trend.test; its X-squared is z^2).
trend <- list(list(c(15, 10, 8, 4), c(40, 40, 40, 40), 1:4),
              list(c(83, 90, 129, 70), c(86, 93, 136, 82), c(0, 1, 2, 3)),
              list(c(5, 9, 14), c(50, 48, 51), c(1, 2, 5)),
              list(c(20, 20, 21), c(100, 100, 100), c(1, 2, 3)))
for (i in 1:5) { n <- sample(20:200, 5); trend[[length(trend) + 1]] <- list(rbinom(5, n, seq(0.2, 0.5, length.out = 5)), n, sort(runif(5, 0, 10))) }
for (i in seq_along(trend)) {
  v <- trend[[i]]; case <- paste0("trend/", i)
  emit(case, "x", v[[1]]); emit(case, "n", v[[2]]); emit(case, "score", v[[3]])
  t <- prop.trend.test(v[[1]], v[[2]], v[[3]])
  p <- v[[1]] / v[[2]]
  emit(case, "chisq", t$statistic); emit(case, "p", t$p.value)
  emit(case, "sign", sign(coef(lm(p ~ v[[3]], weights = v[[2]]))[2]))
}

## p.adjust.
padj <- list(c(0.01, 0.02, 0.03, 0.04, 0.05), c(0.5, NA, 0.001, 0.2, 0.2, 0.04), c(0.9, 0.95, 0.99),
             runif(12)^3, c(NA, NA), c(0.03))
for (i in seq_along(padj)) {
  case <- paste0("padjust/", i); p <- padj[[i]]
  emit(case, "p", p); emit(case, "holm", p.adjust(p, "holm")); emit(case, "bh", p.adjust(p, "BH"))
}

## lm (OLS).
for (i in 1:3) {
  n <- c(30, 200, 1000)[i]; k <- c(3, 5, 8)[i]
  X <- cbind(1, matrix(round(rnorm(n * (k - 1), 0, 3), 3), n))
  X[, 2] <- X[, 2] + 1000  # an offset column tests conditioning
  y <- round(drop(X %*% rnorm(k)) + rnorm(n, 0, 2), 4)
  case <- paste0("ols/", i)
  emit(case, "dim", c(n, k)); emit(case, "X", t(X)); emit(case, "y", y)
  f <- lm(y ~ X - 1); s <- summary(f)
  emit(case, "coef", coef(f)); emit(case, "se", s$coefficients[, 2]); emit(case, "rss", sum(resid(f)^2))
}

## glm binomial (logit).
for (i in 1:3) {
  n <- c(60, 400, 2000)[i]; k <- c(3, 4, 6)[i]
  X <- cbind(1, matrix(round(rnorm(n * (k - 1)), 3), n))
  X[, k] <- as.numeric(X[, k] > 0)  # last regressor binary (for the AME test)
  eta <- drop(X %*% c(-0.5, rnorm(k - 1, 0, 0.8)))
  y <- rbinom(n, 1, plogis(eta))
  case <- paste0("logit/", i)
  emit(case, "dim", c(n, k)); emit(case, "X", t(X)); emit(case, "y", y)
  f <- glm(y ~ X - 1, family = binomial, control = glm.control(epsilon = 1e-14, maxit = 100)); s <- summary(f)
  emit(case, "coef", coef(f)); emit(case, "se", s$coefficients[, 2]); emit(case, "loglik", logLik(f))
  f0 <- glm(y ~ 1, family = binomial, control = glm.control(epsilon = 1e-14))
  emit(case, "loglik_null", logLik(f0))
}
