# Delta-method (sandwich) standard errors of the Blinder-Oaxaca components,
# written independently of the Go code: each estimator's influence function
# is formed from lm() fits and model.matrix(), stacked, and every component's
# variance is the sum of squares of its linearised influence. Writes
# oaxaca_delta_R.txt for oaxaca_delta_test.go.
# Run: cd analysis/stats/testdata && Rscript oaxaca_delta.R [reference]  (the committed
# public datasets, provenance in reference/SOURCE.txt)
args <- commandArgs(trailingOnly = TRUE)
dir <- if (length(args)) args[1] else "reference"
out <- file("oaxaca_delta_R.txt", "w")
emit <- function(case, field, v) cat(case, "\t", field, "\t", paste(format(v, digits = 15), collapse = ","), "\n", sep = "", file = out)

decomp_se <- function(XA, yA, XB, yB) {
  nA <- nrow(XA); nB <- nrow(XB); k <- ncol(XA)
  fA <- lm.fit(XA, yA); fB <- lm.fit(XB, yB)
  X <- rbind(XA, XB); y <- c(yA, yB); d <- c(rep(1, nA), rep(0, nB))
  fN <- lm.fit(X, y); XP <- cbind(X, d); fP <- lm.fit(XP, y)
  bA <- fA$coefficients; bB <- fB$coefficients; bN <- fN$coefficients; bP <- fP$coefficients[1:k]
  mA <- colMeans(XA); mB <- colMeans(XB)
  n <- nA + nB; inA <- 1:nA; inB <- nA + 1:nB
  # Influence functions, one row per observation (zero outside the group).
  IFmA <- matrix(0, n, k); IFmA[inA, ] <- sweep(XA, 2, mA) / nA
  IFmB <- matrix(0, n, k); IFmB[inB, ] <- sweep(XB, 2, mB) / nB
  IFbA <- matrix(0, n, k); IFbA[inA, ] <- (XA * fA$residuals) %*% solve(crossprod(XA))
  IFbB <- matrix(0, n, k); IFbB[inB, ] <- (XB * fB$residuals) %*% solve(crossprod(XB))
  IFbN <- (X * fN$residuals) %*% solve(crossprod(X))
  IFbP <- ((XP * fP$residuals) %*% solve(crossprod(XP)))[, 1:k]
  IF <- cbind(IFmA, IFmB, IFbA, IFbB, IFbN, IFbP)
  z <- rep(0, k)
  # Gradients in the order (mA, mB, bA, bB, bN, bP).
  g_gap <- c(bA, -bB, mA, -mB, z, z)
  ex <- function(ref, gA, gB, gN, gP) c(ref, -ref, gA, gB, gN, gP)
  dx <- mA - mB; db <- bA - bB
  G <- list(
    endowments = c(bB, -bB, z, dx, z, z),
    coefficients = c(z, db, mB, -mB, z, z),
    interaction = c(db, -db, dx, -dx, z, z))
  refs <- list(A = ex(bA, dx, z, z, z), B = ex(bB, z, dx, z, z), "0.5" = ex((bA + bB) / 2, dx / 2, dx / 2, z, z),
               neumark = ex(bN, z, z, dx, z), pooled = ex(bP, z, z, z, dx))
  for (r in names(refs)) {
    G[[paste0(r, ".explained")]] <- refs[[r]]
    G[[paste0(r, ".unexplained")]] <- g_gap - refs[[r]]
  }
  sapply(G, function(g) sqrt(sum((IF %*% g)^2)))
}

# chicago (R oaxaca vignette): real.wage on age, female, education dummies; A = natives.
ch <- read.csv(file.path(dir, "chicago.csv"))
ch <- ch[!is.na(ch$ln.real.wage), ]
Xc <- cbind(1, as.matrix(ch[, c("age", "female", "LTHS", "some.college", "college", "advanced.degree")]))
a <- ch$foreign.born == 0
se <- decomp_se(Xc[a, ], exp(ch$ln.real.wage[a]), Xc[!a, ], exp(ch$ln.real.wage[!a]))
for (nm in names(se)) emit("chicago", nm, se[[nm]])

# ccard (statsmodels / Stata): AVGEXP on AGE, INCOME, INCOMESQ; A = OWNRENT 1.
cc <- read.csv(file.path(dir, "ccard.csv"))
Xk <- cbind(1, as.matrix(cc[, c("AGE", "INCOME", "INCOMESQ")]))
a <- cc$OWNRENT == 1
se <- decomp_se(Xk[a, ], cc$AVGEXP[a], Xk[!a, ], cc$AVGEXP[!a])
for (nm in names(se)) emit("ccard", nm, se[[nm]])
close(out)
