//! A test world: two regions' worth of organisations, people in different roles, their API
//! tokens, and records in each state; plus request helpers.

use std::sync::Arc;

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::http::{Request, Response, StatusCode, header};
use serde_json::Value;
use tower::ServiceExt;

use aireg_domain::org::{Country, NewOrganisation, OrgKind, Organisation};
use aireg_domain::person::{Membership, NewUser, Role, User};
use aireg_domain::policy::{Action, Actor, Resource, authorize};
use aireg_domain::system::{AiSystem, Publication, SystemRecord};
use aireg_domain::{Lang, Localized};
use aireg_service::secrets::{hash_password, new_api_token};
use aireg_store::{NewApiToken, Store};
use aireg_store_sql::testing::TestDb;
use aireg_web::{AppState, WebConfig};

pub const PASSWORD: &str = "testi-salasana-2026";

pub struct Person {
    pub user: User,
    pub token: String,
}

pub struct World {
    pub db: TestDb,
    pub app: Router,
    pub kajaani: Organisation,
    pub avesta: Organisation,
    /// Kajaani's editor and viewer (and, signed in by e-mail, its organisation admin);
    /// Avesta's editor and admin; the Kainuu AI working group.
    pub kajaani_editor: Person,
    pub kajaani_viewer: Person,
    pub avesta_editor: Person,
    pub avesta_admin: Person,
    pub working_group: Person,
    /// Kajaani: one published record, one draft. Avesta: one draft.
    pub published: AiSystem,
    pub draft: AiSystem,
    pub avesta_draft: AiSystem,
    /// Kajaani's governance work on the draft: an open approval request, a DPIA, an incident
    /// with a screenshot; and a resident's feedback on the published record.
    pub approval: uuid::Uuid,
    pub assessment: uuid::Uuid,
    pub incident: uuid::Uuid,
    pub attachment: uuid::Uuid,
    pub feedback: uuid::Uuid,
}

/// Kajaani's governance objects, made by the command line as a platform would.
async fn governance_fixtures(
    store: &dyn Store,
    draft: &AiSystem,
    published: &AiSystem,
) -> (uuid::Uuid, uuid::Uuid, uuid::Uuid, uuid::Uuid, uuid::Uuid) {
    use aireg_domain::governance::{IncidentKind, NewApprovalRequest, NewFeedback, NewIncident};
    use aireg_domain::system::Lifecycle;
    let govern = authorize(&cli(), Action::GovernSystem, Resource::system(draft)).unwrap();
    let approval = store
        .request_approvals(
            &govern,
            draft.id,
            vec![NewApprovalRequest {
                body: "approver_group".into(),
                body_name: Localized::one(Lang::Fi, "Tietosuojaryhmä"),
                policy_id: "kainuu".into(),
                policy_version: "1".into(),
                target: Lifecycle::InUse,
                reason: Localized::one(Lang::Fi, "Henkilötietoja"),
                own_decision: false,
                routed_to: None,
                note: None,
            }],
            vec![],
        )
        .await
        .unwrap()
        .remove(0)
        .id;
    let assessment = store
        .save_assessment(
            &govern,
            aireg_store::AssessmentDraft {
                system_id: draft.id,
                template_id: "dpia".into(),
                template_version: "1.0.0".into(),
                sign_off_body: "approver_group".into(),
                answers: serde_json::Map::new(),
                complete: false,
            },
            None,
        )
        .await
        .unwrap()
        .id;
    let report = authorize(&cli(), Action::ReportIncident, Resource::system(draft)).unwrap();
    let incident = store
        .report_incident(
            &report,
            draft.id,
            NewIncident {
                kind: IncidentKind::Error,
                title: "Väärä vastaus".into(),
                description: "Botti vastasi väärin.".into(),
                serious: None,
                aware_at: None,
            },
            vec![aireg_store::NewAttachment {
                filename: "kuva.png".into(),
                content_type: "image/png".into(),
                data: PNG.to_vec(),
            }],
            vec![],
        )
        .await
        .unwrap()
        .id;
    let scope = aireg_domain::policy::ReadScope::for_actor(&cli());
    let attachment = store.attachments(&scope, incident).await.unwrap()[0].id;
    let feedback = store
        .submit_feedback(
            published.id,
            NewFeedback {
                kind: aireg_domain::governance::FeedbackKind::Question,
                message: "Miten tämä toimii?".into(),
                name: None,
                email: Some("asukas@example.fi".into()),
                lang: Lang::Fi,
            },
            14,
            vec![],
        )
        .await
        .unwrap()
        .id;
    (approval, assessment, incident, attachment, feedback)
}

