# Reference values for Tests/TrialAnalysisTests/RAgreementTests.swift: the trial analysis of the
# shipped synthetic trials Data/flexjob and Data/jobfirst, recomputed in R from the raw CSVs
# (roster.csv, allocation.csv, weekly.csv). Nothing here is exported from Effekt: the outcome
# columns, covariates and survival times are rebuilt from the documented conventions
# (Sources/TrialAnalysis/OutcomeTable.swift, EffectEstimation.swift, HazardAnalysis.swift and
# Sources/TrialModel/Outcomes/ParticipantHistory+*.swift).
#
# R 4.2.2, estimatr 1.0.0, survival 3.5-3, metafor 3.8.1, jsonlite (versions written to the JSON).
# Run from the package root:
#   Rscript Tests/Fixtures/analysis/r-agreement.R > Tests/Fixtures/analysis/r-agreement.Rout
# writes Tests/Fixtures/analysis/r-agreement.json.
suppressMessages({
  library(estimatr); library(survival); library(metafor); library(jsonlite)
})
options(digits = 17)

read <- function(dir, f) read.csv(file.path(dir, f), comment.char = "#", stringsAsFactors = FALSE)

# ---- Participant-level table of one trial ------------------------------------------------------
load_trial <- function(dir, weeks, control, treated, numeric_covs, categorical_covs, windows,
                       primary_exit = NULL, company_run_weeks = 13, competing = NULL) {
  roster <- read(dir, "roster.csv")
  alloc <- read(dir, "allocation.csv")[, c("id", "stratum", "arm")]
  d <- merge(roster, alloc, by = "id", sort = FALSE)
  d <- d[d$arm %in% c(control, treated), ]
  d$treated <- as.integer(d$arm == treated)
  w <- read(dir, "weekly.csv")
  w <- w[w$week >= 1 & w$week <= weeks, ]
  w <- w[order(w$id, w$week), ]
  company_directed <- w$activity %in% c("internship", "wage_subsidy", "ordinary_job") | w$paid_hours > 0
  w$cd <- company_directed
  absorbing <- c("disability_pension", "moved_away")
  by_id <- split(w, w$id)
  n <- nrow(d)
  H <- matrix(NA_real_, n, weeks)   # weekly paid hours (NA = unrecorded)
  FJ <- matrix(NA_real_, n, weeks)  # in the primary exit (flex job) that week
  first_time <- integer(n); first_event <- integer(n)
  run_done <- rep(NA_integer_, n)
  exit_time <- integer(n); exit_cause <- rep("censor", n)
  spells <- list()
  for (i in seq_len(n)) {
    r <- by_id[[d$id[i]]]
    if (is.null(r)) r <- w[0, ]
    H[i, r$week] <- r$paid_hours
    if (!is.null(primary_exit)) FJ[i, r$week] <- as.numeric(r$status == primary_exit)
    ex <- which(r$status %in% absorbing)
    if (length(ex)) {
      e <- r$week[min(ex)]
      if (e < weeks) {
        later <- (e + 1):weeks
        H[i, later][is.na(H[i, later])] <- 0
        FJ[i, later][is.na(FJ[i, later])] <- 0
      }
    }
    # time to first paid hours: first recorded week with hours > 0; censored at an absorbing
    # exit week, else at min(last recorded week, follow-up)
    t <- NA; ev <- 0L
    for (k in seq_len(nrow(r))) {
      if (r$paid_hours[k] > 0) { t <- r$week[k]; ev <- 1L; break }
      if (r$status[k] %in% absorbing) { t <- r$week[k]; break }
    }
    if (is.na(t)) t <- min(if (nrow(r)) max(r$week) else 0, weeks)
    first_time[i] <- t; first_event[i] <- ev
    # completed run of company-directed weeks
    run <- 0; prev <- -Inf
    for (k in seq_len(nrow(r))) {
      if (r$cd[k]) {
        run <- if (r$week[k] == prev + 1) run + 1 else 1
        if (run >= company_run_weeks) { run_done[i] <- r$week[k]; break }
      } else run <- 0
      prev <- r$week[k]
    }
    # competing exits
    if (!is.null(competing)) {
      t <- NA
      for (k in seq_len(nrow(r))) {
        if (r$status[k] %in% competing) { t <- r$week[k]; exit_cause[i] <- r$status[k]; break }
        if (r$status[k] %in% absorbing) { t <- r$week[k]; break }
      }
      if (is.na(t)) t <- min(if (nrow(r)) max(r$week) else 0, weeks)
      exit_time[i] <- t
    }
    # spells of consecutive recorded weeks with hours: (first - 1, last], event when the next
    # week is recorded without hours and is not an absorbing exit (that censors the spell)
    k <- 1
    while (k <= nrow(r)) {
      if (r$paid_hours[k] <= 0) { k <- k + 1; next }
      first <- r$week[k]; last <- first; j <- k + 1
      while (j <= nrow(r) && r$week[j] == last + 1 && r$paid_hours[j] > 0) { last <- last + 1; j <- j + 1 }
      stopped <- j <= nrow(r) && r$week[j] == last + 1 && !(r$status[j] %in% absorbing)
      spells[[length(spells) + 1]] <- data.frame(id = d$id[i], start = first - 1, stop = last,
                                                 event = as.integer(stopped), treated = d$treated[i],
                                                 stratum = d$stratum[i], benefit = d$benefit[i])
      k <- j
    }
  }
  d$first_time <- first_time; d$first_event <- first_event
  d$exit_time <- exit_time; d$exit_cause <- exit_cause
  # window outcomes, named as Effekt's result ids
  outcomes <- c(if (!is.null(primary_exit)) "flex_job", "any_paid_hours", "paid_hours",
                if (company_run_weeks > 0) "company_run")
  ids <- character(0)
  for (win in windows) {
    cols <- win[1]:min(win[2], weeks)
    for (o in outcomes) {
      id <- sprintf("%s@%d-%d", o, win[1], win[2])
      d[[id]] <- switch(o,
        any_paid_hours = rowMeans(H[, cols, drop = FALSE] > 0),
        paid_hours = rowMeans(H[, cols, drop = FALSE]),
        company_run = as.numeric(!is.na(run_done) & run_done <= win[2]),
        flex_job = FJ[, max(cols)])
      ids <- c(ids, id)
    }
  }
  list(d = d, H = H, FJ = FJ, ids = ids, spells = do.call(rbind, spells), numeric_covs = numeric_covs,
       categorical_covs = categorical_covs, weeks = weeks, competing = competing)
}

