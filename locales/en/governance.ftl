# Governance workflow: policy packs, approvals, assessments, reviews, incidents, feedback, e-mail.

title-error-prefix = Error:
back-to-governance = Back to the system's governance
back-to-incidents = Back to the incidents
date-hint = As YYYY-MM-DD, for example 2027-11-23.
field-required-mark = (required)
error-version-missing = The form did not say which version it was based on. Load the page again and repeat the change.
error-date-in-future = Give a date after today.

## The governance page of a system
governance-title = Governance
action-governance = Governance and approvals
governance-policy = Policy that applies
governance-no-pack = No governance policy is configured for this organisation. Only the platform's own rule applies: a prohibited AI practice is never taken into use.
governance-personal-data-assumed = Not stated, treated as yes until the record says otherwise
governance-lifecycle = Lifecycle
governance-retired = The system is retired. A new use of it is registered as a new system.
governance-approvals = Approvals
governance-no-approvals = The policy asks for no approval in this situation.
governance-assessments = Impact assessments
governance-no-assessments = The policy asks for no impact assessment in this situation.
governance-reviews = Reviews
governance-reports = Incidents
governance-history = Governance history
governance-history-newest = The newest { $count } are shown; the audit log keeps them all.
column-move-to = Move to
column-gate = What the policy still needs
column-action = Action
column-body = Body
column-why = Why
column-assessment = Assessment
column-time = Time
column-who = Who
column-what = What
column-total = Systems
gate-open = Nothing: the move may go ahead.
gate-refused-title = The move to “{ $state }” is not allowed yet. Missing:
gate-not-a-move = The system cannot move to this state from where it is.
gate-prohibited = The AI Act classification is a prohibited AI practice (article 5): it may not be taken into use.
action-move-to = Move to “{ $state }”
policy-version = version { $version }
flash-transitioned = The system was moved to its new lifecycle state.

## Approvals
approval-not-requested = Not requested
approval-own-decision = the system owner's own decision
approval-note = Note to the approvers
approval-note-hint = Optional. What the approvers should look at, e.g. where the assessments are.
approval-nothing-to-request = Every approval the policy asks for has already been requested or given.
approval-requested = Requested
approval-decided = Decided
approval-your-decision = Your decision
approval-your-own-decision = Your decision as the system owner
action-request-approvals = Request the approvals
action-record-decision = Record the decision
decision-approve = Approve
decision-reject = Reject
decision-return = Return for more work
decision-comment-hint = Required when you reject or return the request: say why.
field-comment = Comment
field-minutes-ref = Minutes reference
minutes-ref-hint = Optional, for example “§ 4 / 12.3.2026”.
approval-status-open = Waiting for a decision
approval-status-approved = Approved
approval-status-rejected = Rejected
approval-status-returned = Returned for more work
flash-approvals-requested = The approvals were requested.
flash-approval-decided = Your decision was recorded.

## Reviews
field-findings = Findings
review-findings-hint = What the review found: does the system still work as intended, are its risks and data as recorded, what must change.
review-overdue = Overdue
review-interval = { $count ->
    [one] Reviewed every month
   *[other] Reviewed every { $count } months
}
action-record-review = Record the review
flash-reviewed = The review was recorded.

## Assessments
assessment-not-started = Not started
assessment-voluntary = Not required by the policy in this situation.
assessment-legal-basis = Legal basis
assessment-signed-by = Signed off
assessment-sign-off-body = Signed off by
assessment-template-version = Template version
assessment-prefilled = Some answers were filled in from the system's other assessments. Check them and save.
assessment-sign-lead = The assessment is complete. As a member of the body that signs it off, you can sign it. A later change needs a new sign-off.
assessment-sign-needs-complete = Only a completed assessment can be signed off. Complete it first.
action-sign-assessment = Sign off the assessment
assessment-entry = Entry { $number }
assessment-remove-entry = Remove entry { $number } when saving
assessment-conditional = Needed only when your answer to “{ $question }” makes it relevant.
action-save-draft = Save as a draft
action-complete-assessment = Save as complete
assessment-comments = Comments
assessment-no-comments = No comments yet.
assessment-comment-on = Comment on
assessment-comment-whole = The whole assessment
action-add-comment = Add the comment
assessment-status-draft = Draft
assessment-status-completed = Completed, waiting for sign-off
assessment-status-signed = Signed off
assessment-error-required = Answer this question.
assessment-error-too-long = Use at most { $max } characters.
assessment-error-invalid-choice = Choose one of the offered options.
assessment-error-invalid-type = This answer is not of the kind the question asks for (for example a number).
assessment-error-invalid-date = Give a date as YYYY-MM-DD.
assessment-error-too-few = Add more entries: this part needs at least the number the template asks for.
assessment-error-too-many = Give at most { $max } entries.
assessment-error-unknown = This answer belongs to no question of the template.
flash-assessment-completed = The assessment was saved as complete. It now waits for sign-off.
flash-assessment-signed = The assessment was signed off.
flash-commented = Your comment was added.

