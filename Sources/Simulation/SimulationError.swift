// SPDX-License-Identifier: GPL-3.0-or-later

/// Everything that can go wrong in the Simulation layer. Each case reads as a sentence with the
/// offending value and what to do about it.
public enum SimulationError: Error, Equatable, Sendable {
}
