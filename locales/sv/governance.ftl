# Governance workflow: policy packs, approvals, assessments, reviews, incidents, feedback, e-mail.

title-error-prefix = Fel:
back-to-governance = Tillbaka till systemets styrning
back-to-incidents = Tillbaka till avvikelserna
date-hint = Som ÅÅÅÅ-MM-DD, till exempel 2027-11-23.
field-required-mark = (obligatorisk)
error-version-missing = Formuläret angav inte vilken version ändringen bygger på. Ladda om sidan och gör ändringen igen.
error-date-in-future = Ange ett datum efter i dag.

## The governance page of a system
governance-title = Styrning
action-governance = Styrning och godkännanden
governance-policy = Tillämplig policy
governance-no-pack = Ingen styrningspolicy är konfigurerad för organisationen. Endast plattformens egen regel gäller: en förbjuden AI-metod tas aldrig i bruk.
governance-personal-data-assumed = Inte angivet, behandlas som ja tills uppgifterna säger annat
governance-lifecycle = Livscykel
governance-retired = Systemet är avvecklat. En ny användning registreras som ett nytt system.
governance-approvals = Godkännanden
governance-no-approvals = Policyn kräver inget godkännande i den här situationen.
governance-assessments = Konsekvensbedömningar
governance-no-assessments = Policyn kräver ingen konsekvensbedömning i den här situationen.
governance-reviews = Granskningar
governance-reports = Avvikelser
governance-history = Styrningens historik
governance-history-newest = De { $count } senaste visas; granskningsloggen bevarar dem alla.
column-move-to = Flytta till
column-gate = Vad policyn ännu kräver
column-action = Åtgärd
column-body = Organ
column-why = Varför
column-assessment = Bedömning
column-time = Tid
column-who = Vem
column-what = Vad
column-total = System
gate-open = Ingenting: flytten kan göras.
gate-refused-title = Flytten till ”{ $state }” är inte möjlig ännu. Saknas:
gate-not-a-move = Systemet kan inte flyttas till den här fasen från den fas det är i.
gate-prohibited = Klassificeringen enligt AI-förordningen är en förbjuden AI-metod (artikel 5): den får inte tas i bruk.
action-move-to = Flytta till ”{ $state }”
policy-version = version { $version }
flash-transitioned = Systemet flyttades till den nya fasen.

## Approvals
approval-not-requested = Inte begärt
approval-own-decision = systemägarens eget beslut
approval-note = Meddelande till godkännarna
approval-note-hint = Frivilligt. Vad godkännarna bör titta på, till exempel var bedömningarna finns.
approval-nothing-to-request = Alla godkännanden som policyn kräver har redan begärts eller getts.
approval-requested = Begärt
approval-decided = Beslutat
approval-your-decision = Ditt beslut
approval-your-own-decision = Ditt beslut som systemägare
action-request-approvals = Begär godkännandena
action-record-decision = Registrera beslutet
decision-approve = Godkänn
decision-reject = Avslå
decision-return = Återsänd för komplettering
decision-comment-hint = Obligatoriskt om du avslår eller återsänder begäran: ange varför.
field-comment = Kommentar
field-minutes-ref = Protokollhänvisning
minutes-ref-hint = Frivilligt, till exempel ”§ 4 / 12.3.2026”.
approval-status-open = Väntar på beslut
approval-status-approved = Godkänt
approval-status-rejected = Avslaget
approval-status-returned = Återsänt för komplettering
flash-approvals-requested = Begärandena om godkännande skickades.
flash-approval-decided = Ditt beslut registrerades.

## Reviews
field-findings = Iakttagelser
review-findings-hint = Vad granskningen visade: fungerar systemet fortfarande som avsett, är riskerna och uppgifterna som registrerat, vad måste ändras.
review-overdue = Försenad
review-interval = { $count ->
    [one] Granskas varje månad
   *[other] Granskas var { $count }:e månad
}
action-record-review = Registrera granskningen
flash-reviewed = Granskningen registrerades.

