# Governance workflow: policy packs, approvals, assessments, reviews, incidents, feedback, e-mail.

title-error-prefix = Virhe:
back-to-governance = Takaisin järjestelmän hallintaan
back-to-incidents = Takaisin poikkeamiin
date-hint = Muodossa VVVV-KK-PP, esimerkiksi 2027-11-23.
field-required-mark = (pakollinen)
error-version-missing = Lomakkeesta puuttui tieto, mihin versioon muutos perustuu. Lataa sivu uudelleen ja tee muutos uudestaan.
error-date-in-future = Anna päivämäärä tämän päivän jälkeen.

## The governance page of a system
governance-title = Hallinta
action-governance = Hallinta ja hyväksynnät
governance-policy = Sovellettava ohjeistus
governance-no-pack = Organisaatiolle ei ole määritelty hallintamallia. Voimassa on vain alustan oma sääntö: kiellettyä tekoälykäytäntöä ei oteta koskaan käyttöön.
governance-personal-data-assumed = Ei kerrottu, käsitellään kyllä-vastauksena kunnes tiedoissa toisin sanotaan
governance-lifecycle = Elinkaari
governance-retired = Järjestelmä on poistettu käytöstä. Uusi käyttö rekisteröidään uutena järjestelmänä.
governance-approvals = Hyväksynnät
governance-no-approvals = Ohjeistus ei vaadi hyväksyntää tässä tilanteessa.
governance-assessments = Vaikutustenarvioinnit
governance-no-assessments = Ohjeistus ei vaadi vaikutustenarviointia tässä tilanteessa.
governance-reviews = Katselmoinnit
governance-reports = Poikkeamat
governance-history = Hallinnan historia
governance-history-newest = Näytetään uusimmat { $count }; tarkastusloki säilyttää ne kaikki.
column-move-to = Siirto vaiheeseen
column-gate = Mitä ohjeistus vielä vaatii
column-action = Toiminto
column-body = Toimielin
column-why = Miksi
column-assessment = Arviointi
column-time = Aika
column-who = Kuka
column-what = Mitä
column-total = Järjestelmiä
gate-open = Ei mitään: siirron voi tehdä.
gate-refused-title = Siirto vaiheeseen ”{ $state }” ei ole vielä mahdollinen. Puuttuu:
gate-not-a-move = Järjestelmää ei voi siirtää tähän vaiheeseen nykyisestä vaiheestaan.
gate-prohibited = Tekoälysäädöksen mukainen luokitus on kielletty tekoälykäytäntö (5 artikla): sitä ei saa ottaa käyttöön.
action-move-to = Siirrä vaiheeseen ”{ $state }”
policy-version = versio { $version }
flash-transitioned = Järjestelmä siirrettiin uuteen vaiheeseen.

## Approvals
approval-not-requested = Ei pyydetty
approval-own-decision = järjestelmän omistajan oma päätös
approval-note = Viesti hyväksyjille
approval-note-hint = Vapaaehtoinen. Mihin hyväksyjien kannattaa kiinnittää huomiota, esimerkiksi missä arvioinnit ovat.
approval-nothing-to-request = Kaikki ohjeistuksen vaatimat hyväksynnät on jo pyydetty tai annettu.
approval-requested = Pyydetty
approval-decided = Päätetty
approval-your-decision = Päätöksesi
approval-your-own-decision = Päätöksesi järjestelmän omistajana
action-request-approvals = Pyydä hyväksynnät
action-record-decision = Kirjaa päätös
decision-approve = Hyväksy
decision-reject = Hylkää
decision-return = Palauta täydennettäväksi
decision-comment-hint = Pakollinen, jos hylkäät tai palautat pyynnön: kerro miksi.
field-comment = Kommentti
field-minutes-ref = Pöytäkirjaviite
minutes-ref-hint = Vapaaehtoinen, esimerkiksi ”§ 4 / 12.3.2026”.
approval-status-open = Odottaa päätöstä
approval-status-approved = Hyväksytty
approval-status-rejected = Hylätty
approval-status-returned = Palautettu täydennettäväksi
flash-approvals-requested = Hyväksyntäpyynnöt lähetettiin.
flash-approval-decided = Päätöksesi kirjattiin.