## Incidents
incident-new-title = Report an incident or deviation
incident-new-lead = Report an error, harmful or suspicious output, misuse, or a security or privacy incident. The report goes at once to the people the organisation's policy names.
incident-goes-to = The report goes to
field-incident-kind = Kind
field-incident-title = Title
field-incident-description = What happened
incident-description-hint = What the system did, when, who noticed, what has been done already. Leave out personal data that is not needed.
field-aware-on = Became aware on
incident-aware-hint = The day the organisation learned of it. Deadlines are counted from it.
field-serious = Serious incident (AI Act article 3(49))
incident-serious-hint = A serious incident must be reported to the market surveillance authority within the deadline of article 73.
serious-none = Not a serious incident
serious-general = Serious incident: report within { $days } days (art. 73(2))
serious-death = Death of a person: report within { $days } days (art. 73(4))
serious-widespread-or-critical-infrastructure = Widespread infringement or serious disruption of critical infrastructure: report within { $days } days (art. 73(3))
field-attachments = Evidence files
incident-attachments-hint = Screenshots, log files or documents: at most { $count } files of { $mib } MiB each ({ $types }).
incident-files-again = Choose the files again: a browser does not keep them when the form comes back.
action-report-incident = Report an incident
action-incidents = Incidents of this system
incidents-title = Incidents and deviations
incidents-open = Open
incidents-all = All
incidents-none = No incidents.
incident-deadline = Report to the authority by
incident-deadline-passed = Deadline passed
incident-reported = Reported
incident-serious-title = Serious incident
incident-deadline-text = Under article { $article } of the AI Act it must be reported to the market surveillance authority by { $deadline }.
incident-no-files = No evidence files.
incident-notes = Handling
field-note = Note
action-save-incident = Save
incident-notified = Who has been told
incident-notified-none = Nobody yet.
field-recipient = Recipient
incident-recipient-hint = An e-mail address or the name of an authority, e.g. the market surveillance authority.
field-channel = How
action-record-notification = Record the notification
channel-email = E-mail from aireg
channel-authority = Report to an authority
channel-phone = Phone
channel-other = Other
incident-kind-error = Error
incident-kind-harmful-output = Harmful or suspicious output
incident-kind-misuse = Misuse
incident-kind-security = Security incident
incident-kind-privacy = Privacy incident
incident-status-new = New
incident-status-triaged = Triaged
incident-status-in-progress = In progress
incident-status-resolved = Resolved
incident-status-closed = Closed
flash-incident-reported = The incident report was sent.
flash-notification-recorded = The notification was recorded.

## Residents' feedback
feedback-show = Feedback to show
incidents-show = Incidents to show
feedback-title = Ask, report a problem or contest the use
feedback-lead = { $count ->
    [one] You can send the organisation a question, report a problem or contest the use of this AI system. No account is needed. The organisation answers within { $count } day.
   *[other] You can send the organisation a question, report a problem or contest the use of this AI system. No account is needed. The organisation answers within { $count } days.
}
field-feedback-kind = What is it about
field-feedback-message = Your message
feedback-message-hint = At most 5000 characters.
field-feedback-name = Your name (optional)
field-feedback-email = Your e-mail address (optional)
feedback-email-hint = Needed if you want the answer by e-mail.
feedback-trap = Leave this field empty
feedback-privacy = Your message and contact details are seen only by the organisation's staff who handle it.
action-send-feedback = Send
feedback-token-expired = The form was sent too soon after opening it, or it is too old. Check your message and send it again.
feedback-kind-question = A question
feedback-kind-problem = A problem report
feedback-kind-contest = I contest the use of the system
feedback-status-open = Waiting for an answer
feedback-status-answered = Answered
feedback-status-closed = Closed
feedback-staff-title = Residents' feedback
feedback-staff-lead = Questions, problem reports and contests sent from the public register.
feedback-open = Waiting for an answer
feedback-all = All
feedback-none = No feedback.
feedback-due = answer by { $date }
feedback-overdue = Late
field-response = Answer
feedback-response-mailed = The answer is sent to the resident by e-mail when you mark it answered.
feedback-response-no-email = The resident gave no e-mail address; the answer is kept here.
action-save-feedback = Save
flash-feedback-sent = Your feedback was sent. Thank you!

