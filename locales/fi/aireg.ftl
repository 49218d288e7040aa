# aireg-käyttöliittymä, suomi.
# Viestien tunnisteet ovat samat hakemistoissa fi/, sv/ ja en/; testi tarkistaa, ettei mitään puutu.

## Sivupohja

site-name = Tekoälyrekisteri
skip-to-content = Siirry sisältöön
nav-label = Päävalikko
nav-register = Julkinen rekisteri
nav-dashboard = Työpöytä
nav-systems = Tekoälyjärjestelmät
nav-tokens = API-avaimet
nav-sign-in = Kirjaudu
language-switch-label = Kieli
language-self-name = Suomeksi
language-name-fi = suomi
language-name-sv = ruotsi
language-name-en = englanti
signed-in-as = Kirjautuneena: { $name }
sign-out = Kirjaudu ulos
footer-text = aireg — avoin rekisteri julkisten organisaatioiden käyttämistä tekoälyjärjestelmistä ja niiden hallinnasta.
footer-api = Rajapinta kehittäjille
back-to-register = Takaisin rekisteriin
back-to-systems = Takaisin tekoälyjärjestelmiin
back-to-system = Takaisin järjestelmään
back-to-dashboard = Takaisin yleiskuvaan
badge-internal = sisäinen
value-yes = Kyllä
value-no = Ei
value-not-given = Ei ilmoitettu
updated-on = Päivitetty { $date }
updated-at = Päivitetty { $time }
published-on = Julkaistu { $date }
version-number = Versio { $version }
error-summary-title = Tarkista tiedot

## Ilmoitukset muutoksen jälkeen

flash-created = Tekoälyjärjestelmä luotiin luonnoksena.
flash-saved = Muutokset tallennettiin uutena versiona.
flash-published = Tekoälyjärjestelmä on nyt julkaistu julkisessa rekisterissä.
flash-withdrawn = Tekoälyjärjestelmä poistettiin julkisesta rekisteristä.
flash-member-added = Rooli lisättiin.
flash-member-removed = Rooli poistettiin.
flash-token-revoked = API-avain mitätöitiin. Se ei enää toimi.
flash-signed-out = Olet kirjautunut ulos.

## Julkinen rekisteri

register-title = Julkisissa palveluissa käytettävät tekoälyjärjestelmät
register-lead = Kunnat ja alueet kertovat tässä käyttämistään tekoälyjärjestelmistä: mitä kukin järjestelmä tekee, miksi sitä käytetään, mitä tietoja se käyttää ja miten ihmiset valvovat sitä.
register-empty = Hakuehtoja vastaavia julkaistuja tekoälyjärjestelmiä ei löytynyt.
filter-label = Rajaa tekoälyjärjestelmiä
filter-text = Hakusanat
filter-organisation = Organisaatio
filter-all-organisations = Kaikki organisaatiot
filter-status = Vaihe
filter-all-statuses = Kaikki vaiheet
filter-publication = Julkaisu
filter-all-publications = Kaikki
filter-apply = Näytä
filter-category = Tekoälysäädöksen luokka
filter-all-categories = Kaikki luokat
filter-personal-data = Henkilötiedot
filter-decisions = Henkilöitä koskevat päätökset
filter-either = Kumpi tahansa
systems-found = { $count ->
    [one] 1 tekoälyjärjestelmä
   *[other] { $count } tekoälyjärjestelmää
}
systems-count = { $count ->
    [one] 1 järjestelmä
   *[other] { $count } järjestelmää
}
pagination-label = Sivut
pagination-previous = Edellinen sivu
pagination-next = Seuraava sivu
pagination-page = Sivu { $number }
withheld-title = Tiedot, jotka eivät ole julkisia
withheld-lead = Organisaatio on kirjannut seuraavat tiedot, mutta ei julkaise niitä:

## Tietueen osiot

section-overview = Yleistiedot
section-description = Kuvaus
section-purpose = Käyttötarkoitus ja vaikutukset ihmisiin
section-data = Tiedot
section-oversight = Ihmisen suorittama valvonta
section-responsibility = Vastuut ja yhteystiedot
section-more = Asiasanat ja linkit

## Tietueen kentät

field-name = Nimi
field-summary = Tiivistelmä
field-description-public = Kuvaus
field-description-technical = Tekninen kuvaus
field-purpose = Käyttötarkoitus ja tavoite
field-affected-groups = Keihin käyttö vaikuttaa
field-legal-basis = Oikeusperusta
field-human-oversight-mode = Ihmisen valvonta
field-human-oversight = Miten ihmiset valvovat järjestelmää
field-decisions-on-persons = Käytetään yksittäisiä ihmisiä koskevassa päätöksenteossa
field-data-description = Käytettävät tiedot
field-personal-data = Käsittelee henkilötietoja
field-sensitive-data = Käsittelee arkaluonteisia tietoja
field-data-classification = Tietojen luokitus
field-vendor = Toimittaja
field-procurement-route = Käyttöönoton tapa
field-ai-technique = Tekoälytekniikka
field-lifecycle = Vaihe
field-start-date = Käytössä alkaen
field-end-date = Käytössä asti
field-next-review = Seuraava katselmointi
field-keywords = Asiasanat
field-links = Linkit
field-contact = Yhteystiedot
field-contact-email = Yhteystiedon sähköposti
field-contact-phone = Yhteystiedon puhelin
field-contact-name = Yhteyshenkilö tai -yksikkö
field-unit = Yksikkö
field-system-owner = Järjestelmän omistaja
field-process-owner = Prosessin omistaja
field-product = Tuote
field-eu-registration = Rekisteröinti EU:n tietokantaan
field-visibility = Näkyvyys
field-organisation = Organisaatio
field-publication = Julkaisu