/// The smallest PNG header: enough for the type check.
pub const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

fn cli() -> Actor {
    Actor::command_line("test")
}

pub fn record(name: &str, lang: Lang) -> SystemRecord {
    let mut r = SystemRecord {
        name: Localized::one(lang, name),
        summary: Localized::one(lang, format!("{name}: summary")),
        description_public: Localized::one(lang, "Public description"),
        purpose: Localized::one(lang, "Purpose"),
        vendor: Some("Vendor Oy".into()),
        ..SystemRecord::default()
    };
    r.contact.email = Some("info@example.fi".into());
    r
}

pub async fn org(
    store: &dyn Store,
    slug: &str,
    kind: OrgKind,
    parent: Option<&Organisation>,
    country: Country,
    lang: Lang,
) -> Organisation {
    let platform = authorize(&cli(), Action::AdministerPlatform, Resource::Platform).unwrap();
    store
        .create_organisation(
            &platform,
            NewOrganisation {
                slug: slug.into(),
                kind,
                parent_id: parent.map(|p| p.id),
                name: Localized::one(lang, format!("Org {slug}")),
                country,
                languages: vec![lang],
                business_id: None,
                website: None,
            },
        )
        .await
        .unwrap()
}

pub async fn person(
    store: &dyn Store,
    email: &str,
    grants: &[(&Organisation, Role)],
    hash: &str,
) -> Person {
    let platform = authorize(&cli(), Action::AdministerPlatform, Resource::Platform).unwrap();
    let user = store
        .create_user(
            &platform,
            NewUser {
                email: email.into(),
                name: format!("Person {email}"),
                language: Lang::Fi,
                platform_admin: false,
            },
            hash,
        )
        .await
        .unwrap();
    for (o, role) in grants {
        store
            .add_membership(
                &platform,
                Membership {
                    user_id: user.id,
                    org_id: o.id,
                    role: *role,
                },
            )
            .await
            .unwrap();
    }
    let token = new_api_token().unwrap();
    store
        .create_token(
            &platform,
            NewApiToken {
                user_id: user.id,
                name: "test".into(),
                hash: token.hash,
                prefix: token.prefix,
                org_id: None,
                scope: aireg_domain::policy::TokenScope::Admin,
                expires_at: aireg_domain::clock::now() + time::Duration::days(30),
            },
        )
        .await
        .unwrap();
    Person {
        user,
        token: token.secret,
    }
}

pub async fn create_system(
    store: &dyn Store,
    o: &Organisation,
    r: SystemRecord,
    publish: bool,
) -> AiSystem {
    let permit = authorize(&cli(), Action::CreateSystem, Resource::Org(o.id)).unwrap();
    let s = store.create_system(&permit, r, None).await.unwrap();
    if !publish {
        return s;
    }
    let permit = authorize(&cli(), Action::PublishSystem, Resource::system(&s)).unwrap();
    store
        .set_publication(&permit, s.id, None, Publication::Published)
        .await
        .unwrap()
}

impl World {
    pub async fn new() -> World {
        Self::on(TestDb::sqlite().await).await
    }