## Policy page and the working group's dashboard
policy-title = AI policy: { $org }
policy-adopted-by = Adopted by
policy-source = Source
policy-adopted = Adoption
policy-pack-version = Version in aireg
policy-bodies = Bodies and who sits in them
policy-members = Members
policy-approval-rules = Who approves a deployment
policy-assessment-rules = Which impact assessments are required
policy-reviews = Reviews of the policy
policy-review-rule = Each system is reviewed every { $system } months; the policy every { $policy } months by { $body }.
policy-feedback-rule = Residents' feedback is answered within { $days } days.
policy-next-review = Next review of the policy
policy-never-reviewed = Not reviewed in aireg yet
action-record-policy-review = Record the policy review
policy-changes = Changes to the policy
policy-link = The AI policy
action-policy-of = AI policy
action-governance-of = Governance overview
working-group-title = Governance overview: { $org }
working-group-lead = The AI working group's view of the organisations below: systems by state and AI Act category, and what waits for someone.
working-group-systems = Systems
working-group-no-systems = No systems registered.
working-group-nonconforming = In use without all the policy asks
compliance-not-compliant = Not compliant with the policy
compliance-not-compliant-lead = The system's state is { $state }, but it now lacks something its policy asks for that state (for example after a change to personal data or to the people it names). It shows as not compliant until everything below is in place.
working-group-open-approvals = Open approval requests
working-group-reviews-overdue = Reviews overdue
working-group-reviews-due = Reviews due within 30 days
working-group-obligations-overdue = AI Act obligations past their date
working-group-open-incidents = Open incidents
working-group-feedback-overdue = Feedback past its answer date
working-group-nothing = Nothing.
working-group-first-of = The first { $shown } of { $total } are shown.

## History of a system's governance
history-transition = Moved from “{ $from }” to “{ $to }”
history-approval-request = Approval requested from { $body }
history-approval-decide = Decision of { $body }: { $status }
history-assessment-save = Assessment saved: { $template }
history-assessment-sign = Assessment signed off: { $template }
history-assessment-comment = Comment on an assessment
history-system-create = Registered
history-system-review = Reviewed
history-incident-report = Incident reported
history-incident-update = Incident handled
history-incident-notify = Notification recorded
history-feedback-submit = Feedback received
history-feedback-respond = Feedback answered
history-classification-create = Classified under the AI Act
history-obligation-update = Obligation updated

## API problems
problem-gate-refused-title = The policy's gate refuses the move
problem-gate-refused-detail = The move to “{ $state }” needs what `missing` lists.
problem-refused-title = The request cannot go on as things stand
problem-refused-detail = Nothing was changed.

## E-mail (plain text; $name is the recipient's name)
mail-footer = aireg, the AI register. You get this message because of your role in the organisation's AI governance.
mail-footer-resident = aireg, the AI register. You get this message because you wrote to the register about this system.
mail-approval-requested-subject = Approval requested: { $system }
mail-approval-requested-body = Hello { $name },

    { $requester } asks { $body } to approve taking “{ $system }” into use.

    Why the policy asks for it: { $reason }

    Decide here: { $link }
mail-approval-requested-after-change-subject = A system in use needs approval: { $system }
mail-approval-requested-after-change-body = Hello { $name },

    { $requester } changed facts about “{ $system }”, a system in use, that the policy decides its approvals on. It now needs the approval of { $body }. Until then the register shows it as not compliant with the policy.

    Why the policy asks for it: { $reason }

    Decide here: { $link }
mail-approval-decided-subject = Decision on { $system }: { $decision }
mail-approval-decided-body = Hello { $name },

    { $decider } recorded the decision of { $body } on “{ $system }”: { $decision }.
    { $comment }

    See the system: { $link }
mail-incident-reported-subject = Incident reported: { $system }: { $title }
mail-incident-reported-body = Hello { $name },

    { $reporter } reported an incident on “{ $system }”.
    Kind: { $kind }
    Title: { $title }
    { $serious }

    Handle it here: { $link }