## Lomakkeen ohjeet

hint-name = Nimi, jolla kuntalaiset tuntevat palvelun, enintään 120 merkkiä.
hint-summary = Yksi tai kaksi virkettä, enintään 300 merkkiä. Näkyy rekisterin luettelossa.
hint-description-public = Mitä järjestelmä tekee, selkeällä kielellä kuntalaisille.
hint-description-technical = Miten järjestelmä toimii: mallit, menetelmät, integraatiot.
hint-purpose = Miksi järjestelmää käytetään ja mitä sillä tavoitellaan.
hint-affected-groups = Esimerkiksi palvelua hakevat kuntalaiset, oppilaat tai organisaation henkilöstö.
hint-legal-basis = Lakisääteinen tehtävä ja henkilötietojen käsittelyn peruste pykälineen.
hint-human-oversight = Kuka tarkistaa järjestelmän tuotokset ja miten hän voi korjata tai ohittaa ne.
hint-data-description = Mitä tietoja järjestelmä käyttää ja mistä ne tulevat.
hint-decisions-on-persons = Valitse kyllä, jos tuotosta käytetään yksittäistä ihmistä koskevassa päätöksessä, vaikka päätöksen tekeekin ihminen.
hint-sensitive-data = Erityiset henkilötietoryhmät (kuten terveystiedot) tai muuten arkaluonteiset tiedot (kuten sosiaalihuollon tiedot).
hint-procurement-route = Hankittu keskitetysti vai otettu käyttöön järjestelmän omistajan omalla päätöksellä.
hint-next-review = Seuraavan määräaikaisen katselmoinnin päivämäärä.
hint-keywords = Erota asiasanat pilkuilla.
hint-links = Linkit lisätietoihin, kuten palvelun omaan sivuun tai tietosuojaselosteeseen.
hint-unit = Organisaation yksikkö, joka käyttää järjestelmää.

## Arvot

lifecycle-idea = Idea
lifecycle-planning = Suunnittelu
lifecycle-procurement = Hankinta
lifecycle-development = Kehitys
lifecycle-pilot = Kokeilu
lifecycle-in-use = Käytössä
lifecycle-suspended = Keskeytetty
lifecycle-retired = Poistettu käytöstä
oversight-human-in-the-loop = Ihminen hyväksyy jokaisen tuloksen (human in the loop)
oversight-human-on-the-loop = Ihminen seuraa ja voi puuttua (human on the loop)
oversight-human-in-command = Ihminen päättää, milloin ja miten sitä käytetään (human in command)
oversight-fully-automated = Täysin automaattinen
classification-public = Julkinen
classification-internal = Sisäinen
classification-confidential = Luottamuksellinen
classification-secret = Salassa pidettävä
procurement-central = Keskitetysti hankittu
procurement-own-decision = Järjestelmän omistajan oma päätös
technique-rule-based = Sääntöpohjainen
technique-statistical = Tilastollinen malli
technique-machine-learning = Koneoppiminen
technique-deep-learning = Syväoppiminen
technique-generative-ai = Generatiivinen tekoäly
technique-hybrid = Tekniikoiden yhdistelmä
visibility-public = julkinen
visibility-internal = sisäinen
publication-draft = Luonnos
publication-published = Julkaistu
publication-withdrawn = Poistettu julkaisusta
change-created = Luotu
change-edited = Muokattu
change-published = Julkaistu
change-withdrawn = Poistettu julkaisusta
change-transitioned = Siirretty toiseen elinkaaren vaiheeseen
change-reviewed = Katselmoitu
role-org-admin = Organisaation pääkäyttäjä
role-editor = Rekisterin ylläpitäjä
role-system-owner = Järjestelmän omistaja
role-process-owner = Prosessin omistaja
role-approver = Tietosuoja-, tietoturva- ja arkkitehtuuriryhmä
role-ai-working-group = Tekoälytyöryhmä
role-viewer = Lukija
org-kind-region = Alue
org-kind-regional-council = Maakunnan liitto
org-kind-municipality = Kunta
org-kind-joint-authority = Kuntayhtymä
org-kind-unit = Yksikkö
org-kind-other = Muu organisaatio
country-FI = Suomi
country-SE = Ruotsi

## Kirjautuminen

login-title = Kirjaudu sisään
login-email = Sähköpostiosoite
login-password = Salasana
login-submit = Kirjaudu
login-failed = Sähköpostiosoite tai salasana on väärin.
login-help = Tunnukset luo organisaatiosi pääkäyttäjä. Ota häneen yhteyttä, jos et pääse kirjautumaan.

## Henkilöstön sivut

