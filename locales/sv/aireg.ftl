# aireg användargränssnitt, svenska.
# Meddelandenas id är desamma i fi/, sv/ och en/; ett test kontrollerar att inget saknas.

## Sidmall

site-name = AI-registret
skip-to-content = Hoppa till innehållet
nav-label = Huvudmeny
nav-register = Offentligt register
nav-dashboard = Översikt
nav-systems = AI-system
nav-tokens = API-nycklar
nav-sign-in = Logga in
language-switch-label = Språk
language-self-name = På svenska
language-name-fi = finska
language-name-sv = svenska
language-name-en = engelska
signed-in-as = Inloggad som { $name }
sign-out = Logga ut
footer-text = aireg – ett öppet register över de AI-system som offentliga organisationer använder och hur de styr dem.
footer-api = Gränssnitt för utvecklare
back-to-register = Tillbaka till registret
back-to-systems = Tillbaka till AI-systemen
back-to-system = Tillbaka till systemet
back-to-dashboard = Tillbaka till översikten
badge-internal = intern
value-yes = Ja
value-no = Nej
value-not-given = Inte angivet
updated-on = Uppdaterad { $date }
updated-at = Uppdaterad { $time }
published-on = Publicerad { $date }
version-number = Version { $version }
error-summary-title = Kontrollera uppgifterna

## Meddelanden efter en ändring

flash-created = AI-systemet skapades som utkast.
flash-saved = Ändringarna sparades som en ny version.
flash-published = AI-systemet är nu publicerat i det offentliga registret.
flash-withdrawn = AI-systemet togs bort från det offentliga registret.
flash-member-added = Rollen lades till.
flash-member-removed = Rollen togs bort.
flash-token-revoked = API-nyckeln återkallades. Den fungerar inte längre.
flash-signed-out = Du har loggat ut.

## Offentligt register

register-title = AI-system som används i offentliga tjänster
register-lead = Kommuner och regioner beskriver här de AI-system de använder: vad varje system gör, varför det används, vilka uppgifter det använder och hur människor övervakar det.
register-empty = Inga publicerade AI-system motsvarar villkoren.
filter-label = Filtrera AI-systemen
filter-text = Sökord
filter-organisation = Organisation
filter-all-organisations = Alla organisationer
filter-status = Skede
filter-all-statuses = Alla skeden
filter-publication = Publicering
filter-all-publications = Alla
filter-apply = Visa
filter-category = Kategori enligt AI-förordningen
filter-all-categories = Alla kategorier
filter-personal-data = Personuppgifter
filter-decisions = Beslut om personer
filter-either = Vilket som helst
systems-found = { $count ->
    [one] 1 AI-system
   *[other] { $count } AI-system
}
systems-count = { $count ->
    [one] 1 system
   *[other] { $count } system
}
pagination-label = Sidor
pagination-previous = Föregående sida
pagination-next = Nästa sida
pagination-page = Sida { $number }
withheld-title = Uppgifter som inte är offentliga
withheld-lead = Organisationen har registrerat följande uppgifter men publicerar dem inte:

## Postens avsnitt

section-overview = Översikt
section-description = Beskrivning
section-purpose = Syfte och berörda personer
section-data = Uppgifter
section-oversight = Mänsklig tillsyn
section-responsibility = Ansvar och kontakt
section-more = Nyckelord och länkar

## Postens fält

field-name = Namn
field-summary = Sammanfattning
field-description-public = Beskrivning
field-description-technical = Teknisk beskrivning
field-purpose = Syfte och mål
field-affected-groups = Vilka användningen berör
field-legal-basis = Rättslig grund
field-human-oversight-mode = Mänsklig tillsyn
field-human-oversight = Hur människor övervakar systemet
field-decisions-on-persons = Används i beslut om enskilda personer
field-data-description = Uppgifter som används
field-personal-data = Behandlar personuppgifter
field-sensitive-data = Behandlar känsliga uppgifter
field-data-classification = Informationsklassning
field-vendor = Leverantör
field-procurement-route = Hur det togs i bruk
field-ai-technique = AI-teknik
field-lifecycle = Skede
field-start-date = I bruk sedan
field-end-date = I bruk till
field-next-review = Nästa granskning
field-keywords = Nyckelord
field-links = Länkar
field-contact = Kontakt
field-contact-email = Kontaktens e-post
field-contact-phone = Kontaktens telefon
field-contact-name = Kontaktperson eller enhet
field-unit = Enhet
field-system-owner = Systemägare
field-process-owner = Processägare
field-product = Produkt
field-eu-registration = Registrering i EU-databasen
field-visibility = Synlighet
field-organisation = Organisation
field-publication = Publicering

