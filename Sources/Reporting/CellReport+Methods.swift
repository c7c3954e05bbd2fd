// SPDX-License-Identifier: GPL-3.0-or-later
import TrialAnalysis

extension CellReport {
    /// Estimators, SE types, software and versions, and the disclosure rule.
    func methodsSection(_ doc: inout MarkdownDocument, hidesSomething: Bool) {
        let methods = results.methods
        doc.heading(strings[.sectionMethods], level: 2)
        var items = strings.texts.methodsItems(methods, levelPercent: numbers.levelPercent(methods.confidenceLevel))
            .map { "\($0.label): \($0.text)" }
        if !methods.software.isEmpty { items.append("\(strings[.software]): \(methods.software.joined(separator: "; "))") }
        let estimators = cell.headline.map(\.method).uniqued().map(strings.texts.effectMethod)
            + cell.hazards.map(\.method).uniqued().map(strings.texts.hazardModel)
        for estimator in estimators { items.append("\(strings[.method]): \(estimator)") }
        doc.list(items)
        doc.heading(strings[.sectionDisclosure], level: 3)
        doc.paragraph(strings.texts.disclosureStatement(threshold: results.methods.policy.minPersons, hidesSomething: hidesSomething))
    }

    /// The reproducibility footer: data hashes, seed, Effekt version, the exact command.
    func provenanceSection(_ doc: inout MarkdownDocument) {
        let provenance = results.provenance
        doc.heading(strings[.sectionProvenance], level: 2)
        let hashes = provenance.dataHashes.sorted { $0.key < $1.key }.map { ["`\($0.key)`", "`\($0.value)`"] }
        doc.table(header: [strings[.file], strings[.sha256]], rows: hashes)
        doc.list([
            "\(strings[.seed]): `\(provenance.seed)`",
            "\(strings[.effektVersion]): `\(provenance.effektVersion)`",
        ])
        doc.paragraph("\(strings[.command]):")
        doc.code(provenance.command)
    }
}