dashboard-title = Työpöytä
dashboard-welcome = Tervetuloa, { $name }.
dashboard-no-roles = Sinulla ei vielä ole roolia missään organisaatiossa. Pyydä organisaatiosi pääkäyttäjää lisäämään rooli.
dashboard-orgs-caption = Organisaatiosi ja niiden tekoälyjärjestelmät
column-organisation = Organisaatio
column-your-roles = Roolisi
column-actions = Toiminnot
column-field = Kenttä
column-change = Muutos
column-name = Nimi
column-email = Sähköposti
column-roles = Roolit
column-owner = Omistaja
column-token-start = Avaimen alku
column-created = Luotu
column-last-used = Viimeksi käytetty
roles-inherited = Ylemmän organisaation kautta
action-new-system = Uusi tekoälyjärjestelmä
action-new-system-in = Uusi tekoälyjärjestelmä: { $org }
action-members-of = Jäsenet: { $org }
action-edit = Muokkaa
action-history = Muutoshistoria
action-public-page = Julkinen sivu
action-publish = Julkaise
action-withdraw = Poista julkisesta rekisteristä
action-save = Tallenna
action-cancel = Peruuta
action-continue = Jatka
staff-systems-title = Tekoälyjärjestelmät
staff-systems-empty = Hakuehtoja vastaavia tekoälyjärjestelmiä ei löytynyt.
publish-blocked-title = Ennen julkaisua tarvitaan
conflict-title = Joku muu tallensi uudemman version
conflict-form = Tietue muuttui versioksi { $version } muokkauksesi aikana. Mitään ei tallennettu. Muutoksesi ovat yhä alla: vertaa niitä nykyiseen versioon ennen kuin tallennat uudelleen.
conflict-reload = Tietue muuttui sillä välin versioksi { $version }. Mitään ei muutettu; katso nykyinen versio ja yritä uudelleen.
new-title = Uusi tekoälyjärjestelmä
edit-title = Muokkaa tekoälyjärjestelmää
choose-org-label = Organisaatio, joka käyttää järjestelmää
form-intro = Luonnokseen tarvitaan vain nimi. Ennen julkaisua tarvitaan organisaation ensisijaisella kielellä tiivistelmä, kuvaus, käyttötarkoitus ja yhteystiedon sähköposti.
form-other-languages = Käännökset muille kielille
form-internal = { $field }: sisäinen, ei näy julkisessa rekisterissä
form-link-title = Linkin { $number } otsikko
form-link-url = Linkin { $number } osoite
history-title = Muutoshistoria
history-lead = Jokainen tallennettu versio, sen tekijä ja muutokset. Mitään ei koskaan kirjoiteta yli.
history-newest = Näytetään uusimmat { $count } versiota; rajapinnan tietuehistoria antaa ne kaikki.
history-changes-caption = Muutokset versiossa { $version }
diff-removed = poistettu:
diff-added = lisätty:

## API-avaimet

tokens-title = API-avaimet
tokens-lead = API-avaimella ohjelma voi käyttää rekisterin rajapintaa sinun oikeuksillasi. Pidä avaimet salassa ja mitätöi ne, joita et enää tarvitse.
tokens-none = Ei API-avaimia.
tokens-caption = API-avaimet
token-name = Avaimen nimi
token-name-hint = Mihin avainta käytetään, esimerkiksi ”verkkosivujen integraatio”.
token-create = Luo avain
token-created-title = Uusi API-avaimesi
token-created-lead = Kopioi avain nyt. Se näytetään vain tämän kerran; aireg säilyttää siitä vain sormenjäljen.
token-never-used = Ei koskaan
token-revoke = Mitätöi avain { $name }
token-revoked-at = Mitätöity { $time }

## Jäsenet

members-title = Jäsenet: { $org }
members-add-title = Kutsu henkilö
members-email = Sähköpostiosoite
members-email-hint = Henkilö saa sähköpostiviestin, jonka linkki toimii kerran, 7 päivän ajan. Hän saa roolin, kun hyväksyy kutsun; jos hänellä ei vielä ole käyttäjätunnusta, hän luo sen.
members-role = Rooli
members-add = Lähetä kutsu
members-list-title = Henkilöt ja heidän roolinsa
members-caption = Henkilöt, joilla on rooli organisaatiossa { $org }
members-remove = Poista rooli { $role } henkilöltä { $name }
members-choose-role = Valitse rooli.
members-tokens-title = Jäsenten API-avaimet
members-tokens-lead = Tämän organisaation roolinhaltijoiden API-avaimet. Mitätöi avain, jos se on voinut vuotaa tai sitä ei enää tarvita.

## Ongelmat (virhesivut ja rajapinnan ongelmaraportit)

problem-not-found-title = Ei löytynyt
problem-not-found-detail = Sivua tai tietuetta ei ole, tai sinulla ei ole siihen pääsyä.
problem-unauthorized-title = Kirjautuminen vaaditaan
problem-unauthorized-detail = Kirjaudu sisään tai lähetä voimassa oleva API-avain (Authorization: Bearer …).
problem-forbidden-title = Ei sallittu
problem-forbidden-detail = Roolisi eivät salli tätä.
problem-conflict-title = Ristiriitainen muutos
problem-conflict-detail = Joku tallensi ensin version { $version }. Mitään ei muutettu; hae nykyinen versio ja yritä uudelleen.
problem-invalid-title = Virheellisiä tietoja
problem-invalid-detail = Osa arvoista ei kelpaa.
problem-bad-request-title = Virheellinen pyyntö
problem-bad-request-detail = Pyyntöä ei ymmärretty.
problem-unsupported-media-type-title = Sisältötyyppiä ei tueta
problem-unsupported-media-type-detail = Lähetä sisältö muodossa application/json (rajapinta) tai lomakkeena (sivut).
problem-payload-too-large-title = Liian suuri
problem-payload-too-large-detail = Pyynnön sisältö on sallittua suurempi.
problem-method-not-allowed-title = Menetelmä ei ole sallittu
problem-method-not-allowed-detail = Tämä osoite ei hyväksy tätä menetelmää.
problem-too-many-requests-title = Liian monta yritystä
problem-too-many-requests-detail = Liian monta epäonnistunutta yritystä. Odota hetki ja yritä uudelleen.
problem-internal-title = Jokin meni vikaan
problem-internal-detail = Palvelu ei voinut suorittaa pyyntöä. Jo tallennettu on tallessa; yritä myöhemmin uudelleen.
error-request-id = Mainitse tämä tunniste, kun ilmoitat ongelmasta:

## Kenttävirheet

error-required = Anna arvo.
error-too-long = Käytä enintään { $max } merkkiä.
error-invalid-choice = Valitse jokin tarjotuista arvoista ({ $allowed }).
error-invalid-email = Anna sähköpostiosoite, esimerkiksi nimi@esimerkki.fi.
error-invalid-url = Anna osoite, joka alkaa https:// tai http://.
error-invalid-date = Anna päivämäärä muodossa VVVV-KK-PP.
error-end-before-start = Päättymispäivä ei voi olla ennen alkamispäivää.
error-invalid-y-tunnus = Anna Y-tunnus, esimerkiksi 0208201-1 (tarkistusnumero tarkistetaan).
error-invalid-orgnr = Anna ruotsalainen organisaationumero, esimerkiksi 212000-2197 (tarkistusnumero tarkistetaan).
error-unknown-reference = Valitse jokin tarjotuista vaihtoehdoista.
error-too-many = Anna enintään { $max }.
error-missing-primary-language = Tarvitaan organisaation ensisijaisella kielellä ({ $lang }).
error-password-too-short = Käytä vähintään { $min } merkkiä.
error-taken = Tämä on jo käytössä.
error-invalid-slug = Käytä vain pieniä kirjaimia a–z, numeroita ja yhdysmerkkejä.
error-unreadable = Arvoa ei voitu lukea: { $detail }
error-use-transition = Elinkaaren vaihe vaihdetaan järjestelmän hallintasivun siirtopainikkeilla, jotka tarkistavat ohjeistuksen vaatimukset. Uusi järjestelmä aloitetaan ideana tai suunnittelu-, hankinta- tai kehitysvaiheessa.
error-too-large = Tiedosto saa olla enintään { $mib } Mt.
error-control-character = Poista tekstistä ohjausmerkit (kuten NUL).
error-line-break = Kirjoita arvo yhdelle riville (ilman rivinvaihtoja).

## Tekoälysäädöksen mukainen luokittelu

category-not-ai = Ei tekoälyjärjestelmä
category-not-ai-lead = Järjestelmä ei ole tekoälysäädöksen 3 artiklan 1 alakohdassa tarkoitettu tekoälyjärjestelmä, joten säädöstä ei sovelleta siihen.
category-excluded = Tekoälysäädöksen ulkopuolella
category-excluded-lead = Järjestelmä on rajattu tekoälysäädöksen ulkopuolelle 2 artiklan perusteella.
category-prohibited = Kielletty käytäntö
category-prohibited-lead = Käyttö kuuluu tekoälysäädöksen 5 artiklassa kiellettyihin käytäntöihin. Järjestelmää ei saa saattaa markkinoille, ottaa käyttöön eikä käyttää.
category-high-risk = Suuririskinen tekoälyjärjestelmä
category-high-risk-lead = Järjestelmä on suuririskinen tekoälysäädöksen 6 artiklan mukaan. ”Suuririskinen” on oikeudellinen luokka, josta seuraa erityisiä velvoitteita; se ei kerro riskin suuruudesta.
category-limited = Läpinäkyvyysvelvoitteet
category-limited-lead = Järjestelmä ei ole suuririskinen, mutta 50 artiklan mukaan ihmisille on kerrottava tekoälystä.
category-minimal = Vähäinen riski
category-minimal-lead = Tekoälysäädöksen erityiset velvoitteet eivät koske itse järjestelmää; organisaation tekoälylukutaitoa koskeva velvoite (4 artikla) on silti voimassa.
category-gpai-model = Yleiskäyttöinen tekoälymalli
category-gpai-model-lead = Organisaatio tarjoaa yleiskäyttöistä tekoälymallia; tekoälysäädöksen V luku koskee sitä.
category-incomplete = Luokittelu kesken
category-incomplete-lead = Luokittelun loppuun saattaminen vaatii vielä vastauksia.
route-annex-i = Liite I (tuoteturvallisuuslainsäädäntö)
route-annex-iii = Liite III (luetellut suuririskiset alueet)
date-status-in-force = voimassa
date-status-adopted-not-in-oj = hyväksytty, ei vielä julkaistu Euroopan unionin virallisessa lehdessä
date-status-proposed = ehdotettu, ei hyväksytty
ai-role-provider = tarjoaja
ai-role-deployer = käyttöönottaja
ai-role-importer = maahantuoja
ai-role-distributor = jakelija
ai-role-authorised-representative = valtuutettu edustaja
ai-role-product-manufacturer = tuotteen valmistaja
transparency-50-1 = 50 art. 1 kohta: ihmisille on kerrottava, että he ovat vuorovaikutuksessa tekoälyjärjestelmän kanssa (tarjoajan velvoite)
transparency-50-2 = 50 art. 2 kohta: tuotettu sisältö on merkittävä keinotekoisesti tuotetuksi (tarjoajan velvoite)
transparency-50-3 = 50 art. 3 kohta: tunteiden tunnistamisen tai biometrisen luokittelun kohteille on kerrottava siitä (käyttöönottajan velvoite)
transparency-50-4 = 50 art. 4 kohta: syväväärennökset ja yleistä etua koskevista asioista julkaistu tekoälyn tuottama teksti on ilmoitettava (käyttöönottajan velvoite)
classification-title = Tekoälysäädöksen mukainen luokittelu
classification-none = Ei vielä luokiteltu.
classification-current = Nykyinen luokittelu
classification-start = Luokittele kyselyllä
classification-again = Luokittele uudelleen
classification-history = Aiemmat luokittelut
classification-by = { $time }, { $name }
classification-pack = Sisältöpaketin versio { $version }
classification-route = Peruste
classification-annex-iii = Liitteen III alue
classification-derogated = 6 artiklan 3 kohdan poikkeus soveltuu: ei suuririskinen, mutta tarjoajan on dokumentoitava arvio ja rekisteröitävä järjestelmä (49 art. 2 kohta).
classification-transparency = Läpinäkyvyysvelvoitteet
classification-fria = Perusoikeuksia koskeva vaikutustenarviointi (27 artikla)
classification-fria-required = Vaaditaan ennen käyttöönottoa
classification-fria-not-required = Ei vaadita organisaatiolta
classification-registration = Rekisteröinti EU:n tietokantaan
classification-registration-none = Ei vaadita organisaatiolta
classification-missing = Vielä tarvitaan
classification-obligations = Organisaation velvoitteet
classification-obligations-none = Ei organisaation omia velvoitteita.
classification-explanation = Perustelut
classification-answers = Vastaukset ja perustelut
classification-source = Miten tehty
run-source-questionnaire = kyselyllä
run-source-api = rajapinnan kautta
run-source-pack-update = uusi sisältöpaketti otettu käyttöön
run-source-import = tuotu tietueiden mukana
column-article = Artikla
column-obligation = Velvoite
column-applies-from = Sovelletaan alkaen
column-addressee = Kenen velvoite
column-question = Kysymys
column-answer = Vastaus
column-justification = Perustelu
column-status = Tila
column-responsible = Vastuuhenkilö
column-system = Tekoälyjärjestelmä
column-category = Luokka
column-pack-version = Paketin versio
column-changes = Muutokset
obligation-organisation-level = koko organisaatio
questionnaire-title = Tekoälysäädöksen kysely
questionnaire-lead = Yksi kysymys kerrallaan. Vastaukset ja perustelut tallennetaan yhdessä, kun saat kyselyn valmiiksi.
questionnaire-step = Kysymys { $number }
questionnaire-examples = Esimerkkejä
questionnaire-legal-ref = Oikeusperusta
questionnaire-terms = Käsitteet
questionnaire-justification = Perustelu
questionnaire-justification-hint = Miksi tämä vastaus: mitä tarkistit ja mistä. Tallennetaan luokittelun yhteyteen.
questionnaire-previous = Aiemmin vastattu
questionnaire-next = Seuraava
questionnaire-back = Takaisin
questionnaire-summary = Tarkista ja tallenna
questionnaire-summary-lead = Kaikkiin tälle järjestelmälle merkityksellisiin kysymyksiin on vastattu. Tarkista tulos ja vastaukset ja tallenna.
questionnaire-save = Tallenna luokittelu
questionnaire-none-hint = jätä kaikki valitsematta
questionnaire-choose = Valitse vastaus.
questionnaire-invalid = Vastaukset eivät sovi yhteen: { $detail }
flash-classified = Luokittelu tallennettiin ja velvoitteet päivitettiin.
flash-obligation-saved = Velvoite päivitettiin.
flash-pack-applied = Uusi sisältöpaketti otettiin käyttöön.

