// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser

/// How a command prints its result (`--format`), with one meaning on every command: `table` is
/// text for reading (numbers rounded), `csv` is the command's headline table for a spreadsheet
/// (numbers in full precision, `NA` for a missing one), `json` is everything, written by
/// `JSONWriter`. A command whose result is more than one table says in its help which table
/// `csv` prints.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json
}
