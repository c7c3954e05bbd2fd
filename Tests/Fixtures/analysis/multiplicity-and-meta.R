# Reference values for Tests/TrialAnalysisTests/{Multiplicity,MetaAnalysis}Tests.swift.
# R 4.2.2 (Debian r-base-core 4.2.2.20221110-2), metafor 3.8.1 (Debian r-cran-metafor 3.8-1-1).
# Run: Rscript Tests/Fixtures/analysis/multiplicity-and-meta.R
options(digits = 17)
p <- c(0.01, 0.04, 0.03, 0.005, 0.2, 0.04, NA)
print(p.adjust(p, "holm"))   # 0.05 0.12 0.12 0.03 0.2 0.12 NA
print(p.adjust(p, "BH"))     # 0.03 0.048 0.048 0.03 0.2 0.048 NA
suppressMessages(library(metafor))
se <- c(0.04, 0.05, 0.06, 0.03, 0.045, 0.05, 0.035, 0.04)
x  <- c(0.20, 0.10, 0.05, 0.18, 0.12, 0.08, 0.22, 0.11)
y1 <- c(0.02, 0.10, 0.21, 0.05, 0.08, 0.15, 0.00, 0.12)
f <- rma(yi = y1, sei = se, method = "FE")
cat(sprintf("%.17g", c(f$QE, f$QEp)), "\n")
# 15.968193446378237 0.025408543883839625
r <- rma(yi = y1, sei = se, mods = ~x, method = "DL")
cat(sprintf("%.17g", c(r$beta, r$se[2], r$tau2, r$pval[2], r$ci.lb[2], r$ci.ub[2])), "\n")
# 0.23001561970661893 -1.0458864091818905 0.2698094806072725 0 0.00010601829242088013 -1.5747032738596025 -0.5170695445041783
y2 <- c(0.02, 0.25, 0.21, -0.05, 0.08, 0.30, 0.00, 0.12)
r <- rma(yi = y2, sei = se, mods = ~x, method = "DL")
cat(sprintf("%.17g", c(r$beta, r$se[2], r$tau2, r$pval[2], r$ci.lb[2], r$ci.ub[2])), "\n")
# 0.35318585250476009 -1.8029361410846789 0.45442828414116926 0.0033177130648206952 7.2635926813275579e-05 -2.6935992115577045 -0.91227307061165308
cat(sprintf("%.17g", c(qnorm(0.975) + qnorm(0.8), qt(0.975, 40) + qt(0.8, 40))), "\n")
# 2.8015852181129679 2.8717751860967278 (MDE multipliers)