## Velvoitteet

obligations-title = Tekoälysäädöksen velvoitteet: { $org }
obligations-lead = Jokainen luokittelujen organisaatiolle tuottama velvoite, sen päivämäärä, vastuuhenkilö ja näyttö sen täyttämisestä.
obligations-show = Näytä
obligations-open = Avoimet
obligations-overdue = Myöhässä
obligations-all = Kaikki, myös päättyneet
obligations-none = Ei velvoitteita.
obligations-overdue-badge = myöhässä
obligations-ended = luokittelu ei enää tuota tätä
obligation-status-todo = Tekemättä
obligation-status-in-progress = Työn alla
obligation-status-done = Tehty
obligation-status-not-applicable = Ei sovellu
obligation-reason = Miksi ei sovellu
obligation-reason-hint = Pakollinen, kun tila on ”Ei sovellu”.
obligation-evidence-title = Näytön { $number } otsikko
obligation-evidence-url = Näytön { $number } osoite
obligation-save = Tallenna
action-obligations-of = Velvoitteet: { $org }
action-classification = Tekoälysäädöksen luokittelu
field-reason = Perustelu
field-responsible = Vastuuhenkilö
field-evidence = Näyttö
field-status = Tila

## Sisältöpaketin päivitykset

pack-title = Tekoälysäädöksen sisältöpaketti
pack-lead = Laki datana: kysymykset, säännöt, velvoitteet ja päivämäärät, joilla aireg luokittelee. Uusi versio muuttaa luokitteluja vasta, kun pääkäyttäjä ottaa sen käyttöön.
pack-version = Versio { $version }, lainsäädännön tila { $date }
pack-changelog = Muutokset
pack-dry-run = Tämän version vaikutus tallennettuihin luokitteluihin
pack-dry-run-lead = Jokainen toisella versiolla luokiteltu tietue luokiteltuna uudelleen tällä versiolla tallennettujen tosiasioiden perusteella. Mitään ei tallenneta ennen käyttöönottoa.
pack-stale-total = Toisella versiolla luokiteltuja tietueita: { $count }.
pack-shown-first = Näytetään ensimmäiset { $count }. Käyttöönotto käy läpi organisaation kaikki tietueet, enintään { $most } kullakin painalluksella.
pack-up-to-date = Kaikki näkemäsi luokittelut käyttävät tätä versiota.
pack-apply = Ota käyttöön: { $org }
pack-added = lisätty: { $list }
pack-removed = poistettu: { $list }
pack-redated = päivämäärä muuttui: { $list }
pack-unchanged = velvoitteet eivät muutu
pack-reclassify = luokiteltava uudelleen: tallennetut vastaukset eivät riitä uudelle versiolle, joten käyttöönotto ei muuta tätä

