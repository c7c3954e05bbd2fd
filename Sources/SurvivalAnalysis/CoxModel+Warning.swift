// SPDX-License-Identifier: GPL-3.0-or-later

extension CoxModel {
    /// Something a Cox fit reports beside its estimates, as R's `coxph` warns about it. A caller
    /// renders it in its own language; `description` is the English sentence the command line
    /// prints.
    public enum Warning: Sendable, Hashable, CustomStringConvertible {
        /// The information matrix could not be factored at this Newton–Raphson iteration
        /// (a coefficient may be infinite).
        case singularInformation(iteration: Int)
        /// The iteration limit was reached before the log-likelihood converged.
        case iterationLimit(maxIterations: Int)
        /// R's check `|(U V)_j| > ε` and `> √ε |β_j|` at convergence: these terms' coefficients
        /// may be infinite (monotone likelihood).
        case possiblyInfinite(terms: [String])
        /// The term is collinear with the covariates before it (or constant) and was dropped;
        /// R reports its coefficient as NA.
        case aliased(term: String)

        public var description: String {
            switch self {
            case let .singularInformation(iteration):
                "The information matrix became singular at iteration \(iteration); a coefficient may be infinite."
            case let .iterationLimit(maxIterations):
                "Ran out of iterations (\(maxIterations)) and did not converge."
            case let .possiblyInfinite(terms):
                "The log-likelihood converged before covariate \(terms.joined(separator: ", ")); the coefficient may be infinite."
            case let .aliased(term):
                "\(term) is collinear with the covariates before it (or constant) and was dropped; R reports its coefficient as NA."
            }
        }
    }
}
