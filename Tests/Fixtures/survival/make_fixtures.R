# Makes the data sets and R reference values for Tests/SurvivalAnalysisTests.
# Run from this directory: Rscript make_fixtures.R > make_fixtures.Rout
# Writes *.csv (data) and reference.json (every value the tests compare with).
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
cat(R.version.string, "\n")
cat("survival", format(packageVersion("survival")), "\n")
cat("jsonlite", format(packageVersion("jsonlite")), "\n")
ref <- list(versions = list(R = R.version.string, survival = format(packageVersion("survival"))))

# ---- data sets -------------------------------------------------------------------------------
lung2 <- with(lung, data.frame(time = time, status = status - 1, age = age, sex = sex,
                               ph_ecog = ph.ecog))
lung2 <- lung2[complete.cases(lung2), ]
write.csv(lung2, "lung.csv", row.names = FALSE)

write.csv(ovarian[, c("futime", "fustat", "age", "rx", "resid.ds", "ecog.ps")], "ovarian.csv",
          row.names = FALSE)

heart2 <- heart[, c("id", "start", "stop", "event", "age", "year", "surgery", "transplant")]
heart2$transplant <- as.integer(as.character(heart2$transplant))
write.csv(heart2, "heart.csv", row.names = FALSE)

m <- mgus2
m$etime <- ifelse(m$pstat == 0, m$futime, m$ptime)
m$ecode <- ifelse(m$pstat == 0, 2 * m$death, 1)   # 0 censored, 1 pcm, 2 death
m$elabel <- c("0", "pcm", "death")[m$ecode + 1]   # 0 = censored, labels for outcomes
m$female <- as.integer(m$sex == "F")
mg <- m[complete.cases(m[, c("age", "female")]), c("id", "etime", "ecode", "elabel", "age", "female")]
write.csv(mg, "mgus2.csv", row.names = FALSE)

# Simulated weekly data: integer times 1..104 (heavy ties), two strata, a treatment.
set.seed(20261123)
n <- 3000
weekly <- data.frame(id = 1:n, treat = rbinom(n, 1, 0.5), age = round(rnorm(n, 40, 10)),
                     x3 = round(rnorm(n), 3), stratum = sample(c(1, 2), n, TRUE))
lp <- -0.25 * weekly$treat + 0.02 * (weekly$age - 40) + 0.3 * weekly$x3 + 0.4 * (weekly$stratum == 2)
tev <- ceiling(rexp(n, 0.02 * exp(lp)))
tcen <- sample(20:130, n, TRUE)
weekly$time <- pmin(tev, tcen, 104)
weekly$status <- as.integer(tev <= pmin(tcen, 104))
write.csv(weekly, "weekly.csv", row.names = FALSE)

# Same people split at week 26 into (start, stop] rows; late = 1 after week 26 (time-varying).
split <- survSplit(Surv(time, status) ~ ., data = weekly, cut = 26, episode = "late",
                   start = "start", end = "stop")
split$late <- split$late - 1L
split$treat_late <- split$treat * split$late
split <- split[, c("id", "start", "stop", "status", "treat", "age", "x3", "stratum", "late", "treat_late")]
write.csv(split, "weekly_split.csv", row.names = FALSE)

# ---- Kaplan-Meier ----------------------------------------------------------------------------
km_ref <- function(fit, times) {
  out <- list()
  strata <- if (is.null(fit$strata)) rep("all", length(fit$time)) else
    rep(names(fit$strata), fit$strata)
  s <- summary(fit, times = times, extend = TRUE)
  st <- if (is.null(s$strata)) rep("all", length(s$time)) else as.character(s$strata)
  tab <- summary(fit)$table
  if (is.null(dim(tab))) tab <- t(as.matrix(tab))
  for (g in unique(strata)) {
    i <- strata == g; j <- st == g
    k <- if (nrow(tab) == 1) 1 else g
    out[[length(out) + 1]] <- list(
      group = g, time = fit$time[i], n_risk = fit$n.risk[i], n_event = fit$n.event[i],
      n_censor = fit$n.censor[i], surv = fit$surv[i], std_err_log = fit$std.err[i],
      lower = fit$lower[i], upper = fit$upper[i],
      at_time = s$time[j], at_surv = s$surv[j], at_std_err = s$std.err[j],
      at_lower = s$lower[j], at_upper = s$upper[j], at_n_risk = s$n.risk[j],
      n = unname(tab[k, "records"]), events = unname(tab[k, "events"]),
      median = unname(tab[k, "median"]), median_lower = unname(tab[k, 8]),
      median_upper = unname(tab[k, 9]))
  }
  out
}
times_lung <- c(3, 50, 100, 200, 365, 500, 750, 1000)   # 3: before the first event
ref$km <- list(
  lung_log = km_ref(survfit(Surv(time, status) ~ sex, lung2, conf.type = "log"), times_lung),
  lung_loglog = km_ref(survfit(Surv(time, status) ~ sex, lung2, conf.type = "log-log"), times_lung),
  lung_plain = km_ref(survfit(Surv(time, status) ~ sex, lung2, conf.type = "plain"), times_lung),
  lung_log90 = km_ref(survfit(Surv(time, status) ~ sex, lung2, conf.int = 0.90), times_lung),
  weekly_log = km_ref(survfit(Surv(time, status) ~ treat, weekly), c(4, 13, 26, 52, 104)),
  ovarian_loglog = km_ref(survfit(Surv(futime, fustat) ~ 1, ovarian, conf.type = "log-log"),
                          c(100, 365, 700, 1000)),
  heart_startstop = km_ref(survfit(Surv(start, stop, event) ~ surgery, heart2), c(1, 30, 100, 365, 1000)))