## Open data and the API page
footer-open-data = Avoin data
feed-title = Tekoälyrekisteri: julkaistut muutokset
opendata-title = Avoin data
opendata-lead = Julkisen rekisterin voi ladata kokonaan tai organisaatio kerrallaan: yksi rivi kutakin julkaistua tekoälyjärjestelmää kohden, vain julkiset tiedot. Jokaisella rivillä on tietueen pysyvä tunniste, jolla myöhemmän latauksen voi yhdistää aiempaan.
opendata-licence = Lisenssi:
opendata-whole = Koko rekisteri
opendata-csv = CSV (UTF-8, pilkuin eroteltu, ensimmäinen rivi nimeää sarakkeet)
opendata-xlsx = Excel-työkirja (XLSX)
opendata-json = JSON
opendata-changes = Muutokset ja rajapinta
opendata-changes-text = Uusimmat julkaistut muutokset ovat myös syötteenä, jota syötteenlukijat ja haravoijat voivat seurata:
opendata-feed = Atom-syöte
opendata-api-text = Ohjelmat voivat lukea rekisteriä tietue kerrallaan avoimen rajapinnan kautta:
opendata-by-org = Organisaatioittain
opendata-by-org-caption = Yhden organisaation (ja sen alaisten organisaatioiden) lataukset
opendata-downloads = Lataukset
opendata-columns = Sarakkeiden merkitys
opendata-columns-text = CSV-tiedostossa, työkirjassa ja JSON-tiedostossa on samat sarakkeet. Tekstit ovat suomeksi (_fi), ruotsiksi (_sv) ja englanniksi (_en) sikäli kuin organisaatio on ne kirjoittanut; tyhjä solu tarkoittaa, ettei tieto ole julkinen tai sitä ei ole annettu.
opendata-col-id = Tietueen pysyvä tunniste (UUID).
opendata-col-url = Tietueen osoite julkisessa rekisterissä.
opendata-col-organisation = Järjestelmää käyttävän organisaation lyhyt nimi (tunnus).
opendata-col-organisation-name = Organisaation nimi.
opendata-col-unit = Käytöstä vastaava organisaation yksikkö.
opendata-col-name = Järjestelmän nimi.
opendata-col-summary = Lyhyt kuvaus.
opendata-col-description = Kuvaus asukkaille: mitä järjestelmä tekee ja miten.
opendata-col-purpose = Miksi järjestelmää käytetään.
opendata-col-affected-groups = Keihin käyttö vaikuttaa.
opendata-col-legal-basis = Käytön ja mahdollisen henkilötietojen käsittelyn oikeusperuste.
opendata-col-human-oversight = Miten ihmiset valvovat järjestelmää.
opendata-col-data-description = Järjestelmän käyttämät tiedot.
opendata-col-keywords = Asiasanat puolipistein eroteltuina.
opendata-col-lifecycle = Vaihe: idea, planning (suunnittelu), procurement (hankinta), development (kehitys), pilot (kokeilu), in_use (käytössä), suspended (keskeytetty) tai retired (poistettu käytöstä).
opendata-col-category = EU:n tekoälysäädöksen mukainen luokka viimeisimmästä luokittelusta: not_ai, excluded, prohibited, high_risk, limited, minimal, gpai_model tai incomplete.
opendata-col-flags = yes tai no: käsitelläänkö henkilötietoja, erityisiä henkilötietoryhmiä tai muita arkaluonteisia tietoja ja osallistuuko järjestelmä henkilöitä koskeviin päätöksiin.
opendata-col-oversight-mode = Miten ihminen on mukana: human_in_the_loop, human_on_the_loop tai human_in_command.
opendata-col-technique = Tekniikan laji, kuten machine_learning tai generative_ai.
opendata-col-product = Käytetty tuote ja sen toimittaja.
opendata-col-dates = Milloin käyttö alkoi ja päättyi (VVVV-KK-PP).
opendata-col-contact = Keneltä käytöstä voi kysyä.
opendata-col-eu-registration = Rekisteröinti EU:n suuririskisten tekoälyjärjestelmien tietokantaan, jos sellainen on.
opendata-col-published = Milloin tietue julkaistiin ensimmäisen kerran ja muuttui viimeksi (VVVV-KK-PP) sekä sen versionumero.
opendata-col-licence = Rivin lisenssi (SPDX-tunniste).
api-title = Rajapinta
api-lead = Rekisterin rajapinta vastaa JSON-muodossa. Julkiset toiminnot eivät vaadi kirjautumista, ja niitä voi kutsua miltä tahansa verkkosivulta; muut vaativat API-avaimen, jonka kirjautunut henkilöstö luo avainsivullaan.
api-document = Koneluettava kuvaus (OpenAPI 3.1):
api-needs-token = Vaatii API-avaimen.
api-open = Avoin kaikille.
api-parameters = Parametrit
api-parameter = Parametri
api-in = Missä
api-meaning = Merkitys
api-required = pakollinen
api-responses = Vastaukset
api-status = Tila