## Assessments
assessment-not-started = Inte påbörjad
assessment-voluntary = Policyn kräver inte detta i den här situationen.
assessment-legal-basis = Rättslig grund
assessment-signed-by = Godkänd
assessment-sign-off-body = Godkänns av
assessment-template-version = Mallens version
assessment-prefilled = En del svar fylldes i från systemets andra bedömningar. Kontrollera dem och spara.
assessment-sign-lead = Bedömningen är klar. Som medlem i det organ som godkänner den kan du godkänna den. En senare ändring kräver ett nytt godkännande.
assessment-sign-needs-complete = Endast en klar bedömning kan godkännas. Markera den först som klar.
action-sign-assessment = Godkänn bedömningen
assessment-entry = Post { $number }
assessment-remove-entry = Ta bort post { $number } när du sparar
assessment-conditional = Behövs bara om ditt svar på ”{ $question }” gör den relevant.
action-save-draft = Spara som utkast
action-complete-assessment = Spara som klar
assessment-comments = Kommentarer
assessment-no-comments = Inga kommentarer ännu.
assessment-comment-on = Kommentaren gäller
assessment-comment-whole = Hela bedömningen
action-add-comment = Lägg till kommentaren
assessment-status-draft = Utkast
assessment-status-completed = Klar, väntar på godkännande
assessment-status-signed = Godkänd
assessment-error-required = Besvara frågan.
assessment-error-too-long = Använd högst { $max } tecken.
assessment-error-invalid-choice = Välj ett av de erbjudna alternativen.
assessment-error-invalid-type = Svaret är inte av det slag frågan kräver (till exempel ett tal).
assessment-error-invalid-date = Ange ett datum som ÅÅÅÅ-MM-DD.
assessment-error-too-few = Lägg till fler poster: den här delen kräver minst det antal mallen anger.
assessment-error-too-many = Ange högst { $max } poster.
assessment-error-unknown = Svaret hör inte till någon fråga i mallen.
flash-assessment-completed = Bedömningen sparades som klar. Den väntar nu på godkännande.
flash-assessment-signed = Bedömningen godkändes.
flash-commented = Din kommentar lades till.

## Incidents
incident-new-title = Rapportera en avvikelse
incident-new-lead = Rapportera ett fel, skadliga eller misstänkta utdata, missbruk eller en informationssäkerhets- eller dataskyddsincident. Rapporten går genast till de personer som organisationens policy anger.
incident-goes-to = Rapporten går till
field-incident-kind = Typ
field-incident-title = Rubrik
field-incident-description = Vad hände
incident-description-hint = Vad systemet gjorde, när, vem som märkte det, vad som redan gjorts. Utelämna personuppgifter som inte behövs.
field-aware-on = Fick kännedom
incident-aware-hint = Dagen då organisationen fick veta. Tidsfristerna räknas från den.
field-serious = Allvarlig incident (AI-förordningen artikel 3.49)
incident-serious-hint = En allvarlig incident ska rapporteras till marknadskontrollmyndigheten inom tidsfristen i artikel 73.
serious-none = Inte en allvarlig incident
serious-general = Allvarlig incident: rapport inom { $days } dagar (art. 73.2)
serious-death = En persons död: rapport inom { $days } dagar (art. 73.4)
serious-widespread-or-critical-infrastructure = Utbredd överträdelse eller allvarlig störning i kritisk infrastruktur: rapport inom { $days } dagar (art. 73.3)
field-attachments = Bevisfiler
incident-attachments-hint = Skärmbilder, loggfiler eller dokument: högst { $count } filer på högst { $mib } MiB var ({ $types }).
incident-files-again = Välj filerna igen: webbläsaren behåller dem inte när formuläret kommer tillbaka.
action-report-incident = Rapportera en avvikelse
action-incidents = Systemets avvikelser
incidents-title = Avvikelser och incidenter
incidents-open = Öppna
incidents-all = Alla
incidents-none = Inga avvikelser.
incident-deadline = Ska rapporteras till myndigheten senast
incident-deadline-passed = Tidsfristen har gått ut
incident-reported = Rapporterad
incident-serious-title = Allvarlig incident
incident-deadline-text = Enligt artikel { $article } i AI-förordningen ska den rapporteras till marknadskontrollmyndigheten senast { $deadline }.
incident-no-files = Inga bevisfiler.
incident-notes = Hantering
field-note = Anteckning
action-save-incident = Spara
incident-notified = Vem som har underrättats
incident-notified-none = Ingen ännu.
field-recipient = Mottagare
incident-recipient-hint = En e-postadress eller en myndighets namn, till exempel marknadskontrollmyndigheten.
field-channel = Hur
action-record-notification = Registrera underrättelsen
channel-email = E-post från aireg
channel-authority = Rapport till en myndighet
channel-phone = Telefon
channel-other = Annat
incident-kind-error = Fel
incident-kind-harmful-output = Skadliga eller misstänkta utdata
incident-kind-misuse = Missbruk
incident-kind-security = Informationssäkerhetsincident
incident-kind-privacy = Dataskyddsincident
incident-status-new = Ny
incident-status-triaged = Bedömd
incident-status-in-progress = Under behandling
incident-status-resolved = Löst
incident-status-closed = Stängd
flash-incident-reported = Avvikelserapporten skickades.
flash-notification-recorded = Underrättelsen registrerades.