# ---- Lin (2013) with the documented covariate rule ---------------------------------------------
covariate_frame <- function(d, numeric_covs, categorical_covs) {
  X <- data.frame(row.names = seq_len(nrow(d)))
  for (v in numeric_covs) {
    x <- as.numeric(d[[v]])
    if (length(unique(x[is.finite(x)])) > 1) X[[v]] <- x
  }
  for (v in categorical_covs) {
    lv <- sort(unique(d[[v]]), method = "radix")
    for (l in lv[-1]) {
      x <- as.numeric(d[[v]] == l)
      ok <- all(sapply(0:1, function(a) sum(x[d$treated == a] == 1) >= 5 && sum(x[d$treated == a] == 0) >= 5))
      if (ok) X[[paste0(v, "_", l)]] <- x
    }
  }
  if (length(unique(d$stratum)) > 1) X$stratum <- factor(d$stratum)
  X
}

lin <- function(d, y, numeric_covs, categorical_covs) {
  X <- covariate_frame(d, numeric_covs, categorical_covs)
  df <- cbind(data.frame(y = y, treated = d$treated), X)
  f <- lm_lin(y ~ treated, covariates = reformulate(names(X)), data = df, se_type = "HC2")
  s <- tidy(f)
  s <- s[s$term == "treated", ]
  list(effect = s$estimate, std_error = s$std.error, df = s$df, p_value = s$p.value,
       conf_low = s$conf.low, conf_high = s$conf.high, n = nobs(f), covariates = names(X))
}

cell_effects <- function(t, rows, cell) {
  d <- t$d[rows, ]
  lapply(t$ids, function(id) c(list(cell = cell, id = id), lin(d, d[[id]], t$numeric_covs, t$categorical_covs)))
}

km_points <- function(d, weeks) {
  fit <- survfit(Surv(first_time, first_event) ~ treated, data = d)   # conf.type = "log"
  s <- summary(fit, times = 0:weeks, extend = TRUE)
  arm <- as.integer(sub("treated=", "", as.character(s$strata)))
  data.frame(treated = arm, time = s$time, survival = s$surv, conf_low = s$lower,
             conf_high = s$upper, n_risk = s$n.risk)
}

cox_row <- function(fit) {
  s <- summary(fit)
  robust <- if (!is.null(fit$naive.var)) sqrt(diag(fit$var))[1] else NA
  list(coef = unname(coef(fit)[1]), hazard_ratio = unname(exp(coef(fit)[1])),
       std_error = unname(sqrt(diag(fit$var))[1]), conf_low = s$conf.int[1, "lower .95"],
       conf_high = s$conf.int[1, "upper .95"], p_value = unname(s$coefficients[1, ncol(s$coefficients)]),
       n = fit$n, events = fit$nevent)
}

