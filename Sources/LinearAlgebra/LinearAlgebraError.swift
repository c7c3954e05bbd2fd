// SPDX-License-Identifier: GPL-3.0-or-later

/// Everything that can go wrong in the linear-algebra layer. Each case reads as a sentence.
public enum LinearAlgebraError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A LAPACK routine reported an illegal argument (`info < 0`): a programming error in Effekt.
    case illegalArgument(routine: String, position: Int32)
    /// Cholesky factorisation met a non-positive pivot (`info > 0` from `dpotrf`).
    case notPositiveDefinite(routine: String, order: Int32)
    /// A triangular factor has an exact zero on its diagonal (`info > 0` from `dtrtrs`/`dtrtri`).
    case singular(routine: String, index: Int32)
    /// An iterative LAPACK routine did not converge (`info > 0` from `dsyevr`, `dgesdd`).
    case noConvergence(routine: String, info: Int32)
    /// Two operands do not fit together.
    case dimensionMismatch(operation: String, left: String, right: String)

    public var description: String {
        switch self {
        case let .illegalArgument(routine, position):
            return "LAPACK \(routine) rejected argument \(-position); this is a bug in Effekt, please report it."
        case let .notPositiveDefinite(routine, order):
            return "The matrix is not positive definite: \(routine) found a non-positive pivot at order \(order); check the design for collinear columns."
        case let .singular(routine, index):
            return "The matrix is singular: \(routine) found a zero diagonal element at position \(index)."
        case let .noConvergence(routine, info):
            return "LAPACK \(routine) did not converge (info = \(info))."
        case let .dimensionMismatch(operation, left, right):
            return "Cannot \(operation): shapes \(left) and \(right) do not fit together."
        }
    }
}

/// Turns a LAPACK `info` code into a typed error. Every LAPACK call in Effekt goes through here.
///
/// - `info == 0`: success.
/// - `info < 0`: argument `-info` was illegal.
/// - `info > 0`: routine-specific failure, mapped by `positive`.
@usableFromInline
func checkLAPACK(_ routine: String, _ info: Int32,
                 positive: (Int32) -> LinearAlgebraError) throws(LinearAlgebraError) {
    if info == 0 { return }
    if info < 0 { throw .illegalArgument(routine: routine, position: info) }
    throw positive(info)
}
