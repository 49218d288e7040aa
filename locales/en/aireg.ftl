# aireg user interface, English.
# Message ids are the same in fi/, sv/ and en/; a test checks that none is missing.

## Layout

site-name = AI register
skip-to-content = Skip to content
nav-label = Main menu
nav-register = Public register
nav-dashboard = Overview
nav-systems = AI systems
nav-tokens = API tokens
nav-sign-in = Sign in
language-switch-label = Language
language-self-name = English
language-name-fi = Finnish
language-name-sv = Swedish
language-name-en = English
signed-in-as = Signed in as { $name }
sign-out = Sign out
footer-text = aireg — an open register of the AI systems that public organisations use, and how they govern them.
footer-api = API for developers
back-to-register = Back to the register
back-to-systems = Back to the AI systems
back-to-system = Back to the system
back-to-dashboard = Back to the overview
badge-internal = internal
value-yes = Yes
value-no = No
value-not-given = Not given
updated-on = Updated { $date }
updated-at = Updated { $time }
published-on = Published { $date }
version-number = Version { $version }
error-summary-title = There is a problem

## One-time notices after a change

flash-created = The AI system was created as a draft.
flash-saved = The changes were saved as a new version.
flash-published = The AI system is now published in the public register.
flash-withdrawn = The AI system was withdrawn from the public register.
flash-member-added = The role was added.
flash-member-removed = The role was removed.
flash-token-revoked = The API token was revoked. It no longer works.
flash-signed-out = You have signed out.

## Public register

register-title = AI systems in use in public services
register-lead = Municipalities and regions describe here the artificial intelligence systems they use: what each system does, why it is used, what data it uses and how people oversee it.
register-empty = No published AI systems match these criteria.
filter-label = Filter the AI systems
filter-text = Search words
filter-organisation = Organisation
filter-all-organisations = All organisations
filter-status = Status
filter-all-statuses = All statuses
filter-publication = Publication
filter-all-publications = All
filter-apply = Show
filter-category = AI Act category
filter-all-categories = All categories
filter-personal-data = Personal data
filter-decisions = Decisions on persons
filter-either = Either
systems-found = { $count ->
    [one] 1 AI system
   *[other] { $count } AI systems
}
systems-count = { $count ->
    [one] 1 system
   *[other] { $count } systems
}
pagination-label = Pages
pagination-previous = Previous page
pagination-next = Next page
pagination-page = Page { $number }
withheld-title = Information that is not public
withheld-lead = The organisation has recorded the following information but does not publish it:

## Sections of a record

section-overview = Overview
section-description = Description
section-purpose = Purpose and the people affected
section-data = Data
section-oversight = Human oversight
section-responsibility = Responsibility and contact
section-more = Keywords and links

## Fields of a record

field-name = Name
field-summary = Summary
field-description-public = Description
field-description-technical = Technical description
field-purpose = Purpose and goal
field-affected-groups = Who the use affects
field-legal-basis = Legal basis
field-human-oversight-mode = Human oversight
field-human-oversight = How people oversee the system
field-decisions-on-persons = Used in decisions about individual people
field-data-description = Data used
field-personal-data = Processes personal data
field-sensitive-data = Processes sensitive data
field-data-classification = Data classification
field-vendor = Vendor
field-procurement-route = How it was taken into use
field-ai-technique = AI technique
field-lifecycle = Status
field-start-date = In use since
field-end-date = In use until
field-next-review = Next review
field-keywords = Keywords
field-links = Links
field-contact = Contact
field-contact-email = Contact e-mail
field-contact-phone = Contact phone
field-contact-name = Contact person or unit
field-unit = Unit
field-system-owner = System owner
field-process-owner = Process owner
field-product = Product
field-eu-registration = Registration in the EU database
field-visibility = Visibility
field-organisation = Organisation
field-publication = Publication

## Hints on the form

