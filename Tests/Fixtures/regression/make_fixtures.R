# Reference values for Tests/RegressionTests, made with R + estimatr + sandwich.
# Run from this directory:  Rscript make_fixtures.R
# Writes: main.csv, pairs.csv (data) and reference.csv (every estimate at 17 significant digits),
# versions.txt (R and package versions).
suppressPackageStartupMessages({ library(estimatr); library(sandwich) })
set.seed(20261123)
fmt <- function(x) sprintf("%.17g", x)

# ---- data: 203 rows, 12 clusters of unequal size, 4 strata, weights, continuous + binary outcomes
sizes <- c(5, 8, 10, 12, 14, 15, 17, 18, 20, 22, 28, 34)
g <- rep(seq_along(sizes), sizes)
n <- length(g)
s <- sample(1:4, n, replace = TRUE)
D <- rbinom(n, 1, 0.5)
x1 <- rnorm(n, 40, 10)
x2 <- rbinom(n, 1, 0.3) + rnorm(n, 0, 0.2)
w <- runif(n, 0.5, 3)
u <- rnorm(length(sizes))[g]
y <- 2 + 1.5 * D + 0.05 * x1 - x2 + 0.4 * s + u + rnorm(n) * (1 + D)
yb <- as.numeric(y + rnorm(n) > 4)
y2 <- 10 - 0.5 * D + 0.2 * x1 + rnorm(n, 0, 3)
x3 <- x1 + 2 * x2   # collinear with x1, x2: lm drops it
main <- data.frame(y, yb, y2, D, x1, x2, x3, s, g, w)
write.csv(data.frame(lapply(main, fmt)), "main.csv", row.names = FALSE, quote = FALSE)

rows <- list()
add <- function(case, package, se_type, outcome, fit) {
  ct <- tidy(fit)
  r2 <- if (!is.null(fit$r.squared)) fit$r.squared else NA
  rows[[length(rows) + 1]] <<- data.frame(case = case, package = package, se_type = se_type,
    outcome = outcome, term = ct$term, estimate = fmt(ct$estimate), std_error = fmt(ct$std.error),
    df = fmt(ct$df), p_value = fmt(ct$p.value), conf_low = fmt(ct$conf.low),
    conf_high = fmt(ct$conf.high), r_squared = fmt(r2))
}
add_vcov <- function(case, package, se_type, outcome, fit, V, df) {
  b <- coef(fit)
  b <- b[!is.na(b)]
  se <- sqrt(diag(V))[names(b)]
  rows[[length(rows) + 1]] <<- data.frame(case = case, package = package, se_type = se_type,
    outcome = outcome, term = names(b), estimate = fmt(b), std_error = fmt(se), df = fmt(df),
    p_value = "NA", conf_low = "NA", conf_high = "NA", r_squared = fmt(summary(fit)$r.squared))
}

types <- c("classical", "HC0", "HC1", "HC2", "HC3")
for (o in c("y", "yb", "y2")) {
  f <- as.formula(paste(o, "~ D + x1 + x2 + factor(s)"))
  for (ty in types) {
    add("unweighted", "estimatr", ty, o, lm_robust(f, data = main, se_type = ty))
    add("weighted", "estimatr", ty, o, lm_robust(f, data = main, weights = w, se_type = ty))
  }
  for (ty in c("CR0", "stata", "CR2")) {
    add("clustered", "estimatr", ty, o, lm_robust(f, data = main, clusters = g, se_type = ty))
    add("clustered_weighted", "estimatr", ty, o, lm_robust(f, data = main, clusters = g, weights = w, se_type = ty))
  }
}
# Cross-check with sandwich on lm (same numbers, independent implementation).
for (wt in c(FALSE, TRUE)) {
  fit <- if (wt) lm(y ~ D + x1 + x2 + factor(s), data = main, weights = w) else lm(y ~ D + x1 + x2 + factor(s), data = main)
  case <- if (wt) "weighted" else "unweighted"
  for (ty in c("HC0", "HC1", "HC2", "HC3")) add_vcov(case, "sandwich", ty, "y", fit, vcovHC(fit, type = ty), fit$df.residual)
  ccase <- if (wt) "clustered_weighted" else "clustered"
  add_vcov(ccase, "sandwich", "CR0", "y", fit, vcovCL(fit, cluster = ~g, type = "HC0", cadjust = FALSE), length(sizes) - 1)
  add_vcov(ccase, "sandwich", "stata", "y", fit, vcovCL(fit, cluster = ~g, type = "HC1"), length(sizes) - 1)
}
# Rank-deficient design: x3 = x1 + 2 x2 is aliased (lm: NA coefficient).
for (ty in c("classical", "HC2")) add("rank_deficient", "estimatr", ty, "y",
  lm_robust(y ~ D + x1 + x2 + x3 + factor(s), data = main, se_type = ty))
add("rank_deficient", "estimatr", "CR2", "y", lm_robust(y ~ D + x1 + x2 + x3 + factor(s), data = main, clusters = g, se_type = "CR2"))
rd <- lm(y ~ D + x1 + x2 + x3 + factor(s), data = main)
add_vcov("rank_deficient", "sandwich", "HC2", "y", rd, vcovHC(rd, type = "HC2"), rd$df.residual)
add_vcov("rank_deficient", "sandwich", "classical", "y", rd, vcov(rd), rd$df.residual)

# Lin (2013): lm_lin.
for (ty in c("HC2", "classical")) add("lin", "estimatr", ty, "y", lm_lin(y ~ D, covariates = ~ x1 + x2, data = main, se_type = ty))
add("lin_weighted", "estimatr", "HC2", "y", lm_lin(y ~ D, covariates = ~ x1 + x2, data = main, weights = w))
add("lin_clustered", "estimatr", "CR2", "y", lm_lin(y ~ D, covariates = ~ x1 + x2, data = main, clusters = g))

# Difference in means: Welch, blocked, matched pairs.
add("dim", "estimatr", "default", "y", difference_in_means(y ~ D, data = main))
add("dim_blocked", "estimatr", "default", "y", difference_in_means(y ~ D, blocks = s, data = main))
pairs <- data.frame(pair = rep(1:9, each = 2), D = rep(c(0, 1), 9))
pairs$y <- round(rnorm(18, 5 + pairs$D), 3)
write.csv(data.frame(lapply(pairs, fmt)), "pairs.csv", row.names = FALSE, quote = FALSE)
add("dim_pairs", "estimatr", "default", "y", difference_in_means(y ~ D, blocks = pair, data = pairs))

# Hand-computed case: y = 1,2,3 (control), 4,6,8 (treated).
hand <- data.frame(y = c(1, 2, 3, 4, 6, 8), D = c(0, 0, 0, 1, 1, 1))
for (ty in c("classical", "HC2")) add("hand", "estimatr", ty, "y", lm_robust(y ~ D, data = hand, se_type = ty))
add("hand_dim", "estimatr", "default", "y", difference_in_means(y ~ D, data = hand))

write.csv(do.call(rbind, rows), "reference.csv", row.names = FALSE, quote = FALSE)
writeLines(c(R.version.string,
             paste("estimatr", packageVersion("estimatr")),
             paste("sandwich", packageVersion("sandwich")),
             "seed 20261123"), "versions.txt")
