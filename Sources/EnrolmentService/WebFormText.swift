// SPDX-License-Identifier: GPL-3.0-or-later

/// The web form's language (`?lang=da`, the default, or `?lang=en`).
public enum WebFormLanguage: String, Sendable, CaseIterable {
    case da, en
}

/// Every text of the web form, in one language.
struct WebFormText: Sendable {
    let language: String
    let title: String
    let logInHeading: String
    let tokenLabel: String
    let logInButton: String
    let enrolHeading: String
    let municipalityLabel: String
    let cprLabel: String
    let benefitLabel: String
    let enrolledOnLabel: String
    let enrolButton: String
    let receiptHeading: String
    let armLabel: String
    let participantLabel: String
    let receiptLabel: String
    let assignedAtLabel: String
    let anotherButton: String
    let refusedHeading: String
    let tokenRefused: String
    let csrfRefused: String
    let cannotEnrol: String
    let closed: String
    let invalidCPR: String
    let invalidValue: String
    let storeError: String
    let logOutButton: String
    let loggedOut: String
    let sessionExpired: String

    static func of(_ language: WebFormLanguage) -> WebFormText {
        switch language {
        case .da:
            return WebFormText(
                language: "da", title: "Effekt — tilmelding", logInHeading: "Log ind", tokenLabel: "Adgangsnøgle",
                logInButton: "Log ind", enrolHeading: "Tilmeld en borger", municipalityLabel: "Kommune", cprLabel: "CPR-nummer",
                benefitLabel: "Ydelse", enrolledOnLabel: "Tilmeldt den", enrolButton: "Tilmeld og lodtræk",
                receiptHeading: "Borgeren er tilmeldt", armLabel: "Gruppe", participantLabel: "Deltager-id",
                receiptLabel: "Kvittering", assignedAtLabel: "Tidspunkt", anotherButton: "Tilmeld en til",
                refusedHeading: "Ikke tilmeldt", tokenRefused: "Adgangsnøglen er ikke gyldig for en sagsbehandler.",
                csrfRefused: "Formularen er udløbet eller kommer ikke fra denne side. Åbn den igen.",
                cannotEnrol: "Borgeren kan ikke tilmeldes. Kontakt forsøgets leder.",
                closed: "Forsøget er lukket for tilmelding.", invalidCPR: "CPR-nummeret skal skrives DDMMÅÅXXXX eller DDMMÅÅ-XXXX.",
                invalidValue: "En værdi blev afvist:", storeError: "Tilmeldingen kunne ikke gemmes. Prøv igen.",
                logOutButton: "Log ud", loggedOut: "Du er logget ud.", sessionExpired: "Du var logget ind i mere end otte timer. Log ind igen.")
        case .en:
            return WebFormText(
                language: "en", title: "Effekt — enrolment", logInHeading: "Log in", tokenLabel: "Access token",
                logInButton: "Log in", enrolHeading: "Enrol a citizen", municipalityLabel: "Municipality", cprLabel: "CPR number",
                benefitLabel: "Benefit", enrolledOnLabel: "Enrolled on", enrolButton: "Enrol and randomize",
                receiptHeading: "The citizen is enrolled", armLabel: "Arm", participantLabel: "Participant id",
                receiptLabel: "Receipt", assignedAtLabel: "Time", anotherButton: "Enrol another",
                refusedHeading: "Not enrolled", tokenRefused: "The access token is not valid for a caseworker.",
                csrfRefused: "The form has expired or does not come from this page. Open it again.",
                cannotEnrol: "This person cannot be enrolled. Contact the trial manager.",
                closed: "The trial is closed for enrolment.", invalidCPR: "Write the CPR number as DDMMYYXXXX or DDMMYY-XXXX.",
                invalidValue: "A value was refused:", storeError: "The enrolment could not be stored. Try again.",
                logOutButton: "Log out", loggedOut: "You are logged out.", sessionExpired: "You were logged in for more than eight hours. Log in again.")
        }
    }
}
