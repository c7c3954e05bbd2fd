// SPDX-License-Identifier: GPL-3.0-or-later

extension ReportNumbers {
    /// Numbers in the language of `strings`, named with its trial labels (arms, codes, outcomes),
    /// hiding what describes fewer than `minPersons` people.
    public init(strings: ReportStrings, minPersons: Int = DisclosureControl.threshold) {
        style = strings.language.numberStyle
        self.strings = strings
        self.minPersons = minPersons
    }
}