    pub async fn on(db: TestDb) -> World {
        let store: &dyn Store = &*db.store;
        let kainuu = org(
            store,
            "kainuu",
            OrgKind::Region,
            None,
            Country::FI,
            Lang::Fi,
        )
        .await;
        let kajaani = org(
            store,
            "kajaani",
            OrgKind::Municipality,
            Some(&kainuu),
            Country::FI,
            Lang::Fi,
        )
        .await;
        let avesta = org(
            store,
            "avesta",
            OrgKind::Municipality,
            None,
            Country::SE,
            Lang::Sv,
        )
        .await;
        let hash = hash_password(PASSWORD.into()).await.unwrap();
        let kajaani_editor = person(
            store,
            "editor@kajaani.example",
            &[(&kajaani, Role::Editor)],
            &hash,
        )
        .await;
        let kajaani_viewer = person(
            store,
            "viewer@kajaani.example",
            &[(&kajaani, Role::Viewer)],
            &hash,
        )
        .await;
        // Kajaani's organisation admin signs in by e-mail; no handle is kept.
        person(
            store,
            "admin@kajaani.example",
            &[(&kajaani, Role::OrgAdmin)],
            &hash,
        )
        .await;
        let avesta_editor = person(
            store,
            "editor@avesta.example",
            &[(&avesta, Role::Editor)],
            &hash,
        )
        .await;
        let avesta_admin = person(
            store,
            "admin@avesta.example",
            &[(&avesta, Role::OrgAdmin)],
            &hash,
        )
        .await;
        let working_group = person(
            store,
            "group@kainuu.example",
            &[(&kainuu, Role::AiWorkingGroup)],
            &hash,
        )
        .await;
        let mut public = record("Neuvontabotti", Lang::Fi);
        public.data_classification = Some(aireg_domain::system::DataClassification::Internal);
        let published = create_system(store, &kajaani, public, true).await;
        let draft = create_system(
            store,
            &kajaani,
            record("Luonnosjärjestelmä", Lang::Fi),
            false,
        )
        .await;
        let avesta_draft =
            create_system(store, &avesta, record("Utkastsystem", Lang::Sv), false).await;
        let (approval, assessment, incident, attachment, feedback) =
            governance_fixtures(store, &draft, &published).await;
        let store: Arc<dyn Store> = db.store.clone();
        let config = WebConfig {
            feedback_min_age: time::Duration::ZERO,
            ..WebConfig::default()
        };
        let app = aireg_web::app(AppState::with_store(
            store,
            aireg_rules::Content::embedded().unwrap(),
            config,
        ));
        World {
            db,
            app,
            kajaani,
            avesta,
            kajaani_editor,
            kajaani_viewer,
            avesta_editor,
            avesta_admin,
            working_group,
            published,
            draft,
            avesta_draft,
            approval,
            assessment,
            incident,
            attachment,
            feedback,
        }
    }

    /// The same world served with other settings.
    pub fn app_with(&self, config: WebConfig) -> Router {
        let store: Arc<dyn Store> = self.db.store.clone();
        aireg_web::app(AppState::with_store(
            store,
            aireg_rules::Content::embedded().unwrap(),
            config,
        ))
    }

    /// The same world served with other content (an edited policy pack, say).
    pub fn app_with_content(&self, content: aireg_rules::Content) -> Router {
        let store: Arc<dyn Store> = self.db.store.clone();
        let config = WebConfig {
            feedback_min_age: time::Duration::ZERO,
            ..WebConfig::default()
        };
        aireg_web::app(AppState::with_store(store, content, config))
    }

    pub fn store(&self) -> &dyn Store {
        &*self.db.store
    }

    /// Sends a request to the world's app. An API answer is held to the OpenAPI document.
    pub async fn send(&self, req: Request<Body>) -> Reply {
        let (method, path) = (req.method().clone(), req.uri().path().to_string());
        let res = self.app.clone().oneshot(req).await.unwrap();
        let reply = Reply::read(res).await;
        crate::contract::check(&method, &path, &reply);
        reply
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.send(Request::get(path).body(Body::empty()).unwrap())
            .await
    }

    pub async fn get_with(&self, path: &str, token: &str) -> Reply {
        self.send(
            Request::get(path)
                .header(header::AUTHORIZATION, format!("Bearer {token}"))
                .body(Body::empty())
                .unwrap(),
        )
        .await
    }

