// SPDX-License-Identifier: GPL-3.0-or-later
import FuzzInput
import TrialModel

/// The trial the roster is read for: strata municipality × benefit, numeric and categorical
/// covariates, a start date (the test fixture's trial).
let fuzzTrial = try! TrialDefinition(toml: """
    name = "Fuzz trial"
    start_date = 2016-03-01
    follow_up_weeks = 26
    control_arm = "control"
    [[arms]]
    name = "control"
    [[arms]]
    name = "treatment"
    [randomization]
    design = "permuted_blocks"
    strata = ["municipality", "benefit"]
    block_sizes = [2, 4]
    seed = 1
    [baseline]
    covariates = ["age", "female"]
    categorical = ["origin"]
    """, file: "fuzz.toml")

/// libFuzzer target: the roster reader (ids, dates, strata, covariates).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRoster(_ data: UnsafeRawPointer?, _ size: Int) -> CInt {
    FuzzInput.withFile(UnsafeRawBufferPointer(start: data, count: size)) { path in
        if let roster = try? RosterFile.read(path: path, trial: fuzzTrial) { _ = roster.participants.count }
    }
    return 0
}

@main enum FuzzRoster {
    static func main() { FuzzInput.main(fuzzRoster) }
}