## Reviews
field-findings = Havainnot
review-findings-hint = Mitä katselmoinnissa havaittiin: toimiiko järjestelmä yhä tarkoitetulla tavalla, ovatko riskit ja tiedot kuten kirjattu, mitä pitää muuttaa.
review-overdue = Myöhässä
review-interval = { $count ->
    [one] Katselmoidaan kuukauden välein
   *[other] Katselmoidaan { $count } kuukauden välein
}
action-record-review = Kirjaa katselmointi
flash-reviewed = Katselmointi kirjattiin.

## Assessments
assessment-not-started = Ei aloitettu
assessment-voluntary = Ohjeistus ei vaadi tätä tässä tilanteessa.
assessment-legal-basis = Oikeusperusta
assessment-signed-by = Hyväksytty
assessment-sign-off-body = Hyväksyjä
assessment-template-version = Pohjan versio
assessment-prefilled = Osa vastauksista täytettiin järjestelmän muista arvioinneista. Tarkista ne ja tallenna.
assessment-sign-lead = Arviointi on valmis. Hyväksyvän toimielimen jäsenenä voit hyväksyä sen. Myöhempi muutos vaatii uuden hyväksynnän.
assessment-sign-needs-complete = Vain valmiin arvioinnin voi hyväksyä. Merkitse se ensin valmiiksi.
action-sign-assessment = Hyväksy arviointi
assessment-entry = Kohta { $number }
assessment-remove-entry = Poista kohta { $number } tallennettaessa
assessment-conditional = Tarpeen vain, jos vastauksesi kysymykseen ”{ $question }” tekee siitä olennaisen.
action-save-draft = Tallenna luonnoksena
action-complete-assessment = Tallenna valmiina
assessment-comments = Kommentit
assessment-no-comments = Ei vielä kommentteja.
assessment-comment-on = Kommentin kohde
assessment-comment-whole = Koko arviointi
action-add-comment = Lisää kommentti
assessment-status-draft = Luonnos
assessment-status-completed = Valmis, odottaa hyväksyntää
assessment-status-signed = Hyväksytty
assessment-error-required = Vastaa tähän kysymykseen.
assessment-error-too-long = Käytä enintään { $max } merkkiä.
assessment-error-invalid-choice = Valitse jokin tarjotuista vaihtoehdoista.
assessment-error-invalid-type = Vastaus ei ole kysymyksen edellyttämää muotoa (esimerkiksi numero).
assessment-error-invalid-date = Anna päivämäärä muodossa VVVV-KK-PP.
assessment-error-too-few = Lisää kohtia: tämä osa vaatii vähintään pohjan edellyttämän määrän.
assessment-error-too-many = Anna enintään { $max } kohtaa.
assessment-error-unknown = Vastaus ei kuulu mihinkään pohjan kysymykseen.
flash-assessment-completed = Arviointi tallennettiin valmiina. Se odottaa nyt hyväksyntää.
flash-assessment-signed = Arviointi hyväksyttiin.
flash-commented = Kommenttisi lisättiin.

