## API-avaimet: organisaatio, laajuus, voimassaolo

problem-insufficient-scope-title = Avaimen laajuus ei riitä
problem-insufficient-scope-detail = Tämän avaimen laajuus on { $held }; tämä toiminto vaatii laajuuden { $needed }. Luo avain, jonka laajuus riittää.
problem-token-expired-title = Avain vanhentunut
problem-token-expired-detail = Tämä API-avain on vanhentunut. Luo uusi API-avaimet-sivulla.
token-scope-read = Luku
token-scope-read-hint = lukea organisaation tietueita, myös julkaisemattomia
token-scope-write = Kirjoitus
token-scope-write-hint = myös luoda ja muokata tietueita, viedä niitä hallintaprosessin läpi, ilmoittaa poikkeamista
token-scope-publish = Julkaisu
token-scope-publish-hint = myös julkaista ja poistaa julkaisusta, päättää hyväksynnöistä, hyväksyä arvioinnit
token-scope-admin = Ylläpito
token-scope-admin-hint = kaikki, mitä roolisi sallivat, myös organisaation jäsenet
token-scope = Mitä avaimella saa tehdä
token-org = Organisaatio
token-org-hint = Avain toimii vain tässä organisaatiossa ja sen yksiköissä.
token-every-organisation = Kaikki organisaatiot
token-expires-in = Voimassa
token-lifetime-days = { $days } päivää
token-no-expiry = Ei vanhene (luotu ennen kuin avaimet vanhenivat)
token-expired-at = Vanhentunut { $time }
column-expires = Vanhenee
error-invalid-lifetime = Anna aika muodossa 30m, 12h tai 90d.
error-lifetime-too-long = Avain voi olla voimassa enintään { $max } päivää.
error-password-mismatch = Salasanat eroavat. Kirjoita sama uusi salasana kahdesti.
error-wrong-password = Tämä ei ole nykyinen salasanasi.
error-wrong-code = Koodi ei ole voimassa oleva. Tarkista puhelimesi kellonaika ja kirjoita sovelluksen nyt näyttämät kuusi numeroa.

## Oma käyttäjätunnus: salasana ja istunnot

nav-account = Oma tunnus
account-title = Oma tunnus
account-unknown-browser = Tuntematon selain
account-with-password = Salasana
account-with-provider = Tunnistuspalvelu { $issuer }
account-password-title = Vaihda salasana
account-current-password = Nykyinen salasana
account-new-password = Uusi salasana
account-new-password-hint = Vähintään 12 merkkiä. Muutama toisiinsa liittymätön sana on hyvä salasana.
account-repeat-password = Uusi salasana uudelleen
account-change-password = Vaihda salasana
account-sessions-title = Missä olet kirjautuneena
account-sessions-lead = Jokainen selain, jolla olet kirjautunut. Päätä istunnot, joita et tunnista tai et enää käytä; salasanan vaihto päättää kaikki muut paitsi tämän.
account-browser = Selain
account-how = Kirjautumistapa
account-started = Kirjautunut
account-last-seen = Viimeksi käytetty
account-this-session = tämä selain
account-end-this = Kirjaudu ulos tästä
account-end-session = Päätä istunto, joka alkoi { $started }
account-end-others = Kirjaudu ulos kaikkialta muualta
flash-password-changed = Salasanasi vaihdettiin. Muut istuntosi päätettiin.
flash-sessions-ended = Istunto päätettiin.

## Kutsut ja jäsenet

flash-member-invited = Kutsu lähetettiin. Henkilö saa roolin, kun hän hyväksyy kutsun.
flash-member-disabled = Käyttäjätunnus poistettiin käytöstä: sillä ei voi kirjautua, ja sen istunnot päätettiin.
flash-member-enabled = Käyttäjätunnus otettiin taas käyttöön.
flash-invitation-accepted = Tervetuloa! Sinulla on nyt rooli, johon sinut kutsuttiin.
members-invitations-title = Hyväksymättömät kutsut
members-invitations-caption = Lähetetyt kutsut, joita ei ole vielä hyväksytty
members-account = Käyttäjätunnus
members-disabled = Pois käytöstä
members-in-use = Käytössä
members-enable = Ota käyttöön henkilön { $name } tunnus
members-disable = Poista käytöstä henkilön { $name } tunnus
members-not-yourself = Et voi poistaa käytöstä omaa tunnustasi.
members-elsewhere = Henkilöllä on rooleja myös toisessa organisaatiossa, joten tämä organisaatio ei voi poistaa hänen tunnustaan käytöstä. Poista sen sijaan hänen roolinsa täällä.
invitation-title = Kutsu aireg-palveluun
invitation-lead = Sinut kutsutaan rooliin { $role } organisaatiossa { $organisation } aireg-tekoälyrekisterissä. Kutsu on osoitteelle { $email }.
invitation-accept = Hyväksy kutsu
invitation-other-account = Kutsu on osoitteelle { $email }, mutta olet kirjautunut tunnuksella { $other }. Kirjaudu ensin ulos ja avaa linkki uudelleen.
invitation-sign-in = Tälle osoitteelle on jo käyttäjätunnus: kirjaudu sisään hyväksyäksesi kutsun
invitation-create-lead = Luo käyttäjätunnuksesi: anna nimesi ja valitse salasana.
invitation-name = Nimesi
invitation-create = Luo tunnus ja hyväksy
link-gone-title = Linkki ei enää toimi
link-gone-lead = Linkki on jo käytetty, vanhentunut tai katkennut. Pyydä uusi: organisaation pääkäyttäjä voi kutsua sinut uudelleen, ja uuden salasanan vaihtolinkin voi pyytää alta.

