# Independent R implementation of the indicator definitions (PY 2023) on the
# bundled sample, run by hand: Rscript crosscheck.R. Its counts and medians
# equal cmd/testdata/indicators-results.csv (checked when the package was written).
d <- read.csv(gzfile("/work/main/analysis/sample/pirl.csv.gz"), colClasses = "character", check.names = FALSE)
g <- function(n) d[[paste0("PIRL ", n)]]
num <- function(n) suppressWarnings(as.numeric(g(n)))
dt <- function(n) { x <- gsub("-", "", g(n)); as.Date(ifelse(x == "", NA, x), "%Y%m%d") }
exit <- dt(901); entry <- dt(900); oc <- num(923)
emp <- function(n) { v <- num(n); !is.na(v) & v >= 1 & v <= 3 }
py <- 2023
q2 <- c(as.Date("2022-07-01"), as.Date("2023-06-30")); q4 <- c(as.Date("2022-01-01"), as.Date("2022-12-31"))
pyw <- c(as.Date("2023-07-01"), as.Date("2024-06-30"))
inw <- function(x, w) !is.na(x) & x >= w[1] & x <= w[2]
oneyear <- function(x) { lt <- as.POSIXlt(x); lt$year <- lt$year + 1; as.Date(lt) }
for (p in list(c("Adult", 903), c("Dislocated Worker", 904), c("Youth", 905))) {
  prog <- emp(p[2]); youth <- p[1] == "Youth"
  excl <- if (youth) c(1,2,3,4,5,7) else c(1,2,3,4,7)
  ok <- prog & !(oc %in% excl)
  c2 <- ok & inw(exit, q2); c4 <- ok & inw(exit, q4)
  h2 <- emp(1602) | (youth & emp(1900)); h4 <- emp(1606) | (youth & emp(1901))
  w <- num(1704); mq <- c2 & emp(1602) & !is.na(w) & w > 0 & w != 999999.99
  tt <- sapply(c(1303, 1310, 1315), function(n) { v <- num(n); !is.na(v) & ((v >= 2 & v <= 4) | (v >= 6 & v <= 10)) })
  train <- apply(tt, 1, any) | (num(1332) %in% 1) | ((num(408) %in% 0) & (num(1401) %in% 1))
  lim <- oneyear(exit)
  cred <- rep(FALSE, nrow(d))
  anyemp <- emp(1600) | emp(1602) | emp(1604) | emp(1606)
  pe <- dt(1406)
  for (k in list(c(1800, 1801), c(1802, 1803), c(1804, 1805))) {
    t <- num(k[1]); cd <- dt(k[2])
    v <- !is.na(t) & t >= 1 & t <= 7 & !is.na(cd) & cd <= lim
    cred <- cred | (v & t >= 2) | (v & t == 1 & (anyemp | (!is.na(pe) & pe <= lim)))
  }
  ccar <- c4 & train
  act <- prog & !is.na(entry) & entry <= pyw[2] & (is.na(exit) | exit >= pyw[1])
  act <- act & !(inw(exit, pyw) & oc %in% excl)
  e1 <- dt(1811); e2 <- dt(1813)
  msgden <- act & !is.na(e1) & e1 <= pyw[2] & (is.na(e2) | e2 >= pyw[1])
  gain <- Reduce(`|`, lapply(1806:1810, function(n) inw(dt(n), pyw)))
  cat(sprintf("%s ERQ2 %d/%d ERQ4 %d/%d MEQ2 n=%d median=%.4f CAR %d/%d MSG %d/%d\n", p[1],
    sum(c2 & h2), sum(c2), sum(c4 & h4), sum(c4), sum(mq), median(w[mq]),
    sum(ccar & cred), sum(ccar), sum(msgden & gain), sum(msgden)))
}