## Anvisningar i formuläret

hint-name = Namnet som invånarna känner tjänsten under, högst 120 tecken.
hint-summary = En eller två meningar, högst 300 tecken. Visas i registrets lista.
hint-description-public = Vad systemet gör, på klarspråk för invånarna.
hint-description-technical = Hur systemet fungerar: modeller, metoder, integrationer.
hint-purpose = Varför systemet används och vad det ska åstadkomma.
hint-affected-groups = Till exempel invånare som ansöker om en tjänst, elever eller organisationens personal.
hint-legal-basis = Den lagstadgade uppgiften och grunden för behandlingen av personuppgifter, med paragrafer.
hint-human-oversight = Vem som kontrollerar systemets resultat och hur hen kan rätta eller åsidosätta dem.
hint-data-description = Vilka uppgifter systemet använder och varifrån de kommer.
hint-decisions-on-persons = Välj ja om resultatet används när man beslutar om en enskild person, även om en människa fattar beslutet.
hint-sensitive-data = Särskilda kategorier av personuppgifter (till exempel hälsa) eller annars känsliga uppgifter (till exempel socialtjänst).
hint-procurement-route = Upphandlat centralt eller taget i bruk genom systemägarens eget beslut.
hint-next-review = Datum för nästa periodiska granskning.
hint-keywords = Skilj nyckelorden åt med kommatecken.
hint-links = Länkar till mer information, till exempel tjänstens egen sida eller dataskyddsbeskrivningen.
hint-unit = Den enhet i organisationen som använder systemet.

## Värden

lifecycle-idea = Idé
lifecycle-planning = Planering
lifecycle-procurement = Upphandling
lifecycle-development = Utveckling
lifecycle-pilot = Försök
lifecycle-in-use = I bruk
lifecycle-suspended = Tillfälligt stoppat
lifecycle-retired = Avvecklat
oversight-human-in-the-loop = En människa godkänner varje resultat (human in the loop)
oversight-human-on-the-loop = En människa övervakar och kan ingripa (human on the loop)
oversight-human-in-command = En människa bestämmer när och hur det används (human in command)
oversight-fully-automated = Helt automatiserat
classification-public = Öppen
classification-internal = Intern
classification-confidential = Konfidentiell
classification-secret = Sekretessbelagd
procurement-central = Centralt upphandlat
procurement-own-decision = Systemägarens eget beslut
technique-rule-based = Regelbaserad
technique-statistical = Statistisk modell
technique-machine-learning = Maskininlärning
technique-deep-learning = Djupinlärning
technique-generative-ai = Generativ AI
technique-hybrid = Kombination av tekniker
visibility-public = offentlig
visibility-internal = intern
publication-draft = Utkast
publication-published = Publicerad
publication-withdrawn = Borttagen från publicering
change-created = Skapad
change-edited = Redigerad
change-published = Publicerad
change-withdrawn = Borttagen från publicering
change-transitioned = Flyttad till ett annat livscykelstadium
change-reviewed = Granskad
role-org-admin = Organisationens administratör
role-editor = Registerredaktör
role-system-owner = Systemägare
role-process-owner = Processägare
role-approver = Dataskydds-, informationssäkerhets- och arkitekturgrupp
role-ai-working-group = AI-arbetsgrupp
role-viewer = Läsare
org-kind-region = Samarbetsområde
org-kind-regional-council = Landskapsförbund
org-kind-municipality = Kommun
org-kind-joint-authority = Samkommun
org-kind-unit = Enhet
org-kind-other = Annan organisation
country-FI = Finland
country-SE = Sverige

## Inloggning

login-title = Logga in
login-email = E-postadress
login-password = Lösenord
login-submit = Logga in
login-failed = E-postadressen eller lösenordet är fel.
login-help = Konton skapas av din organisations administratör. Kontakta hen om du inte kan logga in.

## Personalens sidor