## Residents' feedback
feedback-show = Respons som visas
incidents-show = Avvikelser som visas
feedback-title = Fråga, rapportera ett problem eller ifrågasätt användningen
feedback-lead = { $count ->
    [one] Du kan skicka organisationen en fråga, rapportera ett problem eller ifrågasätta användningen av det här AI-systemet. Inget konto behövs. Organisationen svarar inom { $count } dag.
   *[other] Du kan skicka organisationen en fråga, rapportera ett problem eller ifrågasätta användningen av det här AI-systemet. Inget konto behövs. Organisationen svarar inom { $count } dagar.
}
field-feedback-kind = Vad gäller det
field-feedback-message = Ditt meddelande
feedback-message-hint = Högst 5000 tecken.
field-feedback-name = Ditt namn (frivilligt)
field-feedback-email = Din e-postadress (frivilligt)
feedback-email-hint = Behövs om du vill ha svaret per e-post.
feedback-trap = Lämna fältet tomt
feedback-privacy = Ditt meddelande och dina kontaktuppgifter ses bara av de anställda i organisationen som behandlar det.
action-send-feedback = Skicka
feedback-token-expired = Formuläret skickades för snart efter att det öppnades, eller så är det för gammalt. Kontrollera meddelandet och skicka det igen.
feedback-kind-question = En fråga
feedback-kind-problem = En problemrapport
feedback-kind-contest = Jag ifrågasätter användningen av systemet
feedback-status-open = Väntar på svar
feedback-status-answered = Besvarad
feedback-status-closed = Stängd
feedback-staff-title = Invånarnas respons
feedback-staff-lead = Frågor, problemrapporter och ifrågasättanden som skickats via det offentliga registret.
feedback-open = Väntar på svar
feedback-all = Alla
feedback-none = Ingen respons.
feedback-due = ska besvaras senast { $date }
feedback-overdue = Försenad
field-response = Svar
feedback-response-mailed = Svaret skickas till invånaren per e-post när du markerar det som besvarat.
feedback-response-no-email = Invånaren angav ingen e-postadress; svaret sparas här.
action-save-feedback = Spara
flash-feedback-sent = Din respons har skickats. Tack!

