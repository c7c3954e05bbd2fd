// SPDX-License-Identifier: GPL-3.0-or-later
import TrialAnalysis

extension CellReport {
    /// Estimators, SE types, software and versions, and the disclosure rule.
    func methodsSection(_ doc: inout MarkdownDocument) {
        let methods = results.methods
        doc.heading(strings[.sectionMethods], level: 2)
        var items = [
            "\(strings[.confidenceLevel]): \(numbers.levelPercent(methods.confidenceLevel))",
            "\(strings[.regression]): \(methods.regression)",
            "\(strings[.standardErrors]): \(methods.standardErrors)",
            "\(strings[.survivalMethods]): \(methods.survival)",
        ]
        if let ri = methods.randomizationInference { items.append("\(strings[.randomizationInference]): \(ri)") }
        items.append("\(strings[.multiplicity]): \(methods.multiplicity)")
        if !methods.software.isEmpty { items.append("\(strings[.software]): \(methods.software.joined(separator: "; "))") }
        let estimators = (cell.headline.map(\.method) + cell.hazards.map(\.method)).uniqued()
        for estimator in estimators { items.append("\(strings[.method]): \(estimator)") }
        doc.list(items)
        doc.paragraph(strings[.methodTextsInEnglish])
        doc.heading(strings[.sectionDisclosure], level: 3)
        doc.paragraph(strings[.disclosureRule])
        doc.paragraph(strings[.curveDisclosureRule])
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