dashboard-title = Översikt
dashboard-welcome = Välkommen, { $name }.
dashboard-no-roles = Du har ännu ingen roll i någon organisation. Be din organisations administratör att lägga till en.
dashboard-orgs-caption = Dina organisationer och deras AI-system
column-organisation = Organisation
column-your-roles = Dina roller
column-actions = Åtgärder
column-field = Fält
column-change = Ändring
column-name = Namn
column-email = E-post
column-roles = Roller
column-owner = Ägare
column-token-start = Nyckelns början
column-created = Skapad
column-last-used = Senast använd
roles-inherited = Via organisationen ovanför
action-new-system = Nytt AI-system
action-new-system-in = Nytt AI-system i { $org }
action-members-of = Medlemmar i { $org }
action-edit = Redigera
action-history = Ändringshistorik
action-public-page = Offentlig sida
action-publish = Publicera
action-withdraw = Ta bort från registret
action-save = Spara
action-cancel = Avbryt
action-continue = Fortsätt
staff-systems-title = AI-system
staff-systems-empty = Inga AI-system motsvarar villkoren.
publish-blocked-title = Innan publicering behövs
conflict-title = Någon annan sparade en nyare version
conflict-form = Posten ändrades till version { $version } medan du redigerade. Inget sparades. Dina ändringar finns kvar nedan: jämför dem med den aktuella versionen innan du sparar igen.
conflict-reload = Posten ändrades under tiden till version { $version }. Inget ändrades; se den aktuella versionen och försök igen.
new-title = Nytt AI-system
edit-title = Redigera AI-system
choose-org-label = Organisationen som använder systemet
form-intro = Ett utkast behöver bara ett namn. Före publicering behövs sammanfattning, beskrivning, syfte och kontaktens e-post på organisationens huvudspråk.
form-other-languages = Översättningar till andra språk
form-internal = { $field }: intern, visas inte i det offentliga registret
form-link-title = Rubrik för länk { $number }
form-link-url = Adress för länk { $number }
history-title = Ändringshistorik
history-lead = Varje sparad version, vem som gjorde den och vad som ändrades. Inget skrivs någonsin över.
history-newest = De { $count } senaste versionerna visas; API:ts historik för posten ger dem alla.
history-changes-caption = Ändringar i version { $version }
diff-removed = borttaget:
diff-added = tillagt:

## API-nycklar

tokens-title = API-nycklar
tokens-lead = Med en API-nyckel kan ett program använda registrets gränssnitt med dina rättigheter. Håll nycklarna hemliga och återkalla dem du inte längre behöver.
tokens-none = Inga API-nycklar.
tokens-caption = API-nycklar
token-name = Nyckelns namn
token-name-hint = Vad nyckeln används till, till exempel ”integration med webbplatsen”.
token-create = Skapa nyckel
token-created-title = Din nya API-nyckel
token-created-lead = Kopiera nyckeln nu. Den visas bara den här gången; aireg sparar bara ett fingeravtryck av den.
token-never-used = Aldrig
token-revoke = Återkalla nyckeln { $name }
token-revoked-at = Återkallad { $time }

## Medlemmar

members-title = Medlemmar i { $org }
members-add-title = Bjud in en person
members-email = E-postadress
members-email-hint = Personen får ett e-postmeddelande med en länk som fungerar en gång, i 7 dagar. Rollen ges när personen tar emot inbjudan; den som saknar konto skapar ett.
members-role = Roll
members-add = Skicka inbjudan
members-list-title = Personer och deras roller
members-caption = Personer med roller i { $org }
members-remove = Ta bort rollen { $role } från { $name }
members-choose-role = Välj en roll.
members-tokens-title = Medlemmarnas API-nycklar
members-tokens-lead = API-nycklarna för dem som har roller i den här organisationen. Återkalla en nyckel om den kan ha läckt eller inte längre behövs.

## Problem (felsidor och gränssnittets problemrapporter)

problem-not-found-title = Hittades inte
problem-not-found-detail = Sidan eller posten finns inte, eller så har du inte tillgång till den.
problem-unauthorized-title = Inloggning krävs
problem-unauthorized-detail = Logga in eller skicka en giltig API-nyckel (Authorization: Bearer …).
problem-forbidden-title = Inte tillåtet
problem-forbidden-detail = Dina roller tillåter inte detta.
problem-conflict-title = Motstridig ändring
problem-conflict-detail = Någon sparade version { $version } först. Inget ändrades; hämta den aktuella versionen och försök igen.
problem-invalid-title = Ogiltiga uppgifter
problem-invalid-detail = Några värden är inte giltiga.
problem-bad-request-title = Felaktig begäran
problem-bad-request-detail = Begäran kunde inte förstås.
problem-unsupported-media-type-title = Innehållstypen stöds inte
problem-unsupported-media-type-detail = Skicka innehållet som application/json (gränssnittet) eller som formulär (sidorna).
problem-payload-too-large-title = För stor
problem-payload-too-large-detail = Begärans innehåll är större än tillåtet.
problem-method-not-allowed-title = Metoden är inte tillåten
problem-method-not-allowed-detail = Den här adressen tar inte emot den här metoden.
problem-too-many-requests-title = För många försök
problem-too-many-requests-detail = För många misslyckade försök. Vänta en stund och försök igen.
problem-internal-title = Något gick fel
problem-internal-detail = Tjänsten kunde inte slutföra begäran. Det som redan sparats finns kvar; försök igen senare.
error-request-id = Ange denna referens när du rapporterar problemet:

## Fältfel

error-required = Ange ett värde.
error-too-long = Använd högst { $max } tecken.
error-invalid-choice = Välj ett av de erbjudna värdena ({ $allowed }).
error-invalid-email = Ange en e-postadress, till exempel namn@exempel.se.
error-invalid-url = Ange en adress som börjar med https:// eller http://.
error-invalid-date = Ange ett datum som ÅÅÅÅ-MM-DD.
error-end-before-start = Slutdatumet får inte vara före startdatumet.
error-invalid-y-tunnus = Ange ett finskt FO-nummer, till exempel 0208201-1 (kontrollsiffran kontrolleras).
error-invalid-orgnr = Ange ett organisationsnummer, till exempel 212000-2197 (kontrollsiffran kontrolleras).
error-unknown-reference = Välj ett av de erbjudna alternativen.
error-too-many = Ange högst { $max }.
error-missing-primary-language = Behövs på organisationens huvudspråk ({ $lang }).
error-password-too-short = Använd minst { $min } tecken.
error-taken = Detta används redan.
error-invalid-slug = Använd bara små bokstäver a–z, siffror och bindestreck.
error-unreadable = Värdet kunde inte läsas: { $detail }
error-use-transition = Livscykelfasen ändras med övergångsknapparna på systemets styrningssida, som kontrollerar policyns krav. Ett nytt system börjar som idé eller i planerings-, upphandlings- eller utvecklingsfasen.
error-too-large = Filen får vara högst { $mib } MiB.
error-control-character = Ta bort styrtecknen (till exempel NUL) ur texten.
error-line-break = Skriv värdet på en rad (utan radbrytningar).

## Klassificering enligt AI-förordningen

category-not-ai = Inte ett AI-system
category-not-ai-lead = Systemet är inte ett AI-system enligt artikel 3.1 i AI-förordningen, så förordningen gäller inte för det.
category-excluded = Utanför AI-förordningen
category-excluded-lead = Ett undantag i artikel 2 gör att systemet faller utanför AI-förordningen.
category-prohibited = Förbjuden AI-metod
category-prohibited-lead = Användningen hör till de metoder som förbjuds i artikel 5 i AI-förordningen. Systemet får inte släppas ut på marknaden, tas i bruk eller användas.
category-high-risk = AI-system med hög risk
category-high-risk-lead = Systemet har hög risk enligt artikel 6 i AI-förordningen. ”Hög risk” är en rättslig kategori som medför särskilda skyldigheter; den säger inget om hur stor risken är.
category-limited = Transparenskrav
category-limited-lead = Systemet har inte hög risk, men enligt artikel 50 ska människor informeras om AI:n.
category-minimal = Minimal risk
category-minimal-lead = Inga särskilda skyldigheter i AI-förordningen gäller själva systemet; organisationens skyldighet om AI-kunnighet (artikel 4) gäller ändå.
category-gpai-model = AI-modell för allmänna ändamål
category-gpai-model-lead = Organisationen tillhandahåller en AI-modell för allmänna ändamål; kapitel V i AI-förordningen gäller.
category-incomplete = Klassificeringen är ofullständig
category-incomplete-lead = Fler svar behövs innan klassificeringen kan slutföras.
route-annex-i = Bilaga I (produktsäkerhetslagstiftning)
route-annex-iii = Bilaga III (uppräknade områden med hög risk)
date-status-in-force = i kraft
date-status-adopted-not-in-oj = antagen, ännu inte offentliggjord i EUT
date-status-proposed = föreslagen, inte antagen
ai-role-provider = leverantör
ai-role-deployer = tillhandahållare
ai-role-importer = importör
ai-role-distributor = distributör
ai-role-authorised-representative = ombud
ai-role-product-manufacturer = produkttillverkare
transparency-50-1 = Artikel 50.1: människor ska informeras om att de interagerar med ett AI-system (leverantörens skyldighet)
transparency-50-2 = Artikel 50.2: genererat innehåll ska märkas som artificiellt genererat (leverantörens skyldighet)
transparency-50-3 = Artikel 50.3: de som utsätts för känsloigenkänning eller biometrisk kategorisering ska informeras (tillhandahållarens skyldighet)
transparency-50-4 = Artikel 50.4: deepfakes och AI-genererad text som publiceras i frågor av allmänt intresse ska redovisas (tillhandahållarens skyldighet)
classification-title = Klassificering enligt AI-förordningen
classification-none = Inte klassificerat ännu.
classification-current = Aktuell klassificering
classification-start = Klassificera med frågeformuläret
classification-again = Klassificera på nytt
classification-history = Tidigare klassificeringar
classification-by = { $time }, { $name }
classification-pack = Innehållspaketets version { $version }
classification-route = Grund
classification-annex-iii = Område i bilaga III
classification-derogated = Undantaget i artikel 6.3 tillämpas: inte hög risk, men leverantören ska dokumentera bedömningen och registrera systemet (artikel 49.2).
classification-transparency = Transparenskrav
classification-fria = Konsekvensbedömning avseende grundläggande rättigheter (artikel 27)
classification-fria-required = Krävs före första användningen
classification-fria-not-required = Krävs inte av organisationen
classification-registration = Registrering i EU-databasen
classification-registration-none = Krävs inte av organisationen
classification-missing = Behövs ännu
classification-obligations = Organisationens skyldigheter
classification-obligations-none = Inga egna skyldigheter för organisationen.
classification-explanation = Motivering
classification-answers = Svar och motiveringar
classification-source = Hur den gjordes
run-source-questionnaire = med frågeformuläret
run-source-api = via gränssnittet
run-source-pack-update = nytt innehållspaket tillämpat
run-source-import = importerad med posterna
column-article = Artikel
column-obligation = Skyldighet
column-applies-from = Gäller från
column-addressee = Vems skyldighet
column-question = Fråga
column-answer = Svar
column-justification = Motivering
column-status = Status
column-responsible = Ansvarig
column-system = AI-system
column-category = Kategori
column-pack-version = Paketversion
column-changes = Ändringar
obligation-organisation-level = hela organisationen
questionnaire-title = Frågeformulär om AI-förordningen
questionnaire-lead = En fråga i taget. Svaren och motiveringarna sparas tillsammans när du är klar.
questionnaire-step = Fråga { $number }
questionnaire-examples = Exempel
questionnaire-legal-ref = Rättslig grund
questionnaire-terms = Begrepp
questionnaire-justification = Motivering
questionnaire-justification-hint = Varför detta svar: vad du kontrollerade och var. Sparas med klassificeringen.
questionnaire-previous = Tidigare svar
questionnaire-next = Nästa
questionnaire-back = Tillbaka
questionnaire-summary = Kontrollera och spara
questionnaire-summary-lead = Alla frågor som har betydelse för systemet är besvarade. Kontrollera resultatet och svaren och spara.
questionnaire-save = Spara klassificeringen
questionnaire-none-hint = lämna alla omarkerade
questionnaire-choose = Välj ett svar.
questionnaire-invalid = Svaren passar inte ihop: { $detail }
flash-classified = Klassificeringen sparades och skyldigheterna uppdaterades.
flash-obligation-saved = Skyldigheten uppdaterades.
flash-pack-applied = Det nya innehållspaketet tillämpades.