## Unohtunut salasana

login-forgot = Unohtuiko salasana?
login-passwords-off = Organisaatiosi kirjaa ihmisensä sisään omalla tunnistuspalvelullaan. Käytä alla olevaa kirjautumista organisaatiosi tunnuksella.
reset-request-title = Salasanan vaihto
reset-request-lead = Anna käyttäjätunnuksesi sähköpostiosoite. Lähetämme siihen linkin uuden salasanan valitsemiseksi; linkki toimii kerran, tunnin ajan.
reset-request-submit = Lähetä linkki
reset-request-sent = Jos { $email } on salasanalla kirjautuvan käyttäjätunnuksen osoite, siihen on lähtenyt linkki uuden salasanan valitsemiseksi. Linkki toimii kerran, tunnin ajan.
reset-title = Valitse uusi salasana
reset-lead = Tämän jälkeen muut istuntosi päättyvät ja API-avaimesi lakkaavat toimimasta.
reset-submit = Tallenna uusi salasana
flash-password-reset = Salasanasi on asetettu. Kirjaudu sillä sisään.
mail-footer-account = aireg, tekoälyrekisteri. Saat tämän viestin, koska joku pyysi sitä sähköpostiosoitteellasi; jos se et ollut sinä, sinun ei tarvitse tehdä mitään.
mail-invitation-subject = Kutsu organisaatioon { $organisation } aireg-palvelussa
mail-invitation-body =
    Hei,

    { $inviter } kutsuu sinut rooliin { $role } organisaatiossa { $organisation } aireg-tekoälyrekisterissä.

    Hyväksy kutsu täällä (linkki toimii kerran, { $days } päivän ajan):
    { $link }
mail-password-reset-subject = Uuden salasanan valinta aireg-palveluun
mail-password-reset-body =
    Hei,

    aireg-käyttäjätunnuksellesi pyydettiin uutta salasanaa. Valitse se täällä (linkki toimii kerran, { $minutes } minuutin ajan):
    { $link }

    Jos et pyytänyt sitä, salasanasi pysyy ennallaan.

## Kirjautuminen organisaation omalla tunnuksella (OpenID Connect)

sso-title = Kirjaudu organisaatiosi tunnuksella
sso-email = Työsähköpostiosoitteesi
sso-email-hint = Jos organisaatiosi kirjaa sinut sisään omalla palvelullaan (esimerkiksi Microsoft Entra ID), sinut ohjataan sinne.
sso-submit = Jatka organisaatiosi kirjautumiseen
sso-no-provider = Mikään aireg-palvelun organisaatio ei kirjaa tämän osoitteen käyttäjiä sisään omalla palvelullaan. Kirjaudu salasanallasi.
sso-provider-unavailable = Organisaatiosi kirjautumispalveluun ei saatu yhteyttä. Yritä hetken päästä uudelleen; jos vika jatkuu, kerro organisaatiosi aireg-pääkäyttäjälle.
sso-provider-denied = Organisaatiosi kirjautumispalvelu ei kirjannut sinua aireg-palveluun.
sso-unknown-state = Tätä kirjautumista ei aloitettu tällä selaimella, se on jo käytetty tai se kesti liian kauan. Aloita alusta.
sso-bad-audience = Kirjautumispalvelun vastaus oli tarkoitettu toiselle palvelulle, ei aireg-palvelulle. Sinua ei kirjattu sisään.
sso-bad-issuer = Vastaus tuli eri kirjautumispalvelusta kuin organisaatiosi. Sinua ei kirjattu sisään.
sso-bad-signature = Kirjautumispalvelun vastaus ei ollut sen allekirjoittama. Sinua ei kirjattu sisään.
sso-expired = Kirjautumispalvelun vastaus oli vanhentunut. Aloita alusta.
sso-bad-nonce = Kirjautumispalvelun vastaus kuului toiseen kirjautumiseen. Sinua ei kirjattu sisään.
sso-bad-token = Kirjautumispalvelun vastausta ei voitu tarkistaa. Sinua ei kirjattu sisään.
sso-no-email = Kirjautumispalvelu ei antanut sinulle vahvistettua sähköpostiosoitetta. Kysy organisaatiosi pääkäyttäjältä.
sso-unknown-domain = Sähköpostiosoitteesi ei ole verkkotunnuksessa, jonka käyttäjiä organisaatiosi kirjautumispalvelu kirjaa aireg-palveluun.
sso-disabled = aireg-käyttäjätunnuksesi on poistettu käytöstä.
sso-settings-link = Kirjautuminen organisaation omalla tunnistuspalvelulla
sso-settings-title = Kirjautuminen: { $org }
sso-settings-lead = Organisaation ihmiset voivat kirjautua työtunnuksellaan organisaation tunnistuspalvelun kautta (OpenID Connect, esimerkiksi Microsoft Entra ID tai Keycloak). Käyttäjätunnus luodaan ensimmäisellä kirjautumisella, ja roolit seuraavat palvelun antamia ryhmiä jokaisella kirjautumisella.
sso-settings-callback = Rekisteröi tämä osoite palveluun paluuosoitteeksi (redirect URI):
sso-field-issuer = Myöntäjä (issuer)
sso-field-issuer-hint = Palvelun issuer-osoite, esimerkiksi https://login.microsoftonline.com/TENANT/v2.0. Sen discovery-dokumentin on vastattava.
sso-field-client_id = Asiakastunnus (client ID)
sso-field-client_id-hint = aireg-sovelluksen tunnus palvelussa.
sso-field-client_secret = Asiakassalaisuus (client secret)
sso-field-client_secret-hint = Palvelun aireg-sovellukselle antama salaisuus.
sso-field-client_secret-kept = Jätä tyhjäksi, niin tallennettu salaisuus säilyy.
sso-field-email_domains = Sähköpostin verkkotunnukset
sso-field-email_domains-hint = Niiden osoitteiden verkkotunnukset, joiden puolesta palvelu puhuu, välilyönnein erotettuina, esimerkiksi kajaani.fi.
sso-field-role_claim = Ryhmät tai roolit sisältävä väite (claim)
sso-field-role_claim-hint = ID-tunnisteen väite, jossa henkilön ryhmät tai roolit ovat, esimerkiksi groups tai roles.
sso-field-role_map = Roolit väitteestä
sso-field-role_map-hint = Yksi rivi ryhmää kohden: väitteen arvo = aireg-rooli. Roolit:
sso-field-local_passwords = Organisaation ihmiset voivat kirjautua myös salasanalla
sso-save = Tallenna
sso-remove = Poista tunnistuspalvelu
flash-sso-saved = Tunnistuspalvelu tallennettiin.
flash-sso-removed = Tunnistuspalvelu poistettiin.

