// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import EnrolmentService

@main
struct EffektServer: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "effekt-server", abstract: "The enrolment service.")
}