## Skyldigheter

obligations-title = Skyldigheter enligt AI-förordningen: { $org }
obligations-lead = Varje skyldighet som klassificeringarna ger organisationen, med datum, ansvarig person och belägg för att den är uppfylld.
obligations-show = Visa
obligations-open = Öppna
obligations-overdue = Försenade
obligations-all = Alla, även avslutade
obligations-none = Inga skyldigheter.
obligations-overdue-badge = försenad
obligations-ended = ges inte längre av klassificeringen
obligation-status-todo = Att göra
obligation-status-in-progress = Pågår
obligation-status-done = Klar
obligation-status-not-applicable = Gäller inte
obligation-reason = Varför den inte gäller
obligation-reason-hint = Krävs när statusen är ”Gäller inte”.
obligation-evidence-title = Rubrik för belägg { $number }
obligation-evidence-url = Adress för belägg { $number }
obligation-save = Spara
action-obligations-of = Skyldigheter: { $org }
action-classification = Klassificering enligt AI-förordningen
field-reason = Motivering
field-responsible = Ansvarig
field-evidence = Belägg
field-status = Status

## Uppdateringar av innehållspaketet

pack-title = Innehållspaketet för AI-förordningen
pack-lead = Lagen som data: frågorna, reglerna, skyldigheterna och datumen som aireg klassificerar med. En ny version ändrar klassificeringar först när en administratör tillämpar den.
pack-version = Version { $version }, lagstiftningen per { $date }
pack-changelog = Ändringar
pack-dry-run = Den här versionens effekt på sparade klassificeringar
pack-dry-run-lead = Varje post som klassificerats med en annan version, omklassificerad med den här utifrån sparade fakta. Inget sparas förrän du tillämpar.
pack-stale-total = Poster klassificerade med en annan version: { $count }.
pack-shown-first = De första { $count } visas. Tillämpningen går igenom alla organisationens poster, högst { $most } varje gång knappen trycks.
pack-up-to-date = Alla klassificeringar du ser använder den här versionen.
pack-apply = Tillämpa för { $org }
pack-added = tillagda: { $list }
pack-removed = borttagna: { $list }
pack-redated = nytt datum: { $list }
pack-unchanged = inga ändringar i skyldigheterna
pack-reclassify = ska klassificeras på nytt: de sparade svaren räcker inte för den nya versionen, så tillämpningen ändrar inte detta

