# Reference values at scale for Tests/RegressionTests/LargeDesignTests.swift: 140,000 rows (more
# than two of Effekt's 65,536-row chunks, which run concurrently), weights, 5 strata as fixed
# effects, 200 clusters, three outcomes. The data come from a formula both R and the test compute
# exactly (integer arithmetic below 2^53), so no data file is shipped.
# Run from this directory:  Rscript large_n.R   (writes large_n_reference.csv)
suppressPackageStartupMessages(library(estimatr))
fmt <- function(x) sprintf("%.17g", x)
n <- 140000
i <- 0:(n - 1)
M <- 2147483647
u <- function(k) ((i * (48271 + 7919 * k) + 104729 * k) %% M) / M
d <- as.numeric(u(1) < 0.5)
x1 <- 10 * u(2)
x2 <- u(3) - 0.5
s <- floor(5 * u(4)) + 1
g <- floor(200 * u(5))
w <- 0.5 + u(6)
y <- lapply(1:3, function(t) 2 + 0.5 * d * t + 0.3 * x1 - x2 + 0.2 * s + (1 + d) * (u(6 + t) - 0.5) * 3)
data <- data.frame(y1 = y[[1]], y2 = y[[2]], y3 = y[[3]], d, x1, x2, s, g, w)
rows <- list()
add <- function(case, se_type, outcome, fit) {
  ct <- tidy(fit)
  rows[[length(rows) + 1]] <<- data.frame(case = case, se_type = se_type, outcome = outcome, term = ct$term,
    estimate = fmt(ct$estimate), std_error = fmt(ct$std.error), df = fmt(ct$df), r_squared = fmt(fit$r.squared))
}
for (o in c("y1", "y2", "y3")) {
  f <- as.formula(paste(o, "~ d + x1 + x2 + factor(s)"))
  for (ty in c("HC1", "HC2")) add("weighted", ty, o, lm_robust(f, data = data, weights = w, se_type = ty))
  for (ty in c("CR0", "stata", "CR2")) add("clustered", ty, o, lm_robust(f, data = data, clusters = g, se_type = ty))
}
out <- do.call(rbind, rows)
write.csv(out, "large_n_reference.csv", row.names = FALSE, quote = FALSE)
cat("R", R.version$major, R.version$minor, "estimatr", as.character(packageVersion("estimatr")), "\n")