## Incidents
incident-new-title = Ilmoita poikkeamasta
incident-new-lead = Ilmoita virheestä, haitallisesta tai epäilyttävästä tuotoksesta, väärinkäytöstä tai tietoturva- tai tietosuojapoikkeamasta. Ilmoitus lähtee heti organisaation ohjeistuksen nimeämille henkilöille.
incident-goes-to = Ilmoitus lähtee
field-incident-kind = Laji
field-incident-title = Otsikko
field-incident-description = Mitä tapahtui
incident-description-hint = Mitä järjestelmä teki, milloin, kuka huomasi, mitä on jo tehty. Jätä pois henkilötiedot, joita ei tarvita.
field-aware-on = Tietoon tullut
incident-aware-hint = Päivä, jona organisaatio sai tiedon. Määräajat lasketaan siitä.
field-serious = Vakava vaaratilanne (tekoälysäädöksen 3 artiklan 49 kohta)
incident-serious-hint = Vakavasta vaaratilanteesta on ilmoitettava markkinavalvontaviranomaiselle 73 artiklan määräajassa.
serious-none = Ei vakava vaaratilanne
serious-general = Vakava vaaratilanne: ilmoitus { $days } päivässä (73 artiklan 2 kohta)
serious-death = Ihmisen kuolema: ilmoitus { $days } päivässä (73 artiklan 4 kohta)
serious-widespread-or-critical-infrastructure = Laajalle levinnyt rikkominen tai kriittisen infrastruktuurin vakava häiriö: ilmoitus { $days } päivässä (73 artiklan 3 kohta)
field-attachments = Todisteet
incident-attachments-hint = Kuvakaappauksia, lokitiedostoja tai asiakirjoja: enintään { $count } tiedostoa, kukin enintään { $mib } Mt ({ $types }).
incident-files-again = Valitse tiedostot uudelleen: selain ei säilytä niitä, kun lomake palaa.
action-report-incident = Ilmoita poikkeamasta
action-incidents = Järjestelmän poikkeamat
incidents-title = Poikkeamat ja vaaratilanteet
incidents-open = Avoimet
incidents-all = Kaikki
incidents-none = Ei poikkeamia.
incident-deadline = Ilmoitettava viranomaiselle viimeistään
incident-deadline-passed = Määräaika ylittynyt
incident-reported = Ilmoitettu
incident-serious-title = Vakava vaaratilanne
incident-deadline-text = Tekoälysäädöksen { $article } artiklan mukaan siitä on ilmoitettava markkinavalvontaviranomaiselle viimeistään { $deadline }.
incident-no-files = Ei liitteitä.
incident-notes = Käsittely
field-note = Merkintä
action-save-incident = Tallenna
incident-notified = Kenelle on ilmoitettu
incident-notified-none = Ei vielä kenellekään.
field-recipient = Vastaanottaja
incident-recipient-hint = Sähköpostiosoite tai viranomaisen nimi, esimerkiksi markkinavalvontaviranomainen.
field-channel = Miten
action-record-notification = Kirjaa ilmoitus
channel-email = Sähköposti aireg-järjestelmästä
channel-authority = Ilmoitus viranomaiselle
channel-phone = Puhelin
channel-other = Muu
incident-kind-error = Virhe
incident-kind-harmful-output = Haitallinen tai epäilyttävä tuotos
incident-kind-misuse = Väärinkäyttö
incident-kind-security = Tietoturvapoikkeama
incident-kind-privacy = Tietosuojapoikkeama
incident-status-new = Uusi
incident-status-triaged = Arvioitu
incident-status-in-progress = Käsittelyssä
incident-status-resolved = Ratkaistu
incident-status-closed = Suljettu
flash-incident-reported = Poikkeamailmoitus lähetettiin.
flash-notification-recorded = Ilmoitus kirjattiin.

## Residents' feedback
feedback-show = Näytettävä palaute
incidents-show = Näytettävät poikkeamat
feedback-title = Kysy, ilmoita ongelmasta tai kyseenalaista käyttö
feedback-lead = { $count ->
    [one] Voit lähettää organisaatiolle kysymyksen, ilmoittaa ongelmasta tai kyseenalaistaa tämän tekoälyjärjestelmän käytön. Tunnusta ei tarvita. Organisaatio vastaa { $count } päivän kuluessa.
   *[other] Voit lähettää organisaatiolle kysymyksen, ilmoittaa ongelmasta tai kyseenalaistaa tämän tekoälyjärjestelmän käytön. Tunnusta ei tarvita. Organisaatio vastaa { $count } päivän kuluessa.
}
field-feedback-kind = Mitä asia koskee
field-feedback-message = Viestisi
feedback-message-hint = Enintään 5000 merkkiä.
field-feedback-name = Nimesi (vapaaehtoinen)
field-feedback-email = Sähköpostiosoitteesi (vapaaehtoinen)
feedback-email-hint = Tarvitaan, jos haluat vastauksen sähköpostiin.
feedback-trap = Jätä tämä kenttä tyhjäksi
feedback-privacy = Viestisi ja yhteystietosi näkevät vain asiaa käsittelevät organisaation työntekijät.
action-send-feedback = Lähetä
feedback-token-expired = Lomake lähetettiin liian pian avaamisen jälkeen tai se on liian vanha. Tarkista viestisi ja lähetä se uudelleen.
feedback-kind-question = Kysymys
feedback-kind-problem = Ilmoitus ongelmasta
feedback-kind-contest = Kyseenalaistan järjestelmän käytön
feedback-status-open = Odottaa vastausta
feedback-status-answered = Vastattu
feedback-status-closed = Suljettu
feedback-staff-title = Asukkaiden palaute
feedback-staff-lead = Julkisen rekisterin kautta lähetetyt kysymykset, ongelmailmoitukset ja käytön kyseenalaistukset.
feedback-open = Odottaa vastausta
feedback-all = Kaikki
feedback-none = Ei palautetta.
feedback-due = vastattava viimeistään { $date }
feedback-overdue = Myöhässä
field-response = Vastaus
feedback-response-mailed = Vastaus lähetetään asukkaalle sähköpostilla, kun merkitset sen vastatuksi.
feedback-response-no-email = Asukas ei antanut sähköpostiosoitetta; vastaus säilytetään täällä.
action-save-feedback = Tallenna
flash-feedback-sent = Palautteesi on lähetetty. Kiitos!