## Open data and the API page
footer-open-data = Öppna data
feed-title = AI-registret: publicerade ändringar
opendata-title = Öppna data
opendata-lead = Det offentliga registret kan laddas ned i sin helhet eller en organisation i taget: en rad för varje publicerat AI-system, endast offentliga uppgifter. Varje rad har postens bestående identifierare, så att en senare nedladdning kan matchas mot en tidigare.
opendata-licence = Licens:
opendata-whole = Hela registret
opendata-csv = CSV (UTF-8, kommaseparerad, första raden namnger kolumnerna)
opendata-xlsx = Excel-arbetsbok (XLSX)
opendata-json = JSON
opendata-changes = Ändringar och gränssnittet
opendata-changes-text = De senaste publicerade ändringarna finns också som ett flöde som flödesläsare och skördare kan följa:
opendata-feed = Atom-flöde
opendata-api-text = Program kan läsa registret post för post genom det öppna gränssnittet:
opendata-by-org = Per organisation
opendata-by-org-caption = Nedladdningar för en organisation (med organisationerna under den)
opendata-downloads = Nedladdningar
opendata-columns = Vad kolumnerna betyder
opendata-columns-text = CSV-filen, arbetsboken och JSON-filen har samma kolumner. Texterna finns på finska (_fi), svenska (_sv) och engelska (_en) i den mån organisationen har skrivit dem; en tom cell betyder att uppgiften inte är offentlig eller inte har angetts.
opendata-col-id = Postens bestående identifierare (UUID).
opendata-col-url = Postens adress i det offentliga registret.
opendata-col-organisation = Kortnamnet (slug) för organisationen som använder systemet.
opendata-col-organisation-name = Organisationens namn.
opendata-col-unit = Den enhet i organisationen som ansvarar för användningen.
opendata-col-name = Systemets namn.
opendata-col-summary = En kort beskrivning.
opendata-col-description = En beskrivning för invånare: vad systemet gör och hur.
opendata-col-purpose = Varför systemet används.
opendata-col-affected-groups = Vilka användningen berör.
opendata-col-legal-basis = Den rättsliga grunden för användningen och för eventuell behandling av personuppgifter.
opendata-col-human-oversight = Hur människor övervakar systemet.
opendata-col-data-description = De uppgifter systemet använder.
opendata-col-keywords = Nyckelord, åtskilda med semikolon.
opendata-col-lifecycle = Skede: idea, planning, procurement, development, pilot, in_use, suspended eller retired.
opendata-col-category = Kategorin enligt EU:s AI-förordning från den senaste klassificeringen: not_ai, excluded, prohibited, high_risk, limited, minimal, gpai_model eller incomplete.
opendata-col-flags = yes eller no: om personuppgifter, särskilda kategorier av personuppgifter eller andra känsliga uppgifter behandlas och om systemet medverkar i beslut om personer.
opendata-col-oversight-mode = Hur en människa medverkar: human_in_the_loop, human_on_the_loop eller human_in_command.
opendata-col-technique = Typen av teknik, till exempel machine_learning eller generative_ai.
opendata-col-product = Produkten som används och dess leverantör.
opendata-col-dates = När användningen började och upphörde (ÅÅÅÅ-MM-DD).
opendata-col-contact = Vart man kan vända sig med frågor om användningen.
opendata-col-eu-registration = Registreringen i EU:s databas för AI-system med hög risk, om en sådan finns.
opendata-col-published = När posten först publicerades och senast ändrades (ÅÅÅÅ-MM-DD) samt dess versionsnummer.
opendata-col-licence = Radens licens (en SPDX-identifierare).
api-title = Gränssnitt
api-lead = Registrets gränssnitt svarar i JSON. De offentliga operationerna kräver ingen inloggning och kan anropas från vilken webbplats som helst; de övriga kräver en API-nyckel, som inloggad personal skapar på sin nyckelsida.
api-document = Den maskinläsbara beskrivningen (OpenAPI 3.1):
api-needs-token = Kräver en API-nyckel.
api-open = Öppen för alla.
api-parameters = Parametrar
api-parameter = Parameter
api-in = Var
api-meaning = Betydelse
api-required = obligatorisk
api-responses = Svar
api-status = Status

