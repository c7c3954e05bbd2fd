# Synthetic example data for `effekt regress` (NOT real participants). Rscript make_regression_example.R
set.seed(2026)
n <- 600
jobcentre <- sample(sprintf("JC%02d", 1:16), n, replace = TRUE)
municipality <- c("Aarhus", "Esbjerg", "Kobenhavn", "Odense", "Aalborg")[1 + (match(jobcentre, sprintf("JC%02d", 1:16)) %% 5)]
treatment <- rbinom(n, 1, 0.5)
age <- round(runif(n, 18, 64))
prior_weeks_employed <- rbinom(n, 52, 0.3)
shock <- rnorm(16, 0, 1.5)[match(jobcentre, sprintf("JC%02d", 1:16))]
hours_week_26 <- pmax(0, round(6 + 2.5 * treatment + 0.12 * prior_weeks_employed - 0.05 * (age - 40) + shock + rnorm(n, 0, 7), 1))
employed_week_52 <- as.numeric(hours_week_26 + rnorm(n, 0, 6) > 12)
hours_week_26[sample(n, 7)] <- NA
d <- data.frame(id = 1:n, jobcentre, municipality, treatment, age, prior_weeks_employed, hours_week_26, employed_week_52)
write.csv(d, "regression.csv", row.names = FALSE, quote = FALSE, na = "")
