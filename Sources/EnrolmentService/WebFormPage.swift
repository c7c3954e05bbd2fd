// SPDX-License-Identifier: GPL-3.0-or-later
import Mustache

/// The web form's pages: server-rendered HTML (swift-mustache, every value HTML-escaped), no
/// JavaScript. Element ids (`arm`, `participant`, `receipt`, `problem`) are what the browser test reads.
enum WebFormPage {
    static let layout = """
        <!DOCTYPE html>
        <html lang="{{text.language}}"><head><meta charset="utf-8"><title>{{text.title}}</title>
        <meta name="viewport" content="width=device-width, initial-scale=1"></head>
        <body><p><a href="/form?lang=da">Dansk</a> · <a href="/form?lang=en">English</a></p>
        """

    static let logIn = try! MustacheTemplate(string: layout + """
        <h1>{{text.logInHeading}}</h1>
        {{#problem}}<p id="problem" role="alert">{{problem}}</p>{{/problem}}
        {{#notice}}<p id="notice">{{notice}}</p>{{/notice}}
        <form method="post" action="/form/login?lang={{text.language}}">
        <label for="token">{{text.tokenLabel}}</label> <input id="token" name="token" type="password" autocomplete="off" required>
        <button id="login" type="submit">{{text.logInButton}}</button>
        </form></body></html>
        """)

    static let enrol = try! MustacheTemplate(string: layout + """
        <h1>{{text.enrolHeading}}</h1>
        {{#problem}}<p id="problem" role="alert">{{problem}}</p>{{/problem}}
        <p>{{text.municipalityLabel}}: <strong id="municipality">{{municipality}}</strong></p>
        <form method="post" action="/form/enrol?lang={{text.language}}">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p><label for="cpr">{{text.cprLabel}}</label> <input id="cpr" name="cpr" inputmode="numeric" autocomplete="off" required></p>
        <p><label for="benefit">{{text.benefitLabel}}</label> <select id="benefit" name="benefit">{{#benefits}}<option value="{{.}}">{{.}}</option>{{/benefits}}</select></p>
        <p><label for="enrolled_on">{{text.enrolledOnLabel}}</label> <input id="enrolled_on" name="enrolled_on" type="date" value="{{today}}" required></p>
        {{#fields}}<p><label for="field_{{.}}">{{.}}</label> <input id="field_{{.}}" name="field_{{.}}"></p>{{/fields}}
        <button id="enrol" type="submit">{{text.enrolButton}}</button>
        </form>
        """ + logOutForm + """
        </body></html>
        """)

    static let receipt = try! MustacheTemplate(string: layout + """
        <h1>{{text.receiptHeading}}</h1>
        <dl>
        <dt>{{text.armLabel}}</dt><dd id="arm">{{assignment.arm}}</dd>
        <dt>{{text.participantLabel}}</dt><dd id="participant">{{assignment.participant}}</dd>
        <dt>{{text.assignedAtLabel}}</dt><dd id="assigned_at">{{assignment.assignedAt}}</dd>
        <dt>{{text.receiptLabel}}</dt><dd id="receipt"><code>{{assignment.receipt}}</code></dd>
        </dl>
        <p><a id="another" href="/form/enrol?lang={{text.language}}">{{text.anotherButton}}</a></p>
        """ + logOutForm + """
        </body></html>
        """)

    /// Logging out is a post carrying the CSRF token, so another site cannot end a session.
    static let logOutForm = """
        <form method="post" action="/form/logout?lang={{text.language}}"><input type="hidden" name="csrf" value="{{csrf}}">
        <button id="logout" type="submit">{{text.logOutButton}}</button></form>
        """

    static let refused = try! MustacheTemplate(string: layout + """
        <h1>{{text.refusedHeading}}</h1>
        <p id="problem" role="alert">{{problem}}</p>
        <p><a id="another" href="/form/enrol?lang={{text.language}}">{{text.anotherButton}}</a></p>
        </body></html>
        """)
}