print(survfit(Surv(time, status) ~ sex, lung2))

# ---- log-rank ----------------------------------------------------------------------------------
lr_ref <- function(fit) list(statistic = fit$chisq, df = length(fit$n) - 1,
                             p_value = pchisq(fit$chisq, length(fit$n) - 1, lower.tail = FALSE),
                             observed = as.vector(if (is.matrix(fit$obs)) rowSums(fit$obs) else fit$obs),
                             expected = as.vector(if (is.matrix(fit$exp)) rowSums(fit$exp) else fit$exp),
                             var = as.vector(fit$var))
ref$logrank <- list(
  lung_sex = lr_ref(survdiff(Surv(time, status) ~ sex, lung2)),
  lung_ecog = lr_ref(survdiff(Surv(time, status) ~ ph_ecog, lung2[lung2$ph_ecog < 3, ])),
  lung_sex_strata = lr_ref(survdiff(Surv(time, status) ~ sex + strata(ph_ecog), lung2)),
  lung_sex_rho1 = lr_ref(survdiff(Surv(time, status) ~ sex, lung2, rho = 1)),
  weekly_strata = lr_ref(survdiff(Surv(time, status) ~ treat + strata(stratum), weekly)))
print(survdiff(Surv(time, status) ~ sex + strata(ph_ecog), lung2))

# ---- Cox ---------------------------------------------------------------------------------------
cox_ref <- function(fit) {
  r <- list(coef = unname(fit$coefficients), var = as.vector(fit$var),
            loglik = fit$loglik, score = fit$score, wald = unname(fit$wald.test),
            concordance = unname(fit$concordance["concordance"]),
            iter = fit$iter, n = fit$n, nevent = fit$nevent)
  if (!is.null(fit$naive.var)) r$naive_var <- as.vector(fit$naive.var)
  if (!is.null(fit$rscore)) r$robust_score <- fit$rscore
  r
}
fits <- list(
  lung_efron = coxph(Surv(time, status) ~ age + sex + ph_ecog, lung2),
  lung_breslow = coxph(Surv(time, status) ~ age + sex + ph_ecog, lung2, ties = "breslow"),
  weekly_efron = coxph(Surv(time, status) ~ treat + age + x3, weekly),
  weekly_breslow = coxph(Surv(time, status) ~ treat + age + x3, weekly, ties = "breslow"),
  weekly_strata = coxph(Surv(time, status) ~ treat + age + x3 + strata(stratum), weekly),
  weekly_split_cluster = coxph(Surv(start, stop, status) ~ treat + age + x3 + treat_late,
                               split, cluster = id),
  heart_efron = coxph(Surv(start, stop, event) ~ age + year + surgery + transplant, heart2,
                      cluster = id),
  heart_breslow = coxph(Surv(start, stop, event) ~ age + year + surgery + transplant, heart2,
                        ties = "breslow"),
  ovarian_robust = coxph(Surv(futime, fustat) ~ age + rx, ovarian, robust = TRUE),
  mgus2_pcm = coxph(Surv(etime, ecode == 1) ~ age + female, mg),
  mgus2_death = coxph(Surv(etime, ecode == 2) ~ age + female, mg))
ref$cox <- lapply(fits, cox_ref)
print(summary(fits$weekly_split_cluster))

# ---- Aalen-Johansen ----------------------------------------------------------------------------
mg$ev <- factor(mg$ecode, 0:2, c("censor", "pcm", "death"))
aj <- survfit(Surv(etime, ev) ~ female, mg)
s <- summary(aj, times = c(12, 60, 120, 240, 360))
ref$cif <- list()
for (g in c("female=0", "female=1")) {
  i <- as.character(s$strata) == g
  ref$cif[[g]] <- list(time = s$time[i], n_risk = s$n.risk[i, 1],
                       pcm = s$pstate[i, 2], pcm_se = s$std.err[i, 2],
                       death = s$pstate[i, 3], death_se = s$std.err[i, 3])
}
# one group, all times (checks every step)
aj1 <- survfit(Surv(etime, ev) ~ 1, mg)
ref$cif_all <- list(time = aj1$time, pcm = aj1$pstate[, 2], pcm_se = aj1$std.err[, 2],
                    death = aj1$pstate[, 3], death_se = aj1$std.err[, 3])
print(s)

writeLines(toJSON(ref, digits = NA, auto_unbox = TRUE, na = "null", pretty = TRUE), "reference.json")