## How the AI Act is cited
annex-iii-point = liite III, { $number } kohta
annex-iii-point-letter = liite III, { $number } kohdan { $letter } alakohta

## Impact assessments on the public page
public-assessments-title = Vaikutustenarvioinnit
public-assessments-none = Tästä käytöstä ei ole tehty valmista vaikutustenarviointia.
public-assessment-done = { $title }: valmistunut { $date }

## Public organisation pages
org-part-of = Osa organisaatiota
org-website = Verkkosivut
org-business-id = Y-tunnus
org-policy = Tekoälyperiaatteet
org-no-policy = Organisaation tekoälyperiaatteita ei ole kirjattu.
org-all-systems = Kaikki sen tekoälyjärjestelmät rekisterissä
org-about-open-data = Tietoa avoimesta datasta ja sen lisenssistä

## The accessibility statement and the privacy notice
site-text-accessibility = Saavutettavuusseloste
site-text-privacy = Tietosuojaseloste
site-text-form-lead = Kirjoita teksti jokaisella kielellä. Erota kappaleet tyhjällä rivillä. Tyhjä kenttä palauttaa sisäänrakennetun tekstin.
feedback-privacy-link = Tietosuojaseloste
site-text-accessibility-default =
    Tämä seloste koskee tekoälyrekisterin julkisia sivuja. Rekisterin ylläpitäjä täydentää sen oman arvionsa päivämäärällä ja yhteystiedoillaan.
    Sivujen on tarkoitus täyttää WCAG 2.1 -ohjeiston AA-tason vaatimukset. Jokainen sivu toimii ilman JavaScriptiä ja pelkällä näppäimistöllä, ja saavutettavuusongelmat tarkistetaan automaattisesti aina, kun ohjelmistoa muutetaan; sivut ovat suomeksi, ruotsiksi ja englanniksi.
    Tunnetut puutteet: tekstit, jotka organisaatio on kirjoittanut vain yhdellä kielellä, näytetään sillä kielellä (ja merkitään ruudunlukijoille); ladattavat taulukot (XLSX) ja koneluettava syöte eivät ole luettaviksi tarkoitettuja asiakirjoja.
    Jos huomaat saavutettavuusongelman, kerro siitä minkä tahansa tietueen palautelomakkeella tai organisaation ilmoittamalla yhteystiedolla. Vastaamme 14 päivän kuluessa.
    Jos et ole tyytyväinen vastaukseen, voit kääntyä valvontaviranomaisen puoleen: Etelä-Suomen aluehallintoviraston saavutettavuuden valvonta (www.saavutettavuusvaatimukset.fi).
site-text-privacy-default =
    Tässä selosteessa kerrotaan, mitä henkilötietoja tekoälyrekisteri käsittelee ja miksi (EU:n yleinen tietosuoja-asetus, 13 ja 14 artikla). Rekisterin ylläpitäjä täydentää sen omilla ja tietosuojavastaavansa yhteystiedoilla.
    Palaute: kun lähetät palautetta tietueesta, rekisteri tallentaa viestisi sekä nimesi ja sähköpostiosoitteesi, jos annat ne. Niitä käytetään vain palautteen käsittelyyn ja siihen vastaamiseen, ja ne näkevät vain järjestelmää käyttävän organisaation työntekijät. Rekisterinpitäjä on tämä organisaatio; käsittelyn peruste on sen julkinen tehtävä (6 artiklan 1 kohdan e alakohta). Palaute säilytetään organisaation tiedonhallintasuunnitelman mukaisen ajan.
    Henkilöstö: rekisteri tallentaa kunkin käyttäjätilin nimen, sähköpostiosoitteen ja kielen, sen roolit sekä lokin kunkin henkilön rekisteriin tekemistä muutoksista, jotta voidaan osoittaa, kuka päätti mitäkin (6 artiklan 1 kohdan c ja e alakohta).
    Tietoturva: salasanojen arvaamisen estämiseksi epäonnistuneet kirjautumiset tallennetaan osoitteineen ja poistetaan vuorokauden kuluttua.
    Sinulla on oikeus tietää, mitä tietoja sinusta käsitellään, saada virheelliset tiedot korjatuiksi ja tehdä valitus tietosuojavaltuutetulle (tietosuoja.fi).
site-text-edit = Muokkaa tekstiä

## The DCAT-AP catalogue
dcat-catalogue-description = Organisaatioiden käyttämät tekoälyjärjestelmät: mihin niitä käytetään, kuka niistä vastaa, miten ne luokitellaan EU:n tekoälysäädöksen mukaan ja mitkä vaikutustenarvioinnit on tehty.
dcat-dataset-description = Yksi tietue kutakin julkaistua tekoälyjärjestelmää kohden, vain julkiset tiedot, CSV-, XLSX- ja JSON-muodossa.
dcat-keyword = tekoäly
opendata-standards = Tietuestandardeissa
opendata-standards-text = Samat julkaistut tietueet muissa rekistereissä käytetyissä muodoissa. Standardi ei voi sisältää kaikkea, mitä aireg tallentaa: esimerkiksi hollantilainen standardi on tehty hollanninkielisille teksteille, eikä siinä ole paikkaa tekoälysäädöksen mukaiselle luokalle; mitä jää pois, luetellaan, kun vienti tehdään aireg export -komennolla.
opendata-standard-nl = Alankomaiden algoritmirekisterin julkaisustandardi 1.0 (JSON)
opendata-standard-eu = EU:n suuririskisten tekoälyjärjestelmien tietokanta: mitä viranomainen rekisteröi (tekoälysäädöksen liite VIII, C-osa; JSON)
opendata-standard-dcat = Aineistojen kuvaus (DCAT-AP 3, Turtle)

