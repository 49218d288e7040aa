## API tokens: organisation, scope, expiry

problem-insufficient-scope-title = Outside the token's scope
problem-insufficient-scope-detail = This token's scope is { $held }; this operation needs { $needed }. Create a token with a wider scope.
problem-token-expired-title = Token expired
problem-token-expired-detail = This API token has expired. Create a new one on your API tokens page.
token-scope-read = Read
token-scope-read-hint = read the organisation's records, also unpublished ones
token-scope-write = Write
token-scope-write-hint = also create and edit records, take them through the workflow, report incidents
token-scope-publish = Publish
token-scope-publish-hint = also publish and withdraw records, decide approvals, sign off assessments
token-scope-admin = Admin
token-scope-admin-hint = everything your roles allow, including the organisation's members
token-scope = What the token may do
token-org = Organisation
token-org-hint = The token acts only in this organisation and its units.
token-every-organisation = Every organisation
token-expires-in = Valid for
token-lifetime-days = { $days } days
token-no-expiry = No expiry (made before tokens expired)
token-expired-at = Expired { $time }
column-expires = Expires
error-invalid-lifetime = Give a length of time such as 30m, 12h or 90d.
error-lifetime-too-long = A token may be valid for at most { $max } days.
error-password-mismatch = The passwords differ. Type the same new password twice.
error-wrong-password = That is not your current password.
error-wrong-code = That is not the current code. Check the time on your phone and type the six digits the app shows now.

## Your account: password and sessions

nav-account = Your account
account-title = Your account
account-unknown-browser = Unknown browser
account-with-password = Password
account-with-provider = Identity provider { $issuer }
account-password-title = Change your password
account-current-password = Current password
account-new-password = New password
account-new-password-hint = At least 12 characters. A few unrelated words make a good password.
account-repeat-password = New password again
account-change-password = Change password
account-sessions-title = Where you are signed in
account-sessions-lead = Each browser where you have signed in. End any you do not recognise or no longer use; changing your password ends all but this one.
account-browser = Browser
account-how = Signed in with
account-started = Signed in
account-last-seen = Last active
account-this-session = this browser
account-end-this = Sign out here
account-end-session = End the session signed in { $started }
account-end-others = Sign out everywhere else
flash-password-changed = Your password was changed. Your other sessions were ended.
flash-sessions-ended = The session was ended.

## Invitations and members

flash-member-invited = The invitation was sent. The person gets the role when they accept it.
flash-member-disabled = The account was disabled: it cannot sign in and its sessions were ended.
flash-member-enabled = The account was enabled again.
flash-invitation-accepted = Welcome! You now hold the role you were invited to.
members-invitations-title = Invitations not yet accepted
members-invitations-caption = Invitations sent and not yet accepted
members-account = Account
members-disabled = Disabled
members-in-use = In use
members-enable = Enable the account of { $name }
members-disable = Disable the account of { $name }
members-not-yourself = You cannot disable your own account.
members-elsewhere = This person also holds roles in another organisation, so their account is not this organisation's to disable. Remove their roles here instead.
invitation-title = Invitation to aireg
invitation-lead = You are invited to hold the role { $role } in { $organisation } in aireg, the AI register. The invitation is for { $email }.
invitation-accept = Accept the invitation
invitation-other-account = This invitation is for { $email }, but you are signed in as { $other }. Sign out first, then open the link again.
invitation-sign-in = There is already an account for this address: sign in to accept the invitation
invitation-create-lead = Create your account: give your name and choose a password.
invitation-name = Your name
invitation-create = Create account and accept
link-gone-title = This link no longer works
link-gone-lead = The link has been used already, has expired or is not complete. Ask for a new one: an organisation's administrator can invite you again, and a new password reset link can be asked for below.

## Forgotten password

login-forgot = Forgot your password?
login-passwords-off = Your organisation signs its people in through its own identity provider. Use "Sign in with your organisation's account" below.
reset-request-title = Reset your password
reset-request-lead = Give the e-mail address of your account. We send a link for choosing a new password to it; the link works once, for an hour.
reset-request-submit = Send the link
reset-request-sent = If { $email } is the address of an account that signs in with a password, a link for choosing a new password is on its way to it. The link works once, for an hour.
reset-title = Choose a new password
reset-lead = After this, your other sessions end and your API tokens stop working.
reset-submit = Set the new password
flash-password-reset = Your password was set. Sign in with it.
mail-footer-account = aireg, the AI register. You get this message because someone asked for it with your e-mail address; if it was not you, you need not do anything.
mail-invitation-subject = Invitation to { $organisation } in aireg
mail-invitation-body =
    Hello,

    { $inviter } invites you to hold the role { $role } in { $organisation } in aireg, the AI register.

    Accept the invitation here (the link works once, for { $days } days):
    { $link }
mail-password-reset-subject = Choosing a new password for aireg
mail-password-reset-body =
    Hello,

    A new password was asked for your aireg account. Choose it here (the link works once, for { $minutes } minutes):
    { $link }

    If you did not ask for it, your password stays as it is.

