## API-nycklar: organisation, omfattning, giltighet

problem-insufficient-scope-title = Utanför nyckelns omfattning
problem-insufficient-scope-detail = Den här nyckelns omfattning är { $held }; åtgärden kräver { $needed }. Skapa en nyckel med större omfattning.
problem-token-expired-title = Nyckeln har gått ut
problem-token-expired-detail = Den här API-nyckeln har gått ut. Skapa en ny på sidan API-nycklar.
token-scope-read = Läsa
token-scope-read-hint = läsa organisationens poster, även opublicerade
token-scope-write = Skriva
token-scope-write-hint = även skapa och redigera poster, föra dem genom arbetsflödet, rapportera incidenter
token-scope-publish = Publicera
token-scope-publish-hint = även publicera och dra tillbaka poster, besluta om godkännanden, godkänna bedömningar
token-scope-admin = Administrera
token-scope-admin-hint = allt dina roller tillåter, även organisationens medlemmar
token-scope = Vad nyckeln får göra
token-org = Organisation
token-org-hint = Nyckeln gäller bara i den här organisationen och dess enheter.
token-every-organisation = Alla organisationer
token-expires-in = Giltig i
token-lifetime-days = { $days } dagar
token-no-expiry = Går inte ut (skapad innan nycklar gick ut)
token-expired-at = Gick ut { $time }
column-expires = Går ut
error-invalid-lifetime = Ange en tid som 30m, 12h eller 90d.
error-lifetime-too-long = En nyckel får vara giltig i högst { $max } dagar.
error-password-mismatch = Lösenorden skiljer sig åt. Skriv samma nya lösenord två gånger.
error-wrong-password = Det är inte ditt nuvarande lösenord.
error-wrong-code = Koden gäller inte. Kontrollera tiden i telefonen och skriv de sex siffror appen visar nu.

## Ditt konto: lösenord och sessioner

nav-account = Ditt konto
account-title = Ditt konto
account-unknown-browser = Okänd webbläsare
account-with-password = Lösenord
account-with-provider = Identitetstjänsten { $issuer }
account-password-title = Byt lösenord
account-current-password = Nuvarande lösenord
account-new-password = Nytt lösenord
account-new-password-hint = Minst 12 tecken. Några ord utan samband blir ett bra lösenord.
account-repeat-password = Nytt lösenord igen
account-change-password = Byt lösenord
account-sessions-title = Var du är inloggad
account-sessions-lead = Varje webbläsare där du har loggat in. Avsluta de du inte känner igen eller inte längre använder; när du byter lösenord avslutas alla utom den här.
account-browser = Webbläsare
account-how = Inloggad med
account-started = Inloggad
account-last-seen = Senast aktiv
account-this-session = den här webbläsaren
account-end-this = Logga ut här
account-end-session = Avsluta sessionen som började { $started }
account-end-others = Logga ut överallt annars
flash-password-changed = Ditt lösenord byttes. Dina andra sessioner avslutades.
flash-sessions-ended = Sessionen avslutades.

## Inbjudningar och medlemmar

flash-member-invited = Inbjudan skickades. Personen får rollen när hen tar emot den.
flash-member-disabled = Kontot inaktiverades: det kan inte logga in och dess sessioner avslutades.
flash-member-enabled = Kontot aktiverades igen.
flash-invitation-accepted = Välkommen! Du har nu rollen du bjöds in till.
members-invitations-title = Inbjudningar som inte tagits emot
members-invitations-caption = Skickade inbjudningar som ännu inte tagits emot
members-account = Konto
members-disabled = Inaktiverat
members-in-use = I bruk
members-enable = Aktivera kontot för { $name }
members-disable = Inaktivera kontot för { $name }
members-not-yourself = Du kan inte inaktivera ditt eget konto.
members-elsewhere = Personen har roller även i en annan organisation, så kontot är inte den här organisationens att inaktivera. Ta bort rollerna här i stället.
invitation-title = Inbjudan till aireg
invitation-lead = Du bjuds in till rollen { $role } i { $organisation } i aireg, AI-registret. Inbjudan gäller { $email }.
invitation-accept = Ta emot inbjudan
invitation-other-account = Inbjudan gäller { $email }, men du är inloggad som { $other }. Logga ut först och öppna länken igen.
invitation-sign-in = Det finns redan ett konto för adressen: logga in för att ta emot inbjudan
invitation-create-lead = Skapa ditt konto: ange ditt namn och välj ett lösenord.
invitation-name = Ditt namn
invitation-create = Skapa konto och ta emot
link-gone-title = Länken fungerar inte längre
link-gone-lead = Länken har redan använts, har gått ut eller är inte hel. Be om en ny: organisationens administratör kan bjuda in dig igen, och en ny länk för att byta lösenord kan beställas nedan.