## How the AI Act is cited
annex-iii-point = bilaga III, punkt { $number }
annex-iii-point-letter = bilaga III, punkt { $number } { $letter }

## Impact assessments on the public page
public-assessments-title = Konsekvensbedömningar
public-assessments-none = Ingen konsekvensbedömning av denna användning har slutförts.
public-assessment-done = { $title }: slutförd { $date }

## Public organisation pages
org-part-of = Del av
org-website = Webbplats
org-business-id = FO-nummer
org-policy = AI-policy
org-no-policy = Ingen AI-policy har registrerats för organisationen.
org-all-systems = Alla dess AI-system i registret
org-about-open-data = Om öppna data och licensen

## The accessibility statement and the privacy notice
site-text-accessibility = Tillgänglighetsredogörelse
site-text-privacy = Dataskyddsbeskrivning
site-text-form-lead = Skriv texten på varje språk. Skilj stycken åt med en tom rad. Ett tomt fält visar den inbyggda texten igen.
feedback-privacy-link = Dataskyddsbeskrivning
site-text-accessibility-default =
    Denna redogörelse gäller AI-registrets offentliga sidor. Den som driver registret kompletterar den med datum för sin egen bedömning och sina kontaktuppgifter.
    Sidorna är avsedda att uppfylla kraven i WCAG 2.1 på nivå AA. Varje sida fungerar utan JavaScript och med enbart tangentbord, och tillgänglighetsproblem kontrolleras automatiskt varje gång programvaran ändras; sidorna finns på finska, svenska och engelska.
    Kända brister: texter som en organisation har skrivit på bara ett språk visas på det språket (och märks för skärmläsare); nedladdningsbara kalkylblad (XLSX) och det maskinläsbara flödet är inte avsedda att läsas som dokument.
    Om du upptäcker ett tillgänglighetsproblem, berätta det via responsformuläret på vilken post som helst eller via den kontakt organisationen har angett. Vi svarar inom 14 dagar.
    Om du inte är nöjd med svaret kan du vända dig till tillsynsmyndigheten. I Sverige: Myndigheten för digital förvaltning, DIGG (www.digg.se). I Finland: Regionförvaltningsverket i Södra Finland, tillgänglighetstillsynen (www.tillganglighetskrav.fi).
site-text-privacy-default =
    Denna beskrivning berättar vilka personuppgifter AI-registret behandlar och varför (EU:s dataskyddsförordning, artiklarna 13 och 14). Den som driver registret kompletterar den med sina egna och dataskyddsombudets kontaktuppgifter.
    Respons: när du skickar respons om en post sparar registret ditt meddelande och, om du anger dem, ditt namn och din e-postadress. De används bara för att behandla och besvara responsen och ses bara av de anställda i organisationen som använder systemet. Personuppgiftsansvarig är den organisationen; den rättsliga grunden är dess uppgift av allmänt intresse (artikel 6.1 e). Responsen sparas så länge organisationens informationshanteringsregler kräver.
    Personal: registret sparar namn, e-postadress och språk för varje användarkonto, dess roller och en logg över de ändringar varje person gör i registret, för att visa vem som beslutade vad (artikel 6.1 c och e).
    Säkerhet: för att stoppa gissning av lösenord sparas misslyckade inloggningar med den adress de kom från och raderas efter ett dygn.
    Du har rätt att veta vilka uppgifter om dig som behandlas, att få felaktiga uppgifter rättade och att klaga hos tillsynsmyndigheten (i Sverige IMY, imy.se; i Finland Dataombudsmannen, tietosuoja.fi).
site-text-edit = Redigera texten

## The DCAT-AP catalogue
dcat-catalogue-description = De AI-system som organisationerna använder: vad de används till, vem som ansvarar för dem, hur de klassificeras enligt EU:s AI-förordning och vilka konsekvensbedömningar som har gjorts.
dcat-dataset-description = En post per publicerat AI-system, endast offentliga uppgifter, i CSV, XLSX och JSON.
dcat-keyword = artificiell intelligens
opendata-standards = I poststandarderna
opendata-standards-text = Samma publicerade poster i de format som andra register använder. En standard kan inte bära allt som aireg sparar: den nederländska standarden är till exempel skriven för nederländska texter och har ingen plats för kategorin enligt AI-förordningen; det som utelämnas räknas upp när exporten görs med kommandot aireg export.
opendata-standard-nl = Nederländska algoritmregistrets publiceringsstandard 1.0 (JSON)
opendata-standard-eu = EU:s databas för AI-system med hög risk: vad en myndighet registrerar (AI-förordningen bilaga VIII, avsnitt C; JSON)
opendata-standard-dcat = Katalog över data (DCAT-AP 3, Turtle)