## Policy page and the working group's dashboard
policy-title = AI-policy: { $org }
policy-adopted-by = Antagen av
policy-source = Källa
policy-adopted = Antagande
policy-pack-version = Version i aireg
policy-bodies = Organ och vem som ingår i dem
policy-members = Medlemmar
policy-approval-rules = Vem godkänner ett ibruktagande
policy-assessment-rules = Vilka konsekvensbedömningar som krävs
policy-reviews = Granskningar av policyn
policy-review-rule = Varje system granskas var { $system }:e månad; policyn granskas av { $body } var { $policy }:e månad.
policy-feedback-rule = Invånarnas respons besvaras inom { $days } dagar.
policy-next-review = Nästa granskning av policyn
policy-never-reviewed = Inte granskad i aireg ännu
action-record-policy-review = Registrera granskningen av policyn
policy-changes = Ändringar i policyn
policy-link = AI-policyn
action-policy-of = AI-policy
action-governance-of = Styrningsöversikt
working-group-title = Styrningsöversikt: { $org }
working-group-lead = AI-arbetsgruppens vy över organisationerna under: system per fas och kategori enligt AI-förordningen, och vad som väntar på någon.
working-group-systems = System
working-group-no-systems = Inga registrerade system.
working-group-nonconforming = I bruk utan allt som policyn kräver
compliance-not-compliant = Inte förenligt med policyn
compliance-not-compliant-lead = Systemet har status { $state }, men nu saknas något som policyn kräver för den statusen (till exempel efter en ändring av personuppgifter eller ansvariga personer). Det visas som inte förenligt tills allt nedan är på plats.
working-group-open-approvals = Öppna begäranden om godkännande
working-group-reviews-overdue = Försenade granskningar
working-group-reviews-due = Granskningar inom 30 dagar
working-group-obligations-overdue = Skyldigheter enligt AI-förordningen vars datum har passerat
working-group-open-incidents = Öppna avvikelser
working-group-feedback-overdue = Respons vars svarsdatum har passerat
working-group-nothing = Ingenting.
working-group-first-of = De första { $shown } av { $total } visas.

## History of a system's governance
history-transition = Flyttat från ”{ $from }” till ”{ $to }”
history-approval-request = Godkännande begärt av { $body }
history-approval-decide = Beslut av { $body }: { $status }
history-assessment-save = Bedömning sparad: { $template }
history-assessment-sign = Bedömning godkänd: { $template }
history-assessment-comment = Kommentar till en bedömning
history-system-create = Registrerat
history-system-review = Granskat
history-incident-report = Avvikelse rapporterad
history-incident-update = Avvikelse behandlad
history-incident-notify = Underrättelse registrerad
history-feedback-submit = Respons mottagen
history-feedback-respond = Respons besvarad
history-classification-create = Klassificerat enligt AI-förordningen
history-obligation-update = Skyldighet uppdaterad

## API problems
problem-gate-refused-title = Policyns grind hindrar flytten
problem-gate-refused-detail = Flytten till ”{ $state }” kräver det som `missing` räknar upp.
problem-refused-title = Begäran kan inte genomföras i nuläget
problem-refused-detail = Inget ändrades.

## E-mail (plain text; $name is the recipient's name)
mail-footer = aireg, AI-registret. Du får detta meddelande på grund av din roll i organisationens AI-styrning.
mail-footer-resident = aireg, AI-registret. Du får detta meddelande eftersom du skrev till registret om det här systemet.
mail-approval-requested-subject = Godkännande begärs: { $system }
mail-approval-requested-body = Hej { $name },

    { $requester } ber { $body } att godkänna att ”{ $system }” tas i bruk.

    Varför policyn kräver det: { $reason }

    Besluta här: { $link }
mail-approval-requested-after-change-subject = Ett system i bruk behöver godkännande: { $system }
mail-approval-requested-after-change-body = Hej { $name },

    { $requester } ändrade uppgifter om systemet ”{ $system }”, som är i bruk, som policyn avgör godkännandena utifrån. Nu behövs ett godkännande av { $body }. Systemet visas i registret som inte förenligt med policyn tills det finns.

    Varför policyn kräver det: { $reason }

    Besluta här: { $link }