## Policy page and the working group's dashboard
policy-title = Tekoälyohjeistus: { $org }
policy-adopted-by = Hyväksyjä
policy-source = Lähde
policy-adopted = Hyväksyminen
policy-pack-version = Versio aireg-järjestelmässä
policy-bodies = Toimielimet ja niiden jäsenet
policy-members = Jäsenet
policy-approval-rules = Kuka hyväksyy käyttöönoton
policy-assessment-rules = Mitkä vaikutustenarvioinnit vaaditaan
policy-reviews = Ohjeistuksen katselmoinnit
policy-review-rule = Jokainen järjestelmä katselmoidaan { $system } kuukauden välein; ohjeistuksen katselmoi { $body } { $policy } kuukauden välein.
policy-feedback-rule = Asukkaiden palautteeseen vastataan { $days } päivän kuluessa.
policy-next-review = Ohjeistuksen seuraava katselmointi
policy-never-reviewed = Ei vielä katselmoitu aireg-järjestelmässä
action-record-policy-review = Kirjaa ohjeistuksen katselmointi
policy-changes = Ohjeistuksen muutokset
policy-link = Tekoälyohjeistus
action-policy-of = Tekoälyohjeistus
action-governance-of = Hallinnan yleiskuva
working-group-title = Hallinnan yleiskuva: { $org }
working-group-lead = Tekoälytyöryhmän näkymä alaisiin organisaatioihin: järjestelmät vaiheittain ja tekoälysäädöksen luokittain sekä se, mikä odottaa jotakuta.
working-group-systems = Järjestelmät
working-group-no-systems = Ei rekisteröityjä järjestelmiä.
working-group-nonconforming = Käytössä ilman kaikkea, mitä ohjeistus vaatii
compliance-not-compliant = Ei ohjeistuksen mukainen
compliance-not-compliant-lead = Järjestelmän tila on { $state }, mutta siltä puuttuu nyt jotain, mitä ohjeistus vaatii tähän tilaan (esimerkiksi henkilötietoja tai vastuuhenkilöitä koskevan muutoksen jälkeen). Se näkyy ohjeistuksen vastaisena, kunnes kaikki alla oleva on kunnossa.
working-group-open-approvals = Avoimet hyväksyntäpyynnöt
working-group-reviews-overdue = Myöhässä olevat katselmoinnit
working-group-reviews-due = Katselmoinnit seuraavien 30 päivän aikana
working-group-obligations-overdue = Tekoälysäädöksen velvoitteet, joiden päivä on ohitettu
working-group-open-incidents = Avoimet poikkeamat
working-group-feedback-overdue = Palaute, jonka vastauspäivä on ohitettu
working-group-nothing = Ei mitään.
working-group-first-of = Näytetään ensimmäiset { $shown } (yhteensä { $total }).