mail-incident-serious = SERIOUS INCIDENT: under article { $article } of the AI Act it must be reported to the market surveillance authority by { $deadline }.
mail-feedback-received-subject = Feedback from a resident: { $system }
mail-feedback-received-body = Hello { $name },

    A resident sent feedback on “{ $system }” ({ $kind }). Answer it within { $days } days.

    Read and answer it here: { $link }
mail-feedback-answered-subject = Answer to your message about { $system }
mail-feedback-answered-body = Hello { $name },

    Thank you for your message about “{ $system }”. Our answer:

    { $response }

    The system in the AI register: { $link }
mail-review-due-subject = Review due: { $system }
mail-review-due-body = Hello { $name },

    The periodic review of “{ $system }” is due on { $date }. Record the review and its findings here: { $link }
mail-review-overdue-subject = Review overdue: { $system }
mail-review-overdue-body = Hello { $name },

    The periodic review of “{ $system }” was due on { $date } and has not been recorded. Record it here: { $link }
mail-obligation-due-subject = AI Act obligation due: { $obligation }
mail-obligation-due-body = Hello { $name },

    The AI Act obligation “{ $obligation }” (article { $article }) of { $subject } applies from { $date } and is not yet met.

    See the obligations: { $link }

## Staff use of AI tools: the catalogue, "may I use?", requests, disclosure
nav-ai-tools = AI tools
usage-title = AI tools at { $org }
usage-lead = Which AI tools you may use at work, with which information, and on what conditions. Ask about a tool below: the answer gives its reasons and the sections of the policy they come from.
usage-ask-heading = May I use this tool?
field-tool = Tool
usage-tool-hint = The name of the AI tool or service, for example Copilot or ChatGPT.
field-data-class = Information
usage-class-hint = The most protected information you would enter or upload.
field-usage-purpose = What for
usage-purpose-hint = Optional: what you would use it for.
action-ask = Ask
usage-answer-yes = Yes: { $tool } may be used with “{ $class }” information.
usage-answer-conditional = Yes, with conditions: { $tool } may be used with “{ $class }” information as below.
usage-answer-no = No: { $tool } may not be used with “{ $class }” information.
usage-reason-blocked = { $tool } may not be used for work at all.
usage-reason-not-approved = { $tool } is not approved for work use.
usage-reason-unlisted = “{ $tool }” is not in the organisation's catalogue of AI tools, so it is not approved.
usage-reason-class-too-high = { $tool } may be used with information up to “{ $allowed }”; “{ $asked }” is more protected than that.
usage-reason-class-allowed = { $tool } may be used with information up to “{ $allowed }”, which covers “{ $asked }”.
usage-request-hint = Say what you would use it for: the request goes to those who add tools, as a draft in the register.
action-request-tool = Ask for { $tool } to be added
usage-request-summary = { $person } asked through the AI tool catalogue for { $tool } to be added (information: { $class }); it is not approved for work use yet.
usage-group-approved = Approved tools
usage-group-not-approved = Known tools that are not approved
usage-group-blocked = Tools that may not be used
usage-max-class = Information up to
usage-no-data = None
usage-purposes = Used for
usage-responsible = Responsible
usage-conditions = Conditions
usage-records = In the register
usage-source = Policy
usage-unlisted-heading = A tool that is not listed
usage-rules-heading = Always remember
usage-disclosure-link = Write the statement for a document or image made with AI
usage-classes-heading = Classes of information
usage-no-catalogue = The organisation's AI policy does not yet say which AI tools staff may use.
usage-tool-approved = The tool is approved already: there is nothing to ask for.
flash-ai-tool-requested = Your request was saved as a draft in the register and sent to those who add tools.
mail-ai-tool-requested-subject = AI tool requested: { $tool }
mail-ai-tool-requested-body = Hello { $name },

    { $person } asked for the AI tool “{ $tool }” to be added for { $organisation }. What for:

    { $purpose }

    The request is a draft record in the register: { $link }