## Toinen tunnistustekijä (todennussovellus)

code-title = Todennussovelluksen koodi
code-lead = Salasanasi oli oikein. Anna kuusinumeroinen koodi, jonka todennussovelluksesi näyttää aireg-palvelulle.
code-setup-lead = Lisää aireg todennussovellukseen (esimerkiksi Microsoft Authenticator tai Google Authenticator): kirjoita alla oleva avain tai avaa linkki puhelimessa, jossa sovellus on. Anna sitten sovelluksen näyttämä kuusinumeroinen koodi.
code-secret = Avain
code-uri = Linkki sovellukseen
code-uri-open = Lisää aireg todennussovellukseen
code-field = Koodi
code-hint = Kuusi numeroa, esimerkiksi 123 456. Uusi koodi tulee 30 sekunnin välein.
code-submit = Jatka
second-factor-title = Todennussovellus
second-factor-on = Salasanalla kirjautuminen kysyy myös todennussovelluksesi koodin.
second-factor-off = Kirjautuminen kysyy vain salasanaasi. Todennussovelluksen koodin kanssa varastettu salasana ei yksin riitä.
second-factor-set-up = Ota todennussovellus käyttöön
second-factor-confirm = Ota käyttöön
second-factor-remove = Poista todennussovellus käytöstä
second-factor-required-here = Organisaatio, jossa sinulla on rooli, edellyttää sitä, joten sitä ei voi poistaa käytöstä.
flash-second-factor-set = Todennussovellus on käytössä: kirjautuminen kysyy sen koodin.
flash-second-factor-removed = Todennussovellus poistettiin käytöstä.
members-second-factor-required = Tämän organisaation salasanalla kirjautuvien on käytettävä myös todennussovellusta.
members-second-factor-optional = Todennussovellus on tämän organisaation ihmisille vapaaehtoinen.
members-second-factor-require = Edellytä todennussovellusta
members-second-factor-release = Tee todennussovelluksesta vapaaehtoinen
sso-account-elsewhere = Tällä osoitteella on jo aireg-käyttäjätunnus, jolla on rooleja organisaatiosi ulkopuolella (tai joka on muuten suojattu), joten organisaatiosi kirjautumispalvelu ei voi kirjata sinua siihen. Kirjaudu sen salasanalla tai kysy alustan pääkäyttäjältä.
sso-continue-org = Jatka organisaation { $org } kirjautumiseen
second-factor-in-use = Todennussovellus on jo käytössä. Poista se ensin käytöstä sen koodilla ja ota sitten uusi käyttöön.

## Pitkät luettelot

list-more-newest = Näytetään uusimmat { $count }. Järjestelmän hallintasivulta pääsee sen omiin poikkeamiin.
list-more-by-date = Näytetään vain { $count } ensimmäisenä voimaan tulevaa.
list-more-due-first = Näytetään { $count }, joiden määräaika on ensin. Vastaa niihin tai avaa järjestelmän sivu nähdäksesi kaikki sen viestit.