sites <- function(t, rows, id) {
  d <- t$d[rows, ]
  res <- list()
  for (m in unique(d$municipality)) {
    s <- d[d$municipality == m, ]
    if (sum(s$treated) < 2 || sum(1 - s$treated) < 4) next
    e <- lin(s, s[[id]], t$numeric_covs, t$categorical_covs)
    res[[length(res) + 1]] <- c(list(municipality = m), e[c("effect", "std_error", "conf_low", "conf_high", "p_value")])
  }
  eff <- sapply(res, `[[`, "effect"); se <- sapply(res, `[[`, "std_error")
  fe <- rma(yi = eff, sei = se, method = "FE")
  p <- sapply(res, `[[`, "p_value")
  holm <- p.adjust(p, "holm"); bh <- p.adjust(p, "BH")
  for (k in seq_along(res)) { res[[k]]$holm <- holm[k]; res[[k]]$bh <- bh[k] }
  list(outcome = id, sites = res, q = fe$QE, q_df = fe$k - 1, q_p_value = fe$QEp)
}

adjust <- function(effects) {
  p <- sapply(effects, `[[`, "p_value")
  holm <- p.adjust(p, "holm"); bh <- p.adjust(p, "BH")
  for (k in seq_along(effects)) { effects[[k]]$holm <- holm[k]; effects[[k]]$bh <- bh[k] }
  effects
}

out <- list(versions = list(R = R.version.string, estimatr = as.character(packageVersion("estimatr")),
                            survival = as.character(packageVersion("survival")),
                            metafor = as.character(packageVersion("metafor")),
                            sandwich = as.character(packageVersion("sandwich"))))


# ---- subgroups: effect per level (the cell's Lin rule) and the interaction Wald test -------------
# Levels with at least 5 participants in each arm; OLS of y on treated, level dummies and
# treated × level dummies (+ stratum fixed effects), HC2; Wald χ² on the interaction terms.
subgroup <- function(t, rows, v, id) {
  d <- t$d[rows, ]
  lv <- sort(unique(d[[v]]), method = "radix")
  lv <- lv[sapply(lv, function(l) sum(d[[v]] == l & d$treated == 1) >= 5 && sum(d[[v]] == l & d$treated == 0) >= 5)]
  d <- d[d[[v]] %in% lv, ]
  X <- data.frame(y = d[[id]], treated = d$treated)
  inter <- character(0)
  for (k in seq_along(lv)[-1]) {
    X[[paste0("L", k)]] <- as.numeric(d[[v]] == lv[k])
    X[[paste0("I", k)]] <- X[[paste0("L", k)]] * d$treated
    inter <- c(inter, paste0("I", k))
  }
  rhs <- paste(setdiff(names(X), "y"), collapse = " + ")
  if (length(unique(d$stratum)) > 1) { X$stratum <- d$stratum; rhs <- paste(rhs, "+ factor(stratum)") }
  f <- lm_robust(as.formula(paste("y ~", rhs)), data = X, se_type = "HC2")
  b <- coef(f)[inter]; V <- vcov(f)[inter, inter, drop = FALSE]
  wald <- as.numeric(t(b) %*% solve(V, b))
  levels <- lapply(lv, function(l) {
    s <- d[d[[v]] == l, ]
    c(list(level = l), lin(s, s[[id]], t$numeric_covs, t$categorical_covs)[c("effect", "conf_low", "conf_high", "p_value")])
  })
  list(variable = v, interaction_p_value = pchisq(wald, length(inter), lower.tail = FALSE), levels = levels)
}

# ---- flexjob -------------------------------------------------------------------------------------
fj <- load_trial("Data/flexjob", 52, "municipality", "other_actor", c("age", "female", "waited_weeks"), "origin",
                 list(c(35, 35), c(52, 52)), primary_exit = "flex_job",
                 competing = c("flex_job", "disability_pension", "moved_away"))
d <- fj$d
all_rows <- seq_len(nrow(d))
overall <- adjust(cell_effects(fj, all_rows, "overall"))
munis <- unique(d$municipality)
muni_effects <- adjust(do.call(c, lapply(munis, function(m) cell_effects(fj, which(d$municipality == m), m))))
# weekly curve points (the same fit as the windows in Effekt)
curve <- list()
for (wk in c(1, 13, 26, 35, 52)) for (o in c("flex_job", "any_paid_hours", "paid_hours")) {
  y <- switch(o, flex_job = fj$FJ[, wk], any_paid_hours = as.numeric(fj$H[, wk] > 0), paid_hours = fj$H[, wk])
  curve[[length(curve) + 1]] <- c(list(outcome = o, week = wk), lin(d, y, fj$numeric_covs, fj$categorical_covs))
}
cox_first <- coxph(Surv(first_time, first_event) ~ treated + strata(stratum), data = d, ties = "efron")
sp <- fj$spells
cox_spells <- coxph(Surv(start, stop, event) ~ treated, data = sp, cluster = id, ties = "efron")
lr <- survdiff(Surv(first_time, first_event) ~ treated, data = d)
# competing exits: participants with an exit time > 0
ce <- d[d$exit_time > 0, ]
ce$ev <- factor(ce$exit_cause, c("censor", fj$competing))
aj <- survfit(Surv(exit_time, ev) ~ treated, data = ce)
s <- summary(aj, times = 0:52, extend = TRUE)
arm <- as.integer(sub("treated=", "", as.character(s$strata)))
cif <- do.call(rbind, lapply(seq_along(fj$competing), function(k)
  data.frame(treated = arm, cause = fj$competing[k], time = s$time, estimate = s$pstate[, k + 1], std_error = s$std.err[, k + 1])))