mail-approval-decided-subject = Beslut om { $system }: { $decision }
mail-approval-decided-body = Hej { $name },

    { $decider } registrerade beslutet av { $body } om ”{ $system }”: { $decision }.
    { $comment }

    Se systemet: { $link }
mail-incident-reported-subject = Avvikelse rapporterad: { $system }: { $title }
mail-incident-reported-body = Hej { $name },

    { $reporter } rapporterade en avvikelse i ”{ $system }”.
    Typ: { $kind }
    Rubrik: { $title }
    { $serious }

    Behandla den här: { $link }
mail-incident-serious = ALLVARLIG INCIDENT: enligt artikel { $article } i AI-förordningen ska den rapporteras till marknadskontrollmyndigheten senast { $deadline }.
mail-feedback-received-subject = Respons från en invånare: { $system }
mail-feedback-received-body = Hej { $name },

    En invånare skickade respons om ”{ $system }” ({ $kind }). Svara inom { $days } dagar.

    Läs och svara här: { $link }
mail-feedback-answered-subject = Svar på ditt meddelande om { $system }
mail-feedback-answered-body = Hej { $name },

    Tack för ditt meddelande om ”{ $system }”. Vårt svar:

    { $response }

    Systemet i AI-registret: { $link }
mail-review-due-subject = Granskning närmar sig: { $system }
mail-review-due-body = Hej { $name },

    Den periodiska granskningen av ”{ $system }” ska göras { $date }. Registrera granskningen och dess iakttagelser här: { $link }
mail-review-overdue-subject = Granskning försenad: { $system }
mail-review-overdue-body = Hej { $name },

    Den periodiska granskningen av ”{ $system }” skulle ha gjorts { $date } och har inte registrerats. Registrera den här: { $link }
mail-obligation-due-subject = Skyldighet enligt AI-förordningen: { $obligation }
mail-obligation-due-body = Hej { $name },

    Skyldigheten ”{ $obligation }” (artikel { $article }) enligt AI-förordningen för { $subject } gäller från { $date } och är ännu inte uppfylld.

    Se skyldigheterna: { $link }