## History of a system's governance
history-transition = Siirretty vaiheesta ”{ $from }” vaiheeseen ”{ $to }”
history-approval-request = Hyväksyntää pyydetty: { $body }
history-approval-decide = Päätös, { $body }: { $status }
history-assessment-save = Arviointi tallennettu: { $template }
history-assessment-sign = Arviointi hyväksytty: { $template }
history-assessment-comment = Kommentti arviointiin
history-system-create = Rekisteröity
history-system-review = Katselmoitu
history-incident-report = Poikkeamasta ilmoitettu
history-incident-update = Poikkeamaa käsitelty
history-incident-notify = Ilmoitus kirjattu
history-feedback-submit = Palaute vastaanotettu
history-feedback-respond = Palautteeseen vastattu
history-classification-create = Luokiteltu tekoälysäädöksen mukaan
history-obligation-update = Velvoite päivitetty

## API problems
problem-gate-refused-title = Ohjeistuksen portti estää siirron
problem-gate-refused-detail = Siirto vaiheeseen ”{ $state }” vaatii sen, mitä `missing` luettelee.
problem-refused-title = Pyyntöä ei voi toteuttaa nykytilanteessa
problem-refused-detail = Mitään ei muutettu.

## E-mail (plain text; $name is the recipient's name)
mail-footer = aireg, tekoälyrekisteri. Saat tämän viestin, koska sinulla on tehtävä organisaation tekoälyn hallinnassa.
mail-footer-resident = aireg, tekoälyrekisteri. Saat tämän viestin, koska kirjoitit rekisteriin tästä järjestelmästä.
mail-approval-requested-subject = Hyväksyntää pyydetään: { $system }
mail-approval-requested-body = Hei { $name },

    { $requester } pyytää toimielintä { $body } hyväksymään järjestelmän ”{ $system }” käyttöönoton.

    Miksi ohjeistus vaatii sen: { $reason }

    Tee päätös täällä: { $link }
mail-approval-requested-after-change-subject = Käytössä oleva järjestelmä tarvitsee hyväksynnän: { $system }
mail-approval-requested-after-change-body = Hei { $name },

    { $requester } muutti käytössä olevan järjestelmän ”{ $system }” tietoja, joiden perusteella ohjeistus ratkaisee tarvittavat hyväksynnät. Nyt tarvitaan toimielimen { $body } hyväksyntä. Järjestelmä näkyy rekisterissä ohjeistuksen vastaisena, kunnes se on saatu.

    Miksi ohjeistus vaatii sen: { $reason }

    Tee päätös täällä: { $link }
mail-approval-decided-subject = Päätös, { $system }: { $decision }
mail-approval-decided-body = Hei { $name },

    { $decider } kirjasi toimielimen { $body } päätöksen järjestelmästä ”{ $system }”: { $decision }.
    { $comment }

    Katso järjestelmä: { $link }
mail-incident-reported-subject = Poikkeamailmoitus: { $system }: { $title }
mail-incident-reported-body = Hei { $name },

    { $reporter } ilmoitti poikkeamasta järjestelmässä ”{ $system }”.
    Laji: { $kind }
    Otsikko: { $title }
    { $serious }

    Käsittele se täällä: { $link }
mail-incident-serious = VAKAVA VAARATILANNE: tekoälysäädöksen { $article } artiklan mukaan siitä on ilmoitettava markkinavalvontaviranomaiselle viimeistään { $deadline }.
mail-feedback-received-subject = Asukkaan palaute: { $system }
mail-feedback-received-body = Hei { $name },

    Asukas lähetti palautetta järjestelmästä ”{ $system }” ({ $kind }). Vastaa { $days } päivän kuluessa.

    Lue ja vastaa täällä: { $link }
mail-feedback-answered-subject = Vastaus viestiisi: { $system }
mail-feedback-answered-body = Hei { $name },

    Kiitos viestistäsi, joka koski järjestelmää ”{ $system }”. Vastauksemme:

    { $response }

    Järjestelmä tekoälyrekisterissä: { $link }
mail-review-due-subject = Katselmointi tulossa: { $system }
mail-review-due-body = Hei { $name },

    Järjestelmän ”{ $system }” määräaikainen katselmointi on { $date }. Kirjaa katselmointi ja sen havainnot täällä: { $link }