## Import
import-create = luotaisiin
import-update = päivitettäisiin
import-unchanged = ennallaan
import-refused = ei tuoda
import-by-id = (tunnistettu tunnisteesta)
import-by-name = (tunnistettu nimestä)
import-row = Rivi
import-summary = Uusia: { $create }, muuttuneita: { $update }, ennallaan: { $unchanged }, tuomatta: { $refused }.
import-saved = Tuonti tallennettiin.
import-dry-run = Tämä oli koeajo: mitään ei tallennettu.
import-nothing-saved = Mitään ei tallennettu: korjaa yllä mainitut rivit ja tuo uudelleen, tai tuo vain rivit, joissa ei ole ongelmia.
import-no-rows = Tiedostossa ei ole tuotavia rivejä.
import-too-many-rows = Tiedostossa on yli { $max } riviä: tuo se osissa.
import-lifecycle-kept = pysyy tilassa ”{ $status }”; siirto tilaan ”{ $wanted }” tehdään tietueen hallinnan kautta
import-may-not-edit = sinulla ei ole oikeutta muokata tätä tietuetta
import-may-not-create = et voi lisätä tämän organisaation rekisteriin
import-may-not-publish = tallennetaan luonnoksena: sinulla ei ole oikeutta julkaista
import-stays-draft = tallennetaan luonnoksena: julkaiseminen edellyttää kentät { $fields }
import-unknown-columns = Tuntemattomat sarakkeet: { $columns }. Käytä mallipohjan sarakkeita.
import-no-name-column = Tiedostossa ei ole nimisaraketta (name_fi, name_sv tai name_en).
import-other-organisation = rivi kuuluu toiselle organisaatiolle ({ $org })
import-category-not-read = tekoälysäädöksen mukainen luokka tulee tietueen luokittelusta, eikä sitä tuoda
import-nl-shape = Tiedosto ei ole hollantilaisen julkaisustandardin mukainen tietue tai luettelo niistä.
import-nl-language = standardin tekstit tallennetaan kielellä { $lang }
import-nl-month = kuukausi muodossa VVVV-KK
import-no-such-field = airegissa ei ole tällaista kenttää; ei tuoda
opendata-col-description-technical = Miten järjestelmä toimii, tarkempia tietoja haluaville.
opendata-col-publication = published ladattavan tiedoston jokaisella rivillä; tuonnissa draft (luonnos) tai published (julkaistu).
import-changes = muuttuu: { $fields }
import-title = Tuo tietueita
import-lead = Tuo tietueita taulukosta tai toisesta rekisteristä organisaatioon. Näet ensin rivi riviltä, mitä luotaisiin tai muutettaisiin ja mikä on vialla; mitään ei tallenneta ennen kuin vahvistat.
import-template = Mallipohja (CSV)
import-report = Mitä tiedosto tekisi
import-what = Tulos
import-details = Tiedot
import-format = Muoto
import-file = Tiedosto
import-check = Tarkista tiedosto
import-confirm = Tuo
import-confirm-partial = Tuo rivit, joissa ei ole ongelmia
import-file-too-large = Tiedosto on suurempi kuin { $mib } MiB: tuo se osissa tai aireg import -komennolla.
import-format-csv = CSV (avoimen datan sarakkeet)
import-format-xlsx = Excel-työkirja (avoimen datan sarakkeet)
import-format-nl-algoritmeregister = Alankomaiden algoritmirekisterin julkaisustandardi 1.0 (JSON)

## Areas of public services (COFOG)
field-theme = Palvelualue
theme-general-public-services = Yleinen julkishallinto
theme-defence = Puolustus
theme-public-order-and-safety = Yleinen järjestys ja turvallisuus
theme-economic-affairs = Elinkeinot, liikenne ja energia
theme-environmental-protection = Ympäristönsuojelu
theme-housing-and-community-amenities = Asuminen, vesihuolto ja yhdyskunnat
theme-health = Terveydenhuolto
theme-recreation-culture-and-religion = Vapaa-aika, kulttuuri ja kirjastot
theme-education = Koulutus
theme-social-protection = Sosiaaliturva ja sosiaalipalvelut
filter-theme = Palvelualue
filter-all-themes = Kaikki palvelualueet
opendata-col-theme = Palvelualue YK:n julkisyhteisöjen tehtäväluokituksen (COFOG) pääluokkana: general_public_services, defence, public_order_and_safety, economic_affairs, environmental_protection, housing_and_community_amenities, health, recreation_culture_and_religion, education tai social_protection.
opendata-standard-eurocities = Eurocitiesin algoritmien läpinäkyvyysstandardi v0.3.1 (JSON)
import-eurocities-shape = Tiedosto ei ole Eurocities-standardin mukainen tietue tai luettelo niistä.
import-format-eurocities = Eurocitiesin algoritmien läpinäkyvyysstandardi v0.3.1 (JSON)
opendata-standard-atrs = Ison-Britannian algoritmisen läpinäkyvyyden kirjausstandardi (ATRS): v3.0-pohjan kentät (JSON)
import-format-atrs = Ison-Britannian algoritmisen läpinäkyvyyden kirjausstandardi (JSON: pohjan kentät tai GOV.UK:n tietueet)
import-atrs-shape = Tiedosto ei ole ATRS-tietue (pohjan kentät tai GOV.UK:n tietue) tai luettelo niistä.
import-duplicate = tiedoston toinen rivi koskee samaa tietuetta
opendata-licence-column = Lisenssi
