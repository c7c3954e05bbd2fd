// SPDX-License-Identifier: GPL-3.0-or-later

/// A count of persons in one arm — the one type the store's status, the analysis's CONSORT flow
/// and the hazard tables share.
public struct ArmCount: Codable, Sendable, Hashable {
    public var arm: String
    public var count: Int
    public init(arm: String, count: Int) { self.arm = arm; self.count = count }
}