## Signing in with the organisation's own account (OpenID Connect)

sso-title = Sign in with your organisation's account
sso-email = Your work e-mail address
sso-email-hint = If your organisation signs you in through its own service (for example Microsoft Entra ID), you are taken there.
sso-submit = Continue to your organisation's sign-in
sso-no-provider = No organisation in aireg signs in people with this e-mail address through its own service. Sign in with your password.
sso-provider-unavailable = Your organisation's sign-in service could not be reached. Try again in a moment; if it goes on, tell your organisation's aireg administrator.
sso-provider-denied = Your organisation's sign-in service did not sign you in to aireg.
sso-unknown-state = This sign-in was not started in this browser, was finished already or took too long. Start again.
sso-bad-audience = The answer of the sign-in service was meant for another service, not aireg. You were not signed in.
sso-bad-issuer = The answer came from a different sign-in service than your organisation's. You were not signed in.
sso-bad-signature = The answer of the sign-in service was not signed by it. You were not signed in.
sso-expired = The answer of the sign-in service had expired. Start again.
sso-bad-nonce = The answer of the sign-in service belonged to another sign-in. You were not signed in.
sso-bad-token = The answer of the sign-in service could not be checked. You were not signed in.
sso-no-email = The sign-in service gave no verified e-mail address for you. Ask your organisation's administrator.
sso-unknown-domain = Your e-mail address is not in a domain your organisation's sign-in service speaks for in aireg.
sso-disabled = Your aireg account is disabled.
sso-settings-link = Sign-in through the organisation's own identity provider
sso-settings-title = Sign-in for { $org }
sso-settings-lead = People of the organisation can sign in with their work account through the organisation's identity provider (OpenID Connect, for example Microsoft Entra ID or Keycloak). Their account is created at the first sign-in, and their roles follow the groups the provider gives at every sign-in.
sso-settings-callback = Register this address at the provider as the redirect URI:
sso-field-issuer = Issuer
sso-field-issuer-hint = The provider's issuer address, for example https://login.microsoftonline.com/TENANT/v2.0. Its discovery document must answer.
sso-field-client_id = Client ID
sso-field-client_id-hint = aireg's application (client) ID at the provider.
sso-field-client_secret = Client secret
sso-field-client_secret-hint = The secret the provider gave for aireg.
sso-field-client_secret-kept = Leave empty to keep the secret saved.
sso-field-email_domains = E-mail domains
sso-field-email_domains-hint = The domains of the addresses the provider speaks for, separated by spaces, for example kajaani.fi.
sso-field-role_claim = Claim with groups or roles
sso-field-role_claim-hint = The ID token claim that lists the person's groups or roles, for example groups or roles.
sso-field-role_map = Roles from the claim
sso-field-role_map-hint = One line per group: the claim's value = the aireg role. Roles:
sso-field-local_passwords = People of the organisation may also sign in with a password
sso-save = Save
sso-remove = Remove the identity provider
flash-sso-saved = The identity provider was saved.
flash-sso-removed = The identity provider was removed.

## Second factor (authenticator app)

code-title = Code from your authenticator app
code-lead = Your password was right. Give the six-digit code your authenticator app shows for aireg.
code-setup-lead = Add aireg to an authenticator app (for example Microsoft Authenticator or Google Authenticator): type in the key below, or open the link on the phone that has the app. Then give the six-digit code the app shows.
code-secret = Key
code-uri = Link for the app
code-uri-open = Add aireg to the authenticator app
code-field = Code
code-hint = Six digits, for example 123 456. A new one comes every 30 seconds.
code-submit = Continue
second-factor-title = Authenticator app
second-factor-on = Signing in with your password also asks for a code from your authenticator app.
second-factor-off = Signing in asks only for your password. An authenticator app's code makes a stolen password useless on its own.
second-factor-set-up = Set up an authenticator app
second-factor-confirm = Turn it on
second-factor-remove = Turn the authenticator app off
second-factor-required-here = An organisation where you hold a role requires it, so it cannot be turned off.
flash-second-factor-set = The authenticator app is in use: signing in asks for its code.
flash-second-factor-removed = The authenticator app was turned off.
members-second-factor-required = The people of this organisation who sign in with a password must use an authenticator app too.
members-second-factor-optional = An authenticator app is optional for the people of this organisation.
members-second-factor-require = Require an authenticator app
members-second-factor-release = Make the authenticator app optional
sso-account-elsewhere = An aireg account with this address exists already and holds roles beyond your organisation (or is protected otherwise), so your organisation's sign-in service cannot sign in to it. Sign in with its password, or ask the platform's administrator.
sso-continue-org = Continue to the sign-in of { $org }
second-factor-in-use = An authenticator app is in use already. Turn it off first, with its code, then set up the new one.

## Long lists

list-more-newest = The newest { $count } are shown. A system's governance page leads to its own incidents.
list-more-by-date = Only the { $count } that apply first are shown.
list-more-due-first = The { $count } due first are shown. Answer them, or open a system's page to see all of its messages.
