# SPDX-License-Identifier: GPL-3.0-or-later
# The R check of reference.json (NOT RUN here: R is not installed on the build machine; the
# committed reference.json comes from aalen_johansen_reference.py). With R >= 4.3 and
# survival >= 3.5:  Rscript Tests/Fixtures/monitoring/survfit_reference.R
# prints survfit's multi-state (Aalen-Johansen) estimates per proposed intervention and
# prop.trend.test's statistic; they should equal reference.json to 1e-12.
library(survival)
here <- dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE)))
cases <- read.csv(file.path(here, "cases.csv"), comment.char = "#", stringsAsFactors = FALSE)
last <- sapply(strsplit(cases$status_history, ";"), function(h) h[length(h)])
status <- sub("@.*", "", last); date <- as.Date(sub(".*@", "", last))
contact <- as.Date(cases$contact_date)
latest <- max(c(contact, as.Date(cases$placement_date[cases$placement_date != ""]),
                as.Date(unlist(lapply(strsplit(cases$status_history, ";"), function(h) sub(".*@", "", h))))))
event <- ifelse(status == "closed", 1, ifelse(status == "interrupted", ifelse(cases$arranged == "sent_back", 2, 3), 0))
time <- ifelse(event > 0, as.numeric(date - contact), as.numeric(latest - contact))
fit <- survfit(Surv(time, factor(event, 0:3, c("censored", "placed", "sent_back", "interrupted"))) ~ cases$proposed)
print(summary(fit))
decided <- cases$arranged != ""
half <- as.numeric(format(contact, "%Y")) * 2 + (as.numeric(format(contact, "%m")) > 6)
x <- tapply(cases$arranged[decided] == "sent_back", half[decided], sum)
n <- tapply(rep(1, sum(decided)), half[decided], sum)
print(prop.trend.test(x, n, score = as.numeric(names(n))))