## Glömt lösenord

login-forgot = Glömt lösenordet?
login-passwords-off = Din organisation loggar in sina medarbetare via sin egen identitetstjänst. Använd inloggningen med organisationens konto nedan.
reset-request-title = Byt lösenord
reset-request-lead = Ange ditt kontos e-postadress. Vi skickar en länk för att välja ett nytt lösenord dit; länken fungerar en gång, i en timme.
reset-request-submit = Skicka länken
reset-request-sent = Om { $email } är adressen till ett konto som loggar in med lösenord är en länk för att välja ett nytt lösenord på väg dit. Länken fungerar en gång, i en timme.
reset-title = Välj ett nytt lösenord
reset-lead = Efter detta avslutas dina andra sessioner och dina API-nycklar slutar fungera.
reset-submit = Spara det nya lösenordet
flash-password-reset = Ditt lösenord är sparat. Logga in med det.
mail-footer-account = aireg, AI-registret. Du får detta meddelande eftersom någon bad om det med din e-postadress; om det inte var du behöver du inte göra något.
mail-invitation-subject = Inbjudan till { $organisation } i aireg
mail-invitation-body =
    Hej,

    { $inviter } bjuder in dig till rollen { $role } i { $organisation } i aireg, AI-registret.

    Ta emot inbjudan här (länken fungerar en gång, i { $days } dagar):
    { $link }
mail-password-reset-subject = Välj ett nytt lösenord för aireg
mail-password-reset-body =
    Hej,

    Ett nytt lösenord begärdes för ditt konto i aireg. Välj det här (länken fungerar en gång, i { $minutes } minuter):
    { $link }

    Om du inte bad om det förblir ditt lösenord oförändrat.

## Inloggning med organisationens eget konto (OpenID Connect)

sso-title = Logga in med din organisations konto
sso-email = Din e-postadress på jobbet
sso-email-hint = Om din organisation loggar in dig via sin egen tjänst (till exempel Microsoft Entra ID) skickas du dit.
sso-submit = Fortsätt till organisationens inloggning
sso-no-provider = Ingen organisation i aireg loggar in personer med den här e-postadressen via sin egen tjänst. Logga in med ditt lösenord.
sso-provider-unavailable = Din organisations inloggningstjänst kunde inte nås. Försök igen om en stund; om felet kvarstår, kontakta organisationens aireg-administratör.
sso-provider-denied = Din organisations inloggningstjänst loggade inte in dig i aireg.
sso-unknown-state = Den här inloggningen startades inte i den här webbläsaren, är redan använd eller tog för lång tid. Börja om.
sso-bad-audience = Svaret från inloggningstjänsten var avsett för en annan tjänst, inte aireg. Du loggades inte in.
sso-bad-issuer = Svaret kom från en annan inloggningstjänst än din organisations. Du loggades inte in.
sso-bad-signature = Svaret från inloggningstjänsten var inte signerat av den. Du loggades inte in.
sso-expired = Svaret från inloggningstjänsten hade gått ut. Börja om.
sso-bad-nonce = Svaret från inloggningstjänsten hörde till en annan inloggning. Du loggades inte in.
sso-bad-token = Svaret från inloggningstjänsten kunde inte kontrolleras. Du loggades inte in.
sso-no-email = Inloggningstjänsten gav ingen verifierad e-postadress för dig. Fråga organisationens administratör.
sso-unknown-domain = Din e-postadress hör inte till en domän som organisationens inloggningstjänst loggar in i aireg.
sso-disabled = Ditt konto i aireg är inaktiverat.
sso-settings-link = Inloggning via organisationens egen identitetstjänst
sso-settings-title = Inloggning för { $org }
sso-settings-lead = Organisationens medarbetare kan logga in med sitt jobbkonto via organisationens identitetstjänst (OpenID Connect, till exempel Microsoft Entra ID eller Keycloak). Kontot skapas vid första inloggningen, och rollerna följer de grupper tjänsten anger vid varje inloggning.
sso-settings-callback = Registrera den här adressen hos tjänsten som omdirigerings-URI:
sso-field-issuer = Utfärdare (issuer)
sso-field-issuer-hint = Tjänstens issuer-adress, till exempel https://login.microsoftonline.com/TENANT/v2.0. Dess discovery-dokument måste svara.
sso-field-client_id = Klient-ID
sso-field-client_id-hint = aireg-applikationens ID hos tjänsten.
sso-field-client_secret = Klienthemlighet
sso-field-client_secret-hint = Hemligheten tjänsten gav för aireg.
sso-field-client_secret-kept = Lämna tomt för att behålla den sparade hemligheten.
sso-field-email_domains = E-postdomäner
sso-field-email_domains-hint = Domänerna för de adresser tjänsten talar för, åtskilda med mellanslag, till exempel avesta.se.
sso-field-role_claim = Anspråk (claim) med grupper eller roller
sso-field-role_claim-hint = ID-tokenets anspråk som listar personens grupper eller roller, till exempel groups eller roles.
sso-field-role_map = Roller från anspråket
sso-field-role_map-hint = En rad per grupp: anspråkets värde = aireg-rollen. Roller:
sso-field-local_passwords = Organisationens medarbetare får också logga in med lösenord
sso-save = Spara
sso-remove = Ta bort identitetstjänsten
flash-sso-saved = Identitetstjänsten sparades.
flash-sso-removed = Identitetstjänsten togs bort.

