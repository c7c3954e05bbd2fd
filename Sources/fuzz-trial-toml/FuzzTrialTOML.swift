// SPDX-License-Identifier: GPL-3.0-or-later
import FuzzInput
import TrialModel

/// libFuzzer target: the trial.toml loader (text rules, TOML, every key's checks and limits).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTrialTOML(_ data: UnsafeRawPointer?, _ size: Int) -> CInt {
    FuzzInput.withFile(UnsafeRawBufferPointer(start: data, count: size)) { path in
        if let trial = try? TrialFile.load(path: path) { _ = trial.definition.arms.count }
    }
    return 0
}

@main enum FuzzTrialTOML {
    static func main() { FuzzInput.main(fuzzTrialTOML) }
}
