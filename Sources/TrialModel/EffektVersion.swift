// SPDX-License-Identifier: GPL-3.0-or-later

/// The version of Effekt: printed by `effekt --version`, recorded in a store's `trial_file` row
/// and in the provenance of every results file.
public enum EffektVersion {
    /// The version, as semantic versioning `major.minor.patch`.
    public static let current = "0.1.0"
}