## Personalens AI-användning: förteckningen, "får jag använda?", önskemål, redovisning
nav-ai-tools = AI-verktyg
usage-title = AI-verktyg: { $org }
usage-lead = Vilka AI-verktyg du får använda i arbetet, med vilken information och på vilka villkor. Fråga om ett verktyg nedan: svaret ger skälen och de avsnitt i AI-policyn som de bygger på.
usage-ask-heading = Får jag använda det här verktyget?
field-tool = Verktyg
usage-tool-hint = Namnet på AI-verktyget eller tjänsten, till exempel Copilot eller ChatGPT.
field-data-class = Information
usage-class-hint = Den mest skyddsvärda information du skulle skriva in eller ladda upp.
field-usage-purpose = Till vad
usage-purpose-hint = Frivilligt: vad du skulle använda det till.
action-ask = Fråga
usage-answer-yes = Ja: { $tool } får användas med information av klassen ”{ $class }”.
usage-answer-conditional = Ja, på villkor: { $tool } får användas med information av klassen ”{ $class }” enligt nedan.
usage-answer-no = Nej: { $tool } får inte användas med information av klassen ”{ $class }”.
usage-reason-blocked = { $tool } får inte användas i arbetet alls.
usage-reason-not-approved = { $tool } är inte godkänt för användning i arbetet.
usage-reason-unlisted = ”{ $tool }” finns inte i organisationens förteckning över AI-verktyg och är alltså inte godkänt.
usage-reason-class-too-high = { $tool } får användas med information upp till ”{ $allowed }”; ”{ $asked }” är mer skyddsvärd än så.
usage-reason-class-allowed = { $tool } får användas med information upp till ”{ $allowed }”, vilket omfattar ”{ $asked }”.
usage-request-hint = Berätta vad du skulle använda det till: önskemålet går som ett utkast i registret till dem som lägger till verktyg.
action-request-tool = Be att { $tool } läggs till
usage-request-summary = { $person } bad via förteckningen över AI-verktyg att { $tool } läggs till (information: { $class }); det är ännu inte godkänt för användning i arbetet.
usage-group-approved = Godkända verktyg
usage-group-not-approved = Kända verktyg som inte är godkända
usage-group-blocked = Verktyg som inte får användas
usage-max-class = Information upp till
usage-no-data = Ingen
usage-purposes = Används till
usage-responsible = Ansvarig
usage-conditions = Villkor
usage-records = I registret
usage-source = Policy
usage-unlisted-heading = Ett verktyg som inte finns i förteckningen
usage-rules-heading = Tänk alltid på
usage-disclosure-link = Skriv redovisningen för ett dokument eller en bild som gjorts med AI
usage-classes-heading = Informationsklasser
usage-no-catalogue = Organisationens AI-policy säger ännu inte vilka AI-verktyg personalen får använda.
usage-tool-approved = Verktyget är redan godkänt: det finns inget att be om.
flash-ai-tool-requested = Ditt önskemål sparades som ett utkast i registret och skickades till dem som lägger till verktyg.
mail-ai-tool-requested-subject = Önskemål om AI-verktyg: { $tool }
mail-ai-tool-requested-body = Hej { $name },

    { $person } har bett att AI-verktyget ”{ $tool }” läggs till för { $organisation }. Till vad:

    { $purpose }

    Önskemålet är ett utkast i registret: { $link }
disclosure-title = Redovisa AI-användning: { $org }
disclosure-lead = Den redovisning som organisationens AI-policy kräver när ett dokument eller en bild har gjorts med hjälp av AI. Inget du skriver här sparas.
field-date = Datum
field-what = Vad som gjordes med AI
disclosure-what-hint = Till exempel: sammanfattningen skrevs i utkast med AI och granskades för hand.
field-person = Ansvarig person
disclosure-person-hint = Den person som ansvarar för innehållet.
field-statement-lang = Redovisningens språk
action-write-statement = Skriv redovisningen
disclosure-statement = Redovisningen
disclosure-html = Samma som HTML, för en webbsida
ai-use-title = Så använder { $org } AI i sitt arbete
ai-use-disclosure = När ett dokument eller en bild har gjorts med hjälp av AI står det i det.
usage-choose-org = Välj den organisation vars AI-verktyg du vill se.
usage-no-role = Du har ännu ingen roll i någon organisation.
incident-provider-first-title = AI-system med hög risk: informera leverantören först
incident-provider-first = Detta är en allvarlig incident i ett AI-system med hög risk. Informera först leverantören, därefter importören eller distributören och marknadskontrollmyndigheten, och avbryt användningen av systemet vid behov (AI-förordningen artikel 26.5).
incident-breach-title = Om personuppgifter röjdes: 72 timmar
incident-breach-text = En personuppgiftsincident ska anmälas till tillsynsmyndigheten (i Sverige Integritetsskyddsmyndigheten, IMY) utan onödigt dröjsmål och om möjligt senast { $deadline } (72 timmar efter att den upptäcktes; dataskyddsförordningen artikel 33.1), om det inte är osannolikt att den medför en risk för människors rättigheter och friheter. Dokumentera incidenten och beslutet i alla fall (artikel 33.5).
mail-incident-breach = OM PERSONUPPGIFTER RÖJDES: anmäl till tillsynsmyndigheten (i Sverige Integritetsskyddsmyndigheten, IMY) utan onödigt dröjsmål och om möjligt senast { $deadline } (dataskyddsförordningen artikel 33.1).
procurement-heading = Upphandlingsavtal
procurement-lead = Systemet är upphandlat från en leverantör. EU:s modellklausuler för upphandling av AI (MCC-AI) visar vad avtalet bör innehålla; anteckna vilka klausuler det har.
procurement-gaps = { $count ->
    [one] En klausul eller bilaga saknas i avtalet
   *[other] { $count } klausuler eller bilagor saknas i avtalet
}
procurement-no-gaps = Avtalet saknar ingen av de klausuler som antecknats hittills.
usage-figures-heading = Personalens AI-användning i siffror
usage-figures-lead = Hur många som använde varje AI-verktyg under en månad och hur mycket. En siffra publiceras bara när minst { $min } personer ingår i den, så att ingen kan identifieras. Användningarna räknas som källan räknar dem: frågor, användningsdagar eller appar.
column-month = Månad
column-users = Personer
column-uses = Användningar
usage-figures-suppressed = { $count ->
    [one] En siffra med färre personer visas inte.
   *[other] { $count } siffror med färre personer visas inte.
}
usage-answer-blocked = Nej: { $tool } får inte användas i arbetet alls.
figures-heading = I siffror
figures-csv = Siffrorna som CSV (en rad per organisation)
figures-by-state = System efter livscykelskede
figures-by-category = System efter kategori enligt AI-förordningen
figures-by-organisation = System per organisation
figures-what = Klass
figures-not-classified = Inte klassificerade