    pub async fn json(&self, method: &str, path: &str, token: Option<&str>, body: &Value) -> Reply {
        let mut req = Request::builder()
            .method(method)
            .uri(path)
            .header(header::CONTENT_TYPE, "application/json");
        if let Some(t) = token {
            req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        self.send(req.body(Body::from(body.to_string())).unwrap())
            .await
    }

    /// Signs in through the login form; returns the session cookie and the CSRF token.
    pub async fn sign_in(&self, email: &str) -> Session {
        let body = format!(
            "email={}&password={PASSWORD}&next=%2Ffi%2Fstaff",
            email.replace('@', "%40")
        );
        let res = self
            .send(
                Request::post("/fi/login")
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .body(Body::from(body))
                    .unwrap(),
            )
            .await;
        assert_eq!(
            res.status,
            StatusCode::SEE_OTHER,
            "sign-in of {email}: {}",
            res.text
        );
        let cookie = res
            .header("set-cookie")
            .split(';')
            .next()
            .unwrap()
            .to_string();
        let page = self.page("/fi/staff", &cookie).await;
        let csrf = page
            .text
            .split("name=\"csrf\" value=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .expect("the page carries a CSRF token")
            .to_string();
        Session { cookie, csrf }
    }

    pub async fn page(&self, path: &str, cookie: &str) -> Reply {
        self.send(
            Request::get(path)
                .header(header::COOKIE, cookie)
                .body(Body::empty())
                .unwrap(),
        )
        .await
    }

    /// Posts a form with the session's cookie and CSRF token, as a same-origin browser would.
    pub async fn post_form(&self, path: &str, session: &Session, fields: &[(&str, &str)]) -> Reply {
        let mut all: Vec<(&str, &str)> = vec![("csrf", session.csrf.as_str())];
        all.extend_from_slice(fields);
        let body: String = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(all)
            .finish();
        self.send(
            Request::post(path)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::COOKIE, &session.cookie)
                .header("sec-fetch-site", "same-origin")
                .body(Body::from(body))
                .unwrap(),
        )
        .await
    }
}

impl World {
    /// Posts a multipart form (text fields and files) as a same-origin browser would.
    pub async fn post_multipart(
        &self,
        path: &str,
        session: &Session,
        fields: &[(&str, &str)],
        files: &[(&str, &str, &[u8])],
    ) -> Reply {
        let boundary = "aireg-test-boundary-7d1f";
        let mut body: Vec<u8> = Vec::new();
        let mut all: Vec<(&str, &str)> = vec![("csrf", session.csrf.as_str())];
        all.extend_from_slice(fields);
        for (name, value) in all {
            body.extend_from_slice(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
                )
                .as_bytes(),
            );
        }
        for (name, filename, data) in files {
            body.extend_from_slice(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{filename}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                )
                .as_bytes(),
            );
            body.extend_from_slice(data);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        self.send(
            Request::post(path)
                .header(
                    header::CONTENT_TYPE,
                    format!("multipart/form-data; boundary={boundary}"),
                )
                .header(header::COOKIE, &session.cookie)
                .header("sec-fetch-site", "same-origin")
                .body(Body::from(body))
                .unwrap(),
        )
        .await
    }
}

pub struct Session {
    pub cookie: String,
    pub csrf: String,
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub text: String,
}

impl Reply {
    pub async fn read(res: Response<Body>) -> Reply {
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = to_bytes(res.into_body(), 16 * 1024 * 1024).await.unwrap();
        Reply {
            status,
            headers,
            text: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text)
            .unwrap_or_else(|e| panic!("not JSON ({e}), status {}: {}", self.status, self.text))
    }

    pub fn header(&self, name: &str) -> String {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string()
    }

    /// A problem document with this status, naming `field` among its errors when given.
    pub fn assert_problem(&self, status: u16, field: Option<&str>) -> Value {
        assert_eq!(self.status.as_u16(), status, "{}", self.text);
        assert_eq!(
            self.header("content-type"),
            "application/problem+json",
            "{}",
            self.text
        );
        let doc = self.json();
        assert_eq!(doc["status"], status);
        assert!(doc["title"].as_str().is_some_and(|t| !t.is_empty()));
        if let Some(f) = field {
            let fields: Vec<&str> = doc["errors"]
                .as_array()
                .map(|a| a.iter().filter_map(|e| e["field"].as_str()).collect())
                .unwrap_or_default();
            assert!(
                fields.contains(&f),
                "expected an error for {f}, got {fields:?}: {}",
                self.text
            );
        }
        doc
    }
}