## Import
import-create = skulle skapas
import-update = skulle uppdateras
import-unchanged = oförändrad
import-refused = importeras inte
import-by-id = (matchad på sin identifierare)
import-by-name = (matchad på sitt namn)
import-row = Rad
import-summary = Nya: { $create }, ändrade: { $update }, oförändrade: { $unchanged }, inte importerade: { $refused }.
import-saved = Importen sparades.
import-dry-run = Detta var en provkörning: ingenting sparades.
import-nothing-saved = Ingenting sparades: rätta raderna ovan och importera igen, eller importera bara raderna utan problem.
import-no-rows = Filen har inga rader att importera.
import-too-many-rows = Filen har fler än { $max } rader: importera den i delar.
import-lifecycle-kept = förblir ”{ $status }”; en övergång till ”{ $wanted }” görs via postens styrning
import-may-not-edit = du får inte redigera den här posten
import-may-not-create = du får inte lägga till poster för den här organisationen
import-may-not-publish = sparas som utkast: du får inte publicera
import-stays-draft = sparas som utkast: publicering kräver { $fields }
import-unknown-columns = Okända kolumner: { $columns }. Använd mallens kolumner.
import-no-name-column = Filen har ingen namnkolumn (name_fi, name_sv eller name_en).
import-other-organisation = raden hör till en annan organisation ({ $org })
import-category-not-read = kategorin enligt AI-förordningen kommer från postens klassificering och importeras inte
import-nl-shape = Filen är inte en post enligt den nederländska publiceringsstandarden eller en lista över sådana.
import-nl-language = standardens texter sparas på { $lang }
import-nl-month = måste vara en månad i formen ÅÅÅÅ-MM
import-no-such-field = aireg har inget sådant fält; importeras inte
opendata-col-description-technical = Hur systemet fungerar, för den som vill veta detaljerna.
opendata-col-publication = published på varje rad i nedladdningen; vid import draft (utkast) eller published (publicerad).
import-changes = ändras: { $fields }
import-title = Importera poster
import-lead = För in poster från ett kalkylblad eller ett annat register i en organisation. Först ser du rad för rad vad som skulle skapas eller ändras och vad som är fel; ingenting sparas förrän du bekräftar.
import-template = Mall (CSV)
import-report = Vad filen skulle göra
import-what = Resultat
import-details = Detaljer
import-format = Format
import-file = Fil
import-check = Kontrollera filen
import-confirm = Importera
import-confirm-partial = Importera raderna utan problem
import-file-too-large = Filen är större än { $mib } MiB: importera den i delar eller med kommandot aireg import.
import-format-csv = CSV (de öppna datas kolumner)
import-format-xlsx = Excel-arbetsbok (de öppna datas kolumner)
import-format-nl-algoritmeregister = Nederländska algoritmregistrets publiceringsstandard 1.0 (JSON)

## Areas of public services (COFOG)
field-theme = Verksamhetsområde
theme-general-public-services = Allmän offentlig förvaltning
theme-defence = Försvar
theme-public-order-and-safety = Allmän ordning och säkerhet
theme-economic-affairs = Näringsliv, transporter och energi
theme-environmental-protection = Miljöskydd
theme-housing-and-community-amenities = Bostäder, vatten och samhällsutveckling
theme-health = Hälso- och sjukvård
theme-recreation-culture-and-religion = Fritid, kultur och bibliotek
theme-education = Utbildning
theme-social-protection = Socialt skydd och socialtjänst
filter-theme = Verksamhetsområde
filter-all-themes = Alla områden
opendata-col-theme = Verksamhetsområdet som en huvudgrupp i FN:s klassificering av den offentliga sektorns funktioner (COFOG): general_public_services, defence, public_order_and_safety, economic_affairs, environmental_protection, housing_and_community_amenities, health, recreation_culture_and_religion, education eller social_protection.
opendata-standard-eurocities = Eurocities standard för algoritmisk transparens v0.3.1 (JSON)
import-eurocities-shape = Filen är inte en post enligt Eurocities standard eller en lista över sådana.
import-format-eurocities = Eurocities standard för algoritmisk transparens v0.3.1 (JSON)
opendata-standard-atrs = Storbritanniens standard för registrering av algoritmisk transparens (ATRS): mallens fält i v3.0 (JSON)
import-format-atrs = Storbritanniens standard för registrering av algoritmisk transparens (JSON: mallens fält eller GOV.UK-poster)
import-atrs-shape = Filen är inte en ATRS-post (mallens fält eller en GOV.UK-post) eller en lista över sådana.
import-duplicate = en annan rad i filen gäller samma post
opendata-licence-column = Licens