## Andra faktor (autentiseringsapp)

code-title = Kod från din autentiseringsapp
code-lead = Ditt lösenord var rätt. Ange den sexsiffriga kod som din autentiseringsapp visar för aireg.
code-setup-lead = Lägg till aireg i en autentiseringsapp (till exempel Microsoft Authenticator eller Google Authenticator): skriv in nyckeln nedan eller öppna länken i telefonen där appen finns. Ange sedan den sexsiffriga kod appen visar.
code-secret = Nyckel
code-uri = Länk för appen
code-uri-open = Lägg till aireg i autentiseringsappen
code-field = Kod
code-hint = Sex siffror, till exempel 123 456. En ny kommer var 30:e sekund.
code-submit = Fortsätt
second-factor-title = Autentiseringsapp
second-factor-on = Inloggning med lösenord frågar också efter en kod från din autentiseringsapp.
second-factor-off = Inloggningen frågar bara efter ditt lösenord. Med en kod från en autentiseringsapp räcker ett stulet lösenord inte ensamt.
second-factor-set-up = Ta i bruk en autentiseringsapp
second-factor-confirm = Ta i bruk
second-factor-remove = Sluta använda autentiseringsappen
second-factor-required-here = En organisation där du har en roll kräver den, så den kan inte stängas av.
flash-second-factor-set = Autentiseringsappen används: inloggningen frågar efter dess kod.
flash-second-factor-removed = Autentiseringsappen togs ur bruk.
members-second-factor-required = Organisationens medarbetare som loggar in med lösenord måste också använda en autentiseringsapp.
members-second-factor-optional = En autentiseringsapp är frivillig för organisationens medarbetare.
members-second-factor-require = Kräv en autentiseringsapp
members-second-factor-release = Gör autentiseringsappen frivillig
sso-account-elsewhere = Ett konto i aireg med den här adressen finns redan och har roller utanför din organisation (eller är skyddat på annat sätt), så organisationens inloggningstjänst kan inte logga in på det. Logga in med dess lösenord eller fråga plattformens administratör.
sso-continue-org = Fortsätt till inloggningen för { $org }
second-factor-in-use = En autentiseringsapp används redan. Stäng av den först med dess kod och ta sedan i bruk den nya.

## Långa listor

list-more-newest = De { $count } senaste visas. Ett systems styrningssida leder till dess egna incidenter.
list-more-by-date = Endast de { $count } som gäller först visas.
list-more-due-first = De { $count } med tidigast tidsfrist visas. Besvara dem eller öppna ett systems sida för att se alla dess meddelanden.
