// SPDX-License-Identifier: GPL-3.0-or-later

extension ReportNumbers {
    /// Numbers in the language of `strings`, named with its trial labels (arms, codes, outcomes).
    public init(strings: ReportStrings) {
        style = strings.language.numberStyle
        self.strings = strings
    }
}