hint-name = The name residents know the service by, at most 120 characters.
hint-summary = One or two sentences, at most 300 characters. Shown in the register's list.
hint-description-public = What the system does, in plain language for residents.
hint-description-technical = How the system works: models, methods, integrations.
hint-purpose = Why the system is used and what it should achieve.
hint-affected-groups = For example residents applying for a service, pupils, the organisation's staff.
hint-legal-basis = The statutory task and the basis for processing personal data, with section numbers.
hint-human-oversight = Who checks the system's output and how they can correct or override it.
hint-data-description = What data the system uses and where it comes from.
hint-decisions-on-persons = Choose yes if the output is used when deciding about an individual person, even if a person makes the decision.
hint-sensitive-data = Special categories of personal data (such as health) or otherwise sensitive data (such as social welfare).
hint-procurement-route = Procured centrally, or taken into use on the system owner's own decision.
hint-next-review = The date of the next periodic review.
hint-keywords = Separate keywords with commas.
hint-links = Links to further information, such as the service's own page or a data protection notice.
hint-unit = The unit of the organisation that uses the system.

## Values

lifecycle-idea = Idea
lifecycle-planning = Planning
lifecycle-procurement = Procurement
lifecycle-development = Development
lifecycle-pilot = Pilot
lifecycle-in-use = In use
lifecycle-suspended = Suspended
lifecycle-retired = Retired
oversight-human-in-the-loop = A person approves each result (human in the loop)
oversight-human-on-the-loop = A person monitors and can intervene (human on the loop)
oversight-human-in-command = A person decides when and how it is used (human in command)
oversight-fully-automated = Fully automated
classification-public = Public
classification-internal = Internal
classification-confidential = Confidential
classification-secret = Secret
procurement-central = Procured centrally
procurement-own-decision = System owner's own decision
technique-rule-based = Rule-based
technique-statistical = Statistical model
technique-machine-learning = Machine learning
technique-deep-learning = Deep learning
technique-generative-ai = Generative AI
technique-hybrid = Combination of techniques
visibility-public = public
visibility-internal = internal
publication-draft = Draft
publication-published = Published
publication-withdrawn = Withdrawn
change-created = Created
change-edited = Edited
change-published = Published
change-withdrawn = Withdrawn
change-transitioned = Moved to another lifecycle state
change-reviewed = Reviewed
role-org-admin = Organisation admin
role-editor = Register editor
role-system-owner = System owner
role-process-owner = Process owner
role-approver = Privacy, security and architecture group
role-ai-working-group = AI working group
role-viewer = Reader
org-kind-region = Region
org-kind-regional-council = Regional council
org-kind-municipality = Municipality
org-kind-joint-authority = Joint authority
org-kind-unit = Unit
org-kind-other = Other organisation
country-FI = Finland
country-SE = Sweden

## Signing in

login-title = Sign in
login-email = E-mail address
login-password = Password
login-submit = Sign in
login-failed = The e-mail address or the password is wrong.
login-help = Accounts are created by your organisation's administrator. Ask them if you cannot sign in.

## Staff pages

dashboard-title = Overview
dashboard-welcome = Welcome, { $name }.
dashboard-no-roles = You have no role in any organisation yet. Ask your organisation's administrator to add one.
dashboard-orgs-caption = Your organisations and their AI systems
column-organisation = Organisation
column-your-roles = Your roles
column-actions = Actions
column-field = Field
column-change = Change
column-name = Name
column-email = E-mail
column-roles = Roles
column-owner = Owner
column-token-start = Token begins
column-created = Created
column-last-used = Last used
roles-inherited = Through the organisation above
action-new-system = New AI system
action-new-system-in = New AI system in { $org }
action-members-of = Members of { $org }
action-edit = Edit
action-history = History
action-public-page = Public page
action-publish = Publish
action-withdraw = Withdraw from the register
action-save = Save
action-cancel = Cancel
action-continue = Continue
staff-systems-title = AI systems
staff-systems-empty = No AI systems match these criteria.
publish-blocked-title = Before this can be published
conflict-title = Someone else saved a newer version
conflict-form = The record was changed to version { $version } while you were editing. Nothing was saved. Your changes are still below: compare them with the current version before saving again.
conflict-reload = The record was changed to version { $version } meanwhile. Nothing was changed; look at the current version and try again.
new-title = New AI system
edit-title = Edit AI system
choose-org-label = The organisation that uses the system
form-intro = Only the name is required for a draft. Before publishing, the summary, description, purpose and contact e-mail are needed in the organisation's primary language.
form-other-languages = Translations in other languages
form-internal = { $field }: internal, not shown in the public register
form-link-title = Link { $number } title
form-link-url = Link { $number } address
history-title = History
history-lead = Every saved version, who made it and what changed. Nothing is ever overwritten.
history-newest = The newest { $count } versions are shown; the API's history of the record gives them all.
history-changes-caption = Changes in version { $version }
diff-removed = removed:
diff-added = added:

## API tokens

tokens-title = API tokens
tokens-lead = An API token lets a program use the register's API with your rights. Keep tokens secret and revoke those you no longer need.
tokens-none = No API tokens.
tokens-caption = API tokens
token-name = Token name
token-name-hint = What the token is used for, for example "web page integration".
token-create = Create token
token-created-title = Your new API token
token-created-lead = Copy the token now. It is shown only this once; aireg keeps only a fingerprint of it.
token-never-used = Never
token-revoke = Revoke token { $name }
token-revoked-at = Revoked { $time }

## Members

members-title = Members of { $org }
members-add-title = Invite a person
members-email = E-mail address
members-email-hint = The person gets an e-mail with a link that works once, for 7 days. They get the role when they accept it; with no account yet, they create one.
members-role = Role
members-add = Send invitation
members-list-title = People and their roles
members-caption = People with roles in { $org }
members-remove = Remove role { $role } from { $name }
members-choose-role = Choose a role.
members-tokens-title = Members' API tokens
members-tokens-lead = The API tokens of the people who hold roles in this organisation. Revoke a token if it may have leaked or is no longer needed.

## Problems (error pages and API problem documents)

problem-not-found-title = Not found
problem-not-found-detail = There is no such page or record, or you do not have access to it.
problem-unauthorized-title = Sign-in required
problem-unauthorized-detail = Sign in, or send a valid API token (Authorization: Bearer …).
problem-forbidden-title = Not allowed
problem-forbidden-detail = Your roles do not allow this.
problem-conflict-title = Conflicting change
problem-conflict-detail = Someone saved version { $version } first. Nothing was changed; fetch the current version and try again.
problem-invalid-title = Invalid input
problem-invalid-detail = Some values are not valid.
problem-bad-request-title = Bad request
problem-bad-request-detail = The request could not be understood.
problem-unsupported-media-type-title = Unsupported content type
problem-unsupported-media-type-detail = Send the body as application/json (API) or as a form (pages).
problem-payload-too-large-title = Too large
problem-payload-too-large-detail = The request body is larger than allowed.
problem-method-not-allowed-title = Method not allowed
problem-method-not-allowed-detail = This address does not accept this method.
problem-too-many-requests-title = Too many attempts
problem-too-many-requests-detail = Too many failed attempts. Wait a while and try again.
problem-internal-title = Something went wrong
problem-internal-detail = The service could not complete the request. What was already saved is kept; please try again later.
error-request-id = Quote this reference when you report the problem:

## Field errors

error-required = Enter a value.
error-too-long = Use at most { $max } characters.
error-invalid-choice = Choose one of the offered values ({ $allowed }).
error-invalid-email = Enter an e-mail address such as name@example.fi.
error-invalid-url = Enter an address that starts with https:// or http://.
error-invalid-date = Enter a date as YYYY-MM-DD.
error-end-before-start = The end date must not be before the start date.
error-invalid-y-tunnus = Enter a Finnish business ID such as 0208201-1 (the check digit is verified).
error-invalid-orgnr = Enter a Swedish organisation number such as 212000-2197 (the check digit is verified).
error-unknown-reference = Choose one of the offered values.
error-too-many = Give at most { $max }.
error-missing-primary-language = Needed in the organisation's primary language ({ $lang }).
error-password-too-short = Use at least { $min } characters.
error-taken = This is already in use.
error-invalid-slug = Use only lower-case letters a–z, digits and hyphens.
error-unreadable = The value could not be read: { $detail }
error-use-transition = The lifecycle state changes through the transition buttons on the record's governance page, which check the policy's requirements. A new record starts as an idea or in planning, procurement or development.
error-too-large = The file may be at most { $mib } MiB.
error-control-character = Remove the control characters (such as NUL) from the text.
error-line-break = Write the value on one line (without line breaks).

## AI Act classification