mail-review-overdue-subject = Katselmointi myöhässä: { $system }
mail-review-overdue-body = Hei { $name },

    Järjestelmän ”{ $system }” määräaikainen katselmointi oli { $date }, eikä sitä ole kirjattu. Kirjaa se täällä: { $link }
mail-obligation-due-subject = Tekoälysäädöksen velvoite erääntyy: { $obligation }
mail-obligation-due-body = Hei { $name },

    Tekoälysäädöksen velvoite ”{ $obligation }” ({ $article } artikla), joka koskee kohdetta { $subject }, on voimassa { $date } alkaen eikä sitä ole vielä täytetty.

    Katso velvoitteet: { $link }

## Tekoälytyökalujen käyttö työssä: luettelo, "saanko käyttää?", pyynnöt, käytön kertominen
nav-ai-tools = Tekoälytyökalut
usage-title = Tekoälytyökalut: { $org }
usage-lead = Mitä tekoälytyökaluja saat käyttää työssäsi, minkä tietojen kanssa ja millä ehdoin. Kysy työkalusta alla: vastaus kertoo perustelut ja ne organisaation tekoälysääntöjen kohdat, joihin ne perustuvat.
usage-ask-heading = Saanko käyttää tätä työkalua?
field-tool = Työkalu
usage-tool-hint = Tekoälytyökalun tai -palvelun nimi, esimerkiksi Copilot tai ChatGPT.
field-data-class = Tiedot
usage-class-hint = Suojattavin tieto, jota syöttäisit tai lataisit palveluun.
field-usage-purpose = Mihin
usage-purpose-hint = Vapaaehtoinen: mihin käyttäisit työkalua.
action-ask = Kysy
usage-answer-yes = Kyllä: { $tool } -työkalua saa käyttää, kun tiedot ovat luokkaa ”{ $class }”.
usage-answer-conditional = Kyllä, ehdoin: { $tool } -työkalua saa käyttää, kun tiedot ovat luokkaa ”{ $class }”, alla olevin ehdoin.
usage-answer-no = Ei: { $tool } -työkalua ei saa käyttää, kun tiedot ovat luokkaa ”{ $class }”.
usage-reason-blocked = { $tool } -työkalua ei saa käyttää työssä lainkaan.
usage-reason-not-approved = { $tool } -työkalua ei ole hyväksytty työkäyttöön.
usage-reason-unlisted = ”{ $tool }” ei ole organisaation tekoälytyökalujen luettelossa, joten sitä ei ole hyväksytty.
usage-reason-class-too-high = { $tool } -työkalua saa käyttää enintään luokan ”{ $allowed }” tietojen kanssa; ”{ $asked }” on suojattavampaa.
usage-reason-class-allowed = { $tool } -työkalua saa käyttää enintään luokan ”{ $allowed }” tietojen kanssa, mikä kattaa luokan ”{ $asked }”.
usage-request-hint = Kerro, mihin käyttäisit työkalua: pyyntö menee työkalujen lisäämisestä vastaaville luonnoksena rekisteriin.
action-request-tool = Pyydä lisäämään { $tool }
usage-request-summary = { $person } pyysi tekoälytyökalujen luettelon kautta lisäämään työkalun { $tool } (tiedot: { $class }); sitä ei ole vielä hyväksytty työkäyttöön.
usage-group-approved = Hyväksytyt työkalut
usage-group-not-approved = Tunnetut työkalut, joita ei ole hyväksytty
usage-group-blocked = Työkalut, joita ei saa käyttää
usage-max-class = Tiedot enintään
usage-no-data = Ei mitään
usage-purposes = Käyttötarkoitus
usage-responsible = Vastuussa
usage-conditions = Ehdot
usage-records = Rekisterissä
usage-source = Sääntö
usage-unlisted-heading = Työkalu, jota ei ole luettelossa
usage-rules-heading = Muista aina
usage-disclosure-link = Kirjoita maininta tekoälyn avulla tehtyyn asiakirjaan tai kuvaan
usage-classes-heading = Tietojen luokat
usage-no-catalogue = Organisaation tekoälysäännöt eivät vielä kerro, mitä tekoälytyökaluja henkilöstö saa käyttää.
usage-tool-approved = Työkalu on jo hyväksytty: pyydettävää ei ole.
flash-ai-tool-requested = Pyyntösi tallennettiin luonnoksena rekisteriin ja lähetettiin työkalujen lisäämisestä vastaaville.
mail-ai-tool-requested-subject = Tekoälytyökalua pyydetty: { $tool }
mail-ai-tool-requested-body = Hei { $name },

    { $person } pyysi lisäämään tekoälytyökalun ”{ $tool }” organisaatiolle { $organisation }. Käyttötarkoitus:

    { $purpose }

    Pyyntö on luonnos rekisterissä: { $link }