cause_specific <- lapply(seq_along(fj$competing), function(k) {
  ce$y <- as.integer(ce$exit_cause == fj$competing[k])
  if (sum(ce$y) == 0) return(NULL)
  c(list(cause = fj$competing[k]), cox_row(coxph(Surv(exit_time, y) ~ treated + strata(stratum), data = ce, ties = "efron")))
})
# Per municipality: does coxph warn that the treated coefficient may be infinite (monotone
# likelihood, e.g. every spell end in one arm)? Effekt must then report no hazard ratio.
# "infinite": coxph warns "beta may be infinite"; "no_estimate": the coefficient is NA (no events).
warns <- function(expr) {
  w <- FALSE
  f <- withCallingHandlers(expr, warning = function(c) { if (grepl("infinite", conditionMessage(c))) w <<- TRUE; invokeRestart("muffleWarning") })
  list(infinite = w, no_estimate = w || !is.finite(coef(f)[1]))
}
municipality_cox <- list()
for (m in munis) {
  s <- sp[sp$stratum == m, ]
  municipality_cox[[length(municipality_cox) + 1]] <- c(list(municipality = m, id = "losing_paid_hours"), warns(coxph(Surv(start, stop, event) ~ treated, data = s, cluster = id, ties = "efron")))
  cm <- ce[ce$municipality == m, ]
  for (k in seq_along(fj$competing)) {
    cm$y <- as.integer(cm$exit_cause == fj$competing[k])
    if (sum(cm$y) == 0) next
    municipality_cox[[length(municipality_cox) + 1]] <- c(list(municipality = m, id = paste0("time_to_exit_", fj$competing[k])), warns(coxph(Surv(exit_time, y) ~ treated, data = cm, ties = "efron")))
  }
}
out$flexjob <- list(
  overall_effects = overall, municipality_effects = muni_effects, curve = curve,
  cox_first_paid_hours = cox_row(cox_first), cox_losing_hours = cox_row(cox_spells),
  spells = nrow(sp), log_rank = list(statistic = unname(lr$chisq), p_value = 1 - pchisq(lr$chisq, 1)),
  km = km_points(d, 52), cumulative_incidence = cif, cause_specific = Filter(Negate(is.null), cause_specific),
  sites = sites(fj, all_rows, "flex_job@35-35"), municipality_cox = municipality_cox,
  subgroups = lapply(c("gender", "age_group"), function(v) subgroup(fj, all_rows, v, "flex_job@35-35")))

# ---- jobfirst ------------------------------------------------------------------------------------
jf <- load_trial("Data/jobfirst", 78, "control", "jobfirst",
                 c("age", "female", "prior_weeks_employed", "prior_weeks_self_supporting", "prior_weeks_sick"), "origin",
                 list(c(66, 78), c(40, 52)))
d <- jf$d
kh <- which(d$benefit == "cash_benefit")
kh_effects <- adjust(cell_effects(jf, kh, "cash_benefit"))
cox_first <- coxph(Surv(first_time, first_event) ~ treated + strata(stratum), data = d, ties = "efron")
cox_spells <- coxph(Surv(start, stop, event) ~ treated, data = jf$spells, cluster = id, ties = "efron")
kh_cox_first <- coxph(Surv(first_time, first_event) ~ treated + strata(stratum), data = d[kh, ], ties = "efron")
out$jobfirst <- list(
  cash_benefit_effects = kh_effects,
  cox_first_paid_hours = cox_row(cox_first), cox_losing_hours = cox_row(cox_spells), spells = nrow(jf$spells),
  cash_benefit_cox_first_paid_hours = cox_row(kh_cox_first),
  cash_benefit_sites = sites(jf, kh, "any_paid_hours@66-78"))

write_json(out, "Tests/Fixtures/analysis/r-agreement.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
str(out$flexjob$overall_effects[[1]])
str(out$jobfirst$cash_benefit_effects[[1]])
print(out$flexjob$cox_first_paid_hours); print(out$flexjob$cox_losing_hours)
print(out$jobfirst$cox_losing_hours)
str(out$flexjob$municipality_cox)
print(out$flexjob$sites[c("q", "q_df", "q_p_value")]); print(out$jobfirst$cash_benefit_sites[c("q", "q_df", "q_p_value")])
sessionInfo()