category-not-ai = Not an AI system
category-not-ai-lead = The system is not an AI system as defined in art. 3(1) of the AI Act, so the Act does not apply to it.
category-excluded = Outside the AI Act
category-excluded-lead = An exclusion of art. 2 takes the system out of the AI Act.
category-prohibited = Prohibited practice
category-prohibited-lead = The use falls under a practice prohibited by art. 5 of the AI Act. It must not be placed on the market, put into service or used.
category-high-risk = High-risk AI system
category-high-risk-lead = The system is high-risk under art. 6 of the AI Act. "High-risk" is a legal category that brings specific duties; it is not a measure of how large the risk is.
category-limited = Transparency obligations
category-limited-lead = The system is not high-risk, but art. 50 requires people to be told about the AI.
category-minimal = Minimal risk
category-minimal-lead = No specific duty of the AI Act applies to the system itself; the organisation's AI literacy duty (art. 4) still applies.
category-gpai-model = General-purpose AI model
category-gpai-model-lead = The organisation provides a general-purpose AI model; Chapter V of the AI Act applies.
category-incomplete = Classification incomplete
category-incomplete-lead = More answers are needed before the classification can be concluded.
route-annex-i = Annex I (product safety legislation)
route-annex-iii = Annex III (listed high-risk areas)
date-status-in-force = in force
date-status-adopted-not-in-oj = adopted, not yet in the Official Journal
date-status-proposed = proposed, not adopted
ai-role-provider = provider
ai-role-deployer = deployer
ai-role-importer = importer
ai-role-distributor = distributor
ai-role-authorised-representative = authorised representative
ai-role-product-manufacturer = product manufacturer
transparency-50-1 = Art. 50(1): people must be told they are interacting with an AI system (the provider's duty)
transparency-50-2 = Art. 50(2): generated content must be marked as artificially generated (the provider's duty)
transparency-50-3 = Art. 50(3): people exposed to emotion recognition or biometric categorisation must be informed (the deployer's duty)
transparency-50-4 = Art. 50(4): deep fakes and AI-generated text published on matters of public interest must be disclosed (the deployer's duty)
classification-title = AI Act classification
classification-none = Not classified yet.
classification-current = Current classification
classification-start = Classify with the questionnaire
classification-again = Classify again
classification-history = Earlier classifications
classification-by = { $time } by { $name }
classification-pack = Content pack version { $version }
classification-route = Route
classification-annex-iii = Annex III area
classification-derogated = The art. 6(3) derogation applies: not high-risk, but the provider must document the assessment and register the system (art. 49(2)).
classification-transparency = Transparency duties
classification-fria = Fundamental-rights impact assessment (art. 27)
classification-fria-required = Required before first use
classification-fria-not-required = Not required of the organisation
classification-registration = Registration in the EU database
classification-registration-none = None required of the organisation
classification-missing = Still needed
classification-obligations = The organisation's obligations
classification-obligations-none = No obligations of the organisation's own.
classification-explanation = Why
classification-answers = Answers and justifications
classification-source = How it was made
run-source-questionnaire = questionnaire
run-source-api = through the API
run-source-pack-update = new content pack applied
run-source-import = imported with the records
column-article = Article
column-obligation = Obligation
column-applies-from = Applies from
column-addressee = Addressed to
column-question = Question
column-answer = Answer
column-justification = Justification
column-status = Status
column-responsible = Responsible
column-system = AI system
column-category = Category
column-pack-version = Pack version
column-changes = Changes
obligation-organisation-level = whole organisation
questionnaire-title = AI Act questionnaire
questionnaire-lead = One question at a time. Your answers and justifications are saved together when you finish.
questionnaire-step = Question { $number }
questionnaire-examples = Examples
questionnaire-legal-ref = Legal basis
questionnaire-terms = Terms
questionnaire-justification = Justification
questionnaire-justification-hint = Why this answer: what you checked and where. Kept with the classification.
questionnaire-previous = Previously answered
questionnaire-next = Next
questionnaire-back = Back
questionnaire-summary = Check and save
questionnaire-summary-lead = All questions that matter for this system are answered. Check the result and the answers, then save.
questionnaire-save = Save the classification
questionnaire-none-hint = choose none of the options
questionnaire-choose = Choose an answer.
questionnaire-invalid = The answers do not fit together: { $detail }
flash-classified = The classification was saved and the obligations updated.
flash-obligation-saved = The obligation was updated.
flash-pack-applied = The new content pack was applied.

## Obligations

obligations-title = AI Act obligations of { $org }
obligations-lead = Each obligation that the classifications give the organisation, with its date, the person responsible and the evidence that it is met.
obligations-show = Show
obligations-open = Open
obligations-overdue = Overdue
obligations-all = All, ended ones included
obligations-none = No obligations here.
obligations-overdue-badge = overdue
obligations-ended = no longer given by the classification
obligation-status-todo = To do
obligation-status-in-progress = In progress
obligation-status-done = Done
obligation-status-not-applicable = Not applicable
obligation-reason = Reason it does not apply
obligation-reason-hint = Required when the status is "Not applicable".
obligation-evidence-title = Evidence { $number } title
obligation-evidence-url = Evidence { $number } address
obligation-save = Save
action-obligations-of = Obligations of { $org }
action-classification = AI Act classification
field-reason = Reason
field-responsible = Responsible
field-evidence = Evidence
field-status = Status

## Content pack updates

pack-title = AI Act content pack
pack-lead = The law as data: the questions, rules, obligations and dates aireg classifies with. A new version changes classifications only when an administrator applies it.
pack-version = Version { $version }, law as of { $date }
pack-changelog = Changes
pack-dry-run = Effect of this version on the stored classifications
pack-dry-run-lead = Each record classified with another version, re-classified from its stored facts with this one. Nothing is saved until you apply.
pack-stale-total = Records classified with another version: { $count }.
pack-shown-first = The first { $count } are shown. Applying goes through all of the organisation's records, at most { $most } each time the button is pressed.
pack-up-to-date = Every classification you can see uses this version.
pack-apply = Apply to { $org }
pack-added = added: { $list }
pack-removed = removed: { $list }
pack-redated = re-dated: { $list }
pack-unchanged = no change in obligations
pack-reclassify = to be classified again: the stored answers do not suffice for the new version, so applying it leaves this as it is

## Open data and the API page
footer-open-data = Open data
feed-title = AI register: published changes
opendata-title = Open data
opendata-lead = The public register can be downloaded in full or one organisation at a time: one row per published AI system, public information only. Each row has the record's permanent identifier, so that a later download can be matched to an earlier one.
opendata-licence = Licence:
opendata-whole = The whole register
opendata-csv = CSV (UTF-8, comma-separated, first row names the columns)
opendata-xlsx = Excel workbook (XLSX)
opendata-json = JSON
opendata-changes = Changes and the API
opendata-changes-text = The newest published changes are also a feed that feed readers and harvesters can follow:
opendata-feed = Atom feed
opendata-api-text = Programs can read the register record by record through the open API:
opendata-by-org = By organisation
opendata-by-org-caption = Downloads of one organisation (with the organisations below it)
opendata-downloads = Downloads
opendata-columns = What the columns mean
opendata-columns-text = The CSV, the workbook and the JSON have the same columns. Texts are given in Finnish (_fi), Swedish (_sv) and English (_en) where the organisation has written them; an empty cell means the information is not public or not given.
opendata-col-id = The record's permanent identifier (UUID).
opendata-col-url = The address of the record in the public register.
opendata-col-organisation = The short name (slug) of the organisation that uses the system.
opendata-col-organisation-name = The name of the organisation.
opendata-col-unit = The unit of the organisation responsible for the use.
opendata-col-name = The name of the system.
opendata-col-summary = A short description.
opendata-col-description = A description for residents: what the system does and how.
opendata-col-purpose = Why the system is used.
opendata-col-affected-groups = Whom the use affects.
opendata-col-legal-basis = The legal basis of the use and of any processing of personal data.
opendata-col-human-oversight = How people oversee the system.
opendata-col-data-description = The data the system uses.
opendata-col-keywords = Keywords, separated by semicolons.
opendata-col-lifecycle = Stage: idea, planning, procurement, development, pilot, in_use, suspended or retired.
opendata-col-category = The category under the EU AI Act from the latest classification: not_ai, excluded, prohibited, high_risk, limited, minimal, gpai_model or incomplete.
opendata-col-flags = yes or no: whether personal data, special categories of personal data or other sensitive data are processed, and whether the system takes part in decisions on persons.
opendata-col-oversight-mode = How a person is involved: human_in_the_loop, human_on_the_loop or human_in_command.
opendata-col-technique = The kind of technique, such as machine_learning or generative_ai.
opendata-col-product = The product used and its vendor.
opendata-col-dates = When the use started and ended (YYYY-MM-DD).
opendata-col-contact = Where to ask about the use.
opendata-col-eu-registration = The registration in the EU database for high-risk AI systems, when there is one.
opendata-col-published = When the record was first published and last changed (YYYY-MM-DD), and its version number.
opendata-col-licence = The licence of the row (an SPDX identifier).
api-title = API
api-lead = The register's API answers in JSON. The public operations need no sign-in and may be called from any website; the others need an API token, which signed-in staff create on their token page.
api-document = The machine-readable description (OpenAPI 3.1):
api-needs-token = Needs an API token.
api-open = Open to everyone.
api-parameters = Parameters
api-parameter = Parameter
api-in = Where
api-meaning = Meaning
api-required = required
api-responses = Answers
api-status = Status

## How the AI Act is cited
annex-iii-point = Annex III, point { $number }
annex-iii-point-letter = Annex III, point { $number }({ $letter })

## Impact assessments on the public page
public-assessments-title = Impact assessments
public-assessments-none = No impact assessment of this use has been completed.
public-assessment-done = { $title }: completed on { $date }

## Public organisation pages
org-part-of = Part of
org-website = Website
org-business-id = Business ID
org-policy = AI policy
org-no-policy = No AI policy has been recorded for this organisation.
org-all-systems = All of its AI systems in the register
org-about-open-data = About the open data and its licence

## The accessibility statement and the privacy notice
site-text-accessibility = Accessibility statement
site-text-privacy = Privacy notice
site-text-form-lead = Write the text in each language. Separate paragraphs with an empty line. An empty field shows the built-in text again.
feedback-privacy-link = Privacy notice
site-text-accessibility-default =
    This statement concerns the AI register's public pages. The operator of the register completes it with the date of its own assessment and its contact details.
    The pages are meant to meet the requirements of WCAG 2.1 at level AA. Every page works without JavaScript, can be used with the keyboard alone, and is checked automatically for accessibility problems whenever the software is changed; the pages are in Finnish, Swedish and English.
    Known shortcomings: texts that an organisation has written in only one language are shown in that language (marked as such for screen readers); downloadable spreadsheets (XLSX) and the machine-readable feed are not meant to be read as documents.
    If you notice an accessibility problem, tell us through the feedback form of any record or the contact given by the organisation. We answer within 14 days.
    If you are not satisfied with the answer, you can turn to the supervisory authority. In Finland: the Regional State Administrative Agency for Southern Finland, accessibility monitoring (www.saavutettavuusvaatimukset.fi). In Sweden: the Agency for Digital Government, DIGG (www.digg.se).
site-text-privacy-default =
    This notice tells what personal data the AI register processes and why (EU General Data Protection Regulation, articles 13 and 14). The operator of the register completes it with its own contact details and those of its data protection officer.
    Feedback: when you send feedback on a record, the register keeps your message and, if you give them, your name and e-mail address. They are used only to handle your feedback and to answer it, and are seen only by the staff of the organisation that uses the system. The controller is that organisation; the legal basis is its public task (article 6(1)(e)). The feedback is kept as long as the organisation's records management rules require.
    Staff: the register keeps the name, e-mail address and language of each staff account, the roles it holds, and a log of the changes each person makes to the register, to show who decided what (article 6(1)(c) and (e)).
    Security: to stop password guessing, failed sign-ins are recorded with the address they came from and deleted after one day.
    You have the right to know what data about you is processed, to have wrong data corrected, and to complain to the data protection authority (in Finland the Data Protection Ombudsman, tietosuoja.fi; in Sweden IMY, imy.se).
site-text-edit = Edit this text

## The DCAT-AP catalogue
dcat-catalogue-description = The AI systems the organisations use: what they are used for, who is responsible for them, how they are classified under the EU AI Act and which impact assessments were done.
dcat-dataset-description = One record per published AI system, public information only, in CSV, XLSX and JSON.
dcat-keyword = artificial intelligence
opendata-standards = In the record standards
opendata-standards-text = The same published records in the formats other registers use. A standard cannot carry everything aireg keeps: the Dutch standard, for example, is written for Dutch texts and has no place for the AI Act category; what is left out is listed when the export is made with the aireg export command.
opendata-standard-nl = Dutch algorithm register, publication standard 1.0 (JSON)
opendata-standard-eu = EU database of high-risk AI systems: what a public authority registers (AI Act Annex VIII, section C; JSON)
opendata-standard-dcat = Catalogue of the data (DCAT-AP 3, Turtle)

## Import
import-create = would be created
import-update = would be updated
import-unchanged = unchanged
import-refused = not imported
import-by-id = (matched by its id)
import-by-name = (matched by its name)
import-row = Row
import-summary = New: { $create }, changed: { $update }, unchanged: { $unchanged }, not imported: { $refused }.
import-saved = The import was saved.
import-dry-run = This was a trial run: nothing was saved.
import-nothing-saved = Nothing was saved: correct the rows above and import again, or import only the rows without problems.
import-no-rows = The file has no rows to import.
import-too-many-rows = The file has more than { $max } rows: import it in parts.
import-lifecycle-kept = stays “{ $status }”; a move to “{ $wanted }” is made through the record's governance
import-may-not-edit = you may not edit this record
import-may-not-create = you may not add records to this organisation
import-may-not-publish = saved as a draft: you may not publish
import-stays-draft = saved as a draft: publishing needs { $fields }
import-unknown-columns = Unknown columns: { $columns }. Use the columns of the template.
import-no-name-column = The file has no name column (name_fi, name_sv or name_en).
import-other-organisation = the row belongs to another organisation ({ $org })
import-category-not-read = the AI Act category comes from the record's classification and is not imported
import-nl-shape = The file is not a record of the Dutch publication standard or a list of them.
import-nl-language = the standard's texts are stored as { $lang }
import-nl-month = must be a month in the form YYYY-MM
import-no-such-field = aireg keeps no such field; not imported
opendata-col-description-technical = How the system works, for those who want the details.
opendata-col-publication = published for every row of the download; in an import, draft or published.
import-changes = changes { $fields }
import-title = Import records
import-lead = Bring records from a spreadsheet or another register into an organisation. First you see, row by row, what would be created or changed and what is wrong; nothing is saved until you confirm.
import-template = Template (CSV)
import-report = What the file would do
import-what = Result
import-details = Details
import-format = Format
import-file = File
import-check = Check the file
import-confirm = Import
import-confirm-partial = Import the rows without problems
import-file-too-large = The file is larger than { $mib } MiB: import it in parts or with the aireg import command.
import-format-csv = CSV (the open data's columns)
import-format-xlsx = Excel workbook (the open data's columns)
import-format-nl-algoritmeregister = Dutch algorithm register, publication standard 1.0 (JSON)

## Areas of public services (COFOG)
field-theme = Area of public services
theme-general-public-services = General public services
theme-defence = Defence
theme-public-order-and-safety = Public order and safety
theme-economic-affairs = Economic affairs, transport and energy
theme-environmental-protection = Environmental protection
theme-housing-and-community-amenities = Housing, water and community amenities
theme-health = Health
theme-recreation-culture-and-religion = Recreation, culture and libraries
theme-education = Education
theme-social-protection = Social protection
filter-theme = Area of public services
filter-all-themes = All areas
opendata-col-theme = The area of public services, a division of the UN Classification of the Functions of Government (COFOG): general_public_services, defence, public_order_and_safety, economic_affairs, environmental_protection, housing_and_community_amenities, health, recreation_culture_and_religion, education or social_protection.
opendata-standard-eurocities = Eurocities algorithmic transparency standard v0.3.1 (JSON)
import-eurocities-shape = The file is not a record of the Eurocities standard or a list of them.
import-format-eurocities = Eurocities algorithmic transparency standard v0.3.1 (JSON)
opendata-standard-atrs = UK Algorithmic Transparency Recording Standard: the v3.0 template's fields (JSON)
import-format-atrs = UK Algorithmic Transparency Recording Standard (JSON: the template's fields, or GOV.UK records)
import-atrs-shape = The file is not an ATRS record (the template's fields or a GOV.UK record) or a list of them.
import-duplicate = another row of the file is for the same record
opendata-licence-column = Licence