disclosure-title = Tekoälyn käytöstä kertominen: { $org }
disclosure-lead = Maininta, jota organisaation tekoälysäännöt edellyttävät, kun asiakirja tai kuva on tehty tekoälyn avulla. Tänne kirjoittamaasi ei tallenneta.
field-date = Päivämäärä
field-what = Mitä tekoälyllä tehtiin
disclosure-what-hint = Esimerkiksi: tiivistelmän luonnos tehtiin tekoälyllä ja tarkistettiin käsin.
field-person = Vastuuhenkilö
disclosure-person-hint = Henkilö, joka vastaa sisällöstä.
field-statement-lang = Maininnan kieli
action-write-statement = Kirjoita maininta
disclosure-statement = Maininta
disclosure-html = Sama HTML-muodossa verkkosivulle
ai-use-title = Näin { $org } käyttää tekoälyä työssään
ai-use-disclosure = Kun asiakirja tai kuva on tehty tekoälyn avulla, siinä kerrotaan siitä.
usage-choose-org = Valitse organisaatio, jonka tekoälytyökalut haluat nähdä.
usage-no-role = Sinulla ei ole vielä roolia missään organisaatiossa.
incident-provider-first-title = Suuririskinen järjestelmä: ilmoita ensin tarjoajalle
incident-provider-first = Kyseessä on suuririskisen tekoälyjärjestelmän vakava vaaratilanne. Ilmoita ensin järjestelmän tarjoajalle, sitten maahantuojalle tai jakelijalle ja markkinavalvontaviranomaiselle, ja keskeytä järjestelmän käyttö tarvittaessa (tekoälysäädöksen 26 artiklan 5 kohta).
incident-breach-title = Jos henkilötietoja vaarantui: 72 tuntia
incident-breach-text = Henkilötietojen tietoturvaloukkauksesta on ilmoitettava valvontaviranomaiselle (Suomessa tietosuojavaltuutetun toimistolle) ilman aiheetonta viivytystä ja mahdollisuuksien mukaan viimeistään { $deadline } (72 tuntia siitä, kun loukkaus tuli tietoon; tietosuoja-asetuksen 33 artiklan 1 kohta), paitsi jos loukkauksesta ei todennäköisesti aiheudu riskiä ihmisten oikeuksille ja vapauksille. Kirjaa loukkaus ja ratkaisu joka tapauksessa (33 artiklan 5 kohta).
mail-incident-breach = JOS HENKILÖTIETOJA VAARANTUI: ilmoita valvontaviranomaiselle (Suomessa tietosuojavaltuutetun toimistolle) ilman aiheetonta viivytystä ja mahdollisuuksien mukaan viimeistään { $deadline } (tietosuoja-asetuksen 33 artiklan 1 kohta).
procurement-heading = Hankintasopimus
procurement-lead = Järjestelmä on hankittu toimittajalta. EU:n tekoälyhankintojen mallisopimusehdot (MCC-AI) kertovat, mitä sopimuksessa kannattaa olla; kirjaa, mitkä ehdot siinä on.
procurement-gaps = { $count ->
    [one] Yksi ehto tai liite puuttuu sopimuksesta
   *[other] { $count } ehtoa tai liitettä puuttuu sopimuksesta
}
procurement-no-gaps = Sopimuksesta ei puutu yhtään tähän mennessä kirjatuista ehdoista.
usage-figures-heading = Henkilöstön tekoälyn käyttö lukuina
usage-figures-lead = Kuinka moni käytti kutakin tekoälytyökalua kuukauden aikana ja kuinka paljon. Luku julkaistaan vain, kun siinä on vähintään { $min } henkilöä, jotta ketään ei voi tunnistaa. Käyttökerrat ovat lähteen laskemia: kehotteita, käyttöpäiviä tai sovelluksia.
column-month = Kuukausi
column-users = Henkilöitä
column-uses = Käyttökertoja
usage-figures-suppressed = { $count ->
    [one] Yhtä lukua, jossa on vähemmän henkilöitä, ei näytetä.
   *[other] { $count } lukua, joissa on vähemmän henkilöitä, ei näytetä.
}
usage-answer-blocked = Ei: { $tool } -työkalua ei saa käyttää työssä lainkaan.
figures-heading = Luvut
figures-csv = Luvut CSV-tiedostona (rivi organisaatiota kohden)
figures-by-state = Järjestelmät elinkaaren vaiheen mukaan
figures-by-category = Järjestelmät tekoälysäädöksen luokan mukaan
figures-by-organisation = Järjestelmät organisaatioittain
figures-what = Luokka
figures-not-classified = Luokittelematta