## The annual AI report (PDF)
report-title = AI-årsrapport { $year }: { $org }
report-first-of = De första { $shown } av { $total } listas.
report-inventory = AI-system
report-inventory-lead = Läget när rapporten skapades. Alla organisationer, även de som inte har några system i registret. I bruk = i pilot eller i bruk.
report-organisation = Organisation
report-total = Totalt
report-in-use = I bruk
report-high-risk = Hög risk
report-by-state = Efter livscykelskede
report-by-category = Efter kategori enligt AI-förordningen
report-changes = Ändringar under året
report-added = Tillagda
report-retired = Avvecklade (senast ändrade under året)
report-changed = Ändrade system som lagts till tidigare
report-none = Inga.
report-high-risk-heading = System med hög risk och deras skyldigheter
report-obligations-open = Öppna skyldigheter
report-obligations-done = Uppfyllda
report-obligations-overdue = Varav försenade
report-governance = Styrning
report-approvals-granted = Beviljade godkännanden
report-approvals-refused = Avslagna ansökningar om godkännande
report-assessments-signed = Godkända konsekvensbedömningar
report-reviews-overdue = System vars översyn är försenad nu
report-incidents = Incidenter
report-incidents-total = Rapporterade incidenter
report-serious = Allvarliga incidenter (AI-förordningen artikel 73)
report-deadline = Tidsfrist
report-deadline-met = anmäld i tid
report-deadline-missed = tidsfristen överskreds
report-deadline-open = tidsfristen har inte gått ut
report-feedback = Invånarnas synpunkter
report-feedback-total = Synpunkter
report-feedback-answered = Besvarade
report-feedback-overdue = Obesvarade efter tidsfristen
report-policy = AI-policy
report-policy-changes = Ändringar under året
report-policy-reviews = Översyner under året
report-chain = Kontrollsumma
report-chain-lead = Antalet händelser i registrets ändringslogg och hashvärdet för den senaste när rapporten skapades. Jämför dem med de signerade kontrollpunkter som registret publicerar (/api/v1/public/audit/checkpoints): aireg audit verify --checkpoint visar om loggen har ändrats i efterhand.
report-generated = Skapad
report-download = Årsrapport (PDF)
report-year = År
report-system = System
report-incident = Incident
report-kind = Typ
report-outcome = Utfall
report-feedback-in-time = Besvarade inom tidsfristen
report-feedback-response = Svarstid, median (dygn)
report-incident-response = Tid till första handläggningsanteckning, median (h)
report-approvals-returned = Ansökningar om godkännande som återsänts för komplettering
