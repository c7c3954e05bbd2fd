// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser

extension Effekt {
    /// Subcommands of the trial layer.
    static let trialCommands: [any ParsableCommand.Type] = [
        TrialInit.self, Enroll.self, Randomize.self, ImportAllocation.self, Assignments.self, Verify.self, Reveal.self, Record.self, RecordEvents.self, ImportRegister.self, Status.self, Balance.self,
    ]
}