## The annual AI report (PDF)
report-title = Tekoälyn vuosiraportti { $year }: { $org }
report-first-of = Luettelossa ensimmäiset { $shown } (yhteensä { $total }).
report-inventory = Tekoälyjärjestelmät
report-inventory-lead = Tilanne raporttia laadittaessa. Kaikki organisaatiot, myös ne, joilla ei ole rekisterissä järjestelmiä. Käytössä = kokeilussa tai käytössä.
report-organisation = Organisaatio
report-total = Yhteensä
report-in-use = Käytössä
report-high-risk = Suuririskiset
report-by-state = Elinkaaren vaiheen mukaan
report-by-category = Tekoälysäädöksen luokan mukaan
report-changes = Muutokset vuoden aikana
report-added = Lisätyt
report-retired = Käytöstä poistetut (viimeisin muutos vuoden aikana)
report-changed = Muutettuja aiemmin lisättyjä järjestelmiä
report-none = Ei yhtään.
report-high-risk-heading = Suuririskiset järjestelmät ja niiden velvoitteet
report-obligations-open = Avoimia velvoitteita
report-obligations-done = Hoidettuja
report-obligations-overdue = Joista myöhässä
report-governance = Ohjaus ja valvonta
report-approvals-granted = Myönnettyjä hyväksyntöjä
report-approvals-refused = Hylättyjä hyväksyntäpyyntöjä
report-assessments-signed = Hyväksytyt vaikutustenarvioinnit
report-reviews-overdue = Järjestelmiä, joiden katselmointi on myöhässä nyt
report-incidents = Poikkeamat
report-incidents-total = Ilmoitettuja poikkeamia
report-serious = Vakavat vaaratilanteet (tekoälysäädöksen 73 artikla)
report-deadline = Määräaika
report-deadline-met = ilmoitettu ajoissa
report-deadline-missed = määräaika ylittyi
report-deadline-open = määräaika ei ole vielä päättynyt
report-feedback = Asukkaiden palaute
report-feedback-total = Palautteita
report-feedback-answered = Vastattuja
report-feedback-overdue = Vastaamatta määräajan jälkeen
report-policy = Tekoälypolitiikka
report-policy-changes = Muutokset vuoden aikana
report-policy-reviews = Katselmoinnit vuoden aikana
report-chain = Tarkistussumma
report-chain-lead = Rekisterin muutoslokin tapahtumien määrä ja viimeisimmän tapahtuman tiiviste raporttia laadittaessa. Vertaa niitä rekisterin julkaisemiin allekirjoitettuihin tarkistuspisteisiin (/api/v1/public/audit/checkpoints): aireg audit verify --checkpoint osoittaa, jos loki on muuttunut jälkikäteen.
report-generated = Laadittu
report-download = Vuosiraportti (PDF)
report-year = Vuosi
report-system = Järjestelmä
report-incident = Poikkeama
report-kind = Laji
report-outcome = Tulos
report-feedback-in-time = Vastattu määräajassa
report-feedback-response = Vastausaika, mediaani (vrk)
report-incident-response = Ensimmäiseen käsittelymerkintään kulunut aika, mediaani (h)
report-approvals-returned = Täydennettäväksi palautettuja hyväksyntäpyyntöjä