disclosure-title = Disclosing AI use at { $org }
disclosure-lead = The statement the organisation's AI policy asks for when a document or image is made with AI. Nothing you enter here is saved.
field-date = Date
field-what = What was done with AI
disclosure-what-hint = For example: the summary was drafted with AI and checked by hand.
field-person = Responsible person
disclosure-person-hint = The person who answers for the content.
field-statement-lang = Language of the statement
action-write-statement = Write the statement
disclosure-statement = The statement
disclosure-html = The same as HTML, for a web page
ai-use-title = How { $org } uses AI in its work
ai-use-disclosure = When a document or image was made with the help of AI, it says so.
usage-choose-org = Choose the organisation whose AI tools you want to see.
usage-no-role = You hold no role in any organisation yet.
incident-provider-first-title = High-risk system: inform the provider first
incident-provider-first = This is a serious incident of a high-risk AI system. Inform the provider first, then the importer or distributor and the market surveillance authority, and suspend the use of the system where needed (AI Act art. 26(5)).
incident-breach-title = If personal data was breached: 72 hours
incident-breach-text = A personal data breach must be notified to the supervisory authority (in Finland the Data Protection Ombudsman, in Sweden IMY) without undue delay and, where feasible, by { $deadline } (72 hours from becoming aware; GDPR art. 33(1)), unless it is unlikely to result in a risk to people's rights and freedoms. Record the breach and the decision in any case (art. 33(5)).
mail-incident-breach = IF PERSONAL DATA WAS BREACHED: notify the supervisory authority (in Finland the Data Protection Ombudsman, in Sweden IMY) without undue delay and, where feasible, by { $deadline } (GDPR art. 33(1)).
procurement-heading = Procurement contract
procurement-lead = The system is procured from a supplier. The EU model contractual clauses for AI procurement (MCC-AI) show what its contract should hold; record which clauses it has.
procurement-gaps = { $count ->
    [one] One clause or annex the contract lacks
   *[other] { $count } clauses or annexes the contract lacks
}
procurement-no-gaps = The contract lacks none of the clauses recorded so far.
usage-figures-heading = AI use by staff, in figures
usage-figures-lead = How many people used each AI tool in a month and how much. A figure is published only when at least { $min } people are counted in it, so that no one can be identified. Uses are as the source counts them: prompts, days or apps of use.
column-month = Month
column-users = People
column-uses = Uses
usage-figures-suppressed = { $count ->
    [one] One figure of fewer people is not shown.
   *[other] { $count } figures of fewer people are not shown.
}
usage-answer-blocked = No: { $tool } may not be used for work at all.
figures-heading = In figures
figures-csv = The figures as CSV (one row per organisation)
figures-by-state = Records by life-cycle state
figures-by-category = Records by AI Act category
figures-by-organisation = Records by organisation
figures-what = Class
figures-not-classified = Not classified

## The annual AI report (PDF)
report-title = Annual AI report { $year }: { $org }
report-first-of = The first { $shown } of { $total } are listed.
report-inventory = AI systems
report-inventory-lead = As things stand when the report is made. Every organisation, those with no systems in the register too. In use = piloted or in use.
report-organisation = Organisation
report-total = Total
report-in-use = In use
report-high-risk = High-risk
report-by-state = By life-cycle state
report-by-category = By AI Act category
report-changes = Changes during the year
report-added = Added
report-retired = Retired (last changed during the year)
report-changed = Systems added earlier and changed
report-none = None.
report-high-risk-heading = High-risk systems and their obligations
report-obligations-open = Obligations open
report-obligations-done = Met
report-obligations-overdue = Of which overdue
report-governance = Governance
report-approvals-granted = Approvals granted
report-approvals-refused = Approval requests refused
report-assessments-signed = Impact assessments signed off
report-reviews-overdue = Systems whose review is overdue now
report-incidents = Incidents
report-incidents-total = Incidents reported
report-serious = Serious incidents (AI Act art. 73)
report-deadline = Deadline
report-deadline-met = reported in time
report-deadline-missed = deadline missed
report-deadline-open = deadline not yet passed
report-feedback = Residents’ feedback
report-feedback-total = Messages
report-feedback-answered = Answered
report-feedback-overdue = Unanswered past the deadline
report-policy = AI policy
report-policy-changes = Changes during the year
report-policy-reviews = Reviews during the year
report-chain = Checksum
report-chain-lead = The number of events in the register’s change log and the hash of the newest when the report was made. Compare them with the signed checkpoints the register publishes (/api/v1/public/audit/checkpoints): aireg audit verify --checkpoint shows whether the log was altered afterwards.
report-generated = Generated
report-download = Annual report (PDF)
report-year = Year
report-system = System
report-incident = Incident
report-kind = Kind
report-outcome = Outcome
report-feedback-in-time = Answered within the deadline
report-feedback-response = Response time, median (days)
report-incident-response = Time to the first handling note, median (hours)
report-approvals-returned = Approval requests returned for more work
