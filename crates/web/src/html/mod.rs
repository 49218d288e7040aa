//! Server-rendered pages: the public register and the staff UI. Every page works without
//! JavaScript and exists in fi, sv and en under `/{lang}/…`.

use askama::Template;
use axum::Router;
use axum::extract::{DefaultBodyLimit, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};

use aireg_domain::{Lang, Localized};

use crate::auth::Staff;
use crate::error::AppError;
use crate::i18n::{Tr, negotiate};
use crate::state::AppState;

mod account;
mod ai_use;
mod approvals;
mod assessments;
mod classify;
mod edit;
pub(crate) mod feedback;
mod figures;
mod governance;
mod history;
mod import;
mod incidents;
mod links;
mod login;
mod members;
mod obligations;
mod opendata;
mod orgs;
mod pack;
mod policy;
mod public;
mod site;
mod sso;
mod staff;
mod system_view;
mod tokens;

/// An incident report may carry its evidence files: room for all of them and the text.
const INCIDENT_BODY_LIMIT: usize = aireg_domain::governance::MAX_ATTACHMENTS
    * aireg_domain::governance::MAX_ATTACHMENT
    + 1024 * 1024;

pub fn router() -> Router<AppState> {
    let staff_routes = Router::new()
        .route("/{lang}/staff", get(staff::dashboard))
        .route("/{lang}/staff/systems", get(staff::list).post(edit::create))
        .route("/{lang}/staff/systems/new", get(edit::new_form))
        .route("/{lang}/staff/systems/{id}", get(staff::show))
        .route(
            "/{lang}/staff/systems/{id}/edit",
            get(edit::edit_form).post(edit::update),
        )
        .route("/{lang}/staff/systems/{id}/publish", post(staff::publish))
        .route("/{lang}/staff/systems/{id}/withdraw", post(staff::withdraw))
        .route("/{lang}/staff/systems/{id}/history", get(history::page))
        .route(
            "/{lang}/staff/systems/{id}/classification",
            get(classify::current),
        )
        .route(
            "/{lang}/staff/systems/{id}/classification/{run}",
            get(classify::run),
        )
        .route(
            "/{lang}/staff/systems/{id}/classify",
            get(classify::start).post(classify::step),
        )
        .route(
            "/{lang}/staff/orgs/{slug}/obligations",
            get(obligations::list),
        )
        .route(
            "/{lang}/staff/orgs/{slug}/obligations/{id}",
            post(obligations::update),
        )
        .route(
            "/{lang}/staff/systems/{id}/governance",
            get(governance::show),
        )
        .route(
            "/{lang}/staff/systems/{id}/transitions",
            post(governance::transition),
        )
        .route(
            "/{lang}/staff/systems/{id}/approvals",
            post(approvals::request),
        )
        .route("/{lang}/staff/approvals/{id}", post(approvals::decide))
        .route(
            "/{lang}/staff/systems/{id}/reviews",
            post(governance::review),
        )
        .route(
            "/{lang}/staff/systems/{id}/assessments/{template}",
            get(assessments::show).post(assessments::save),
        )
        .route(
            "/{lang}/staff/assessments/{id}/sign",
            post(assessments::sign),
        )
        .route(
            "/{lang}/staff/assessments/{id}/comments",
            post(assessments::comment),
        )
        .route(
            "/{lang}/staff/systems/{id}/incidents/new",
            get(incidents::new_form),
        )
        .route(
            "/{lang}/staff/systems/{id}/incidents",
            post(incidents::create).layer(DefaultBodyLimit::max(INCIDENT_BODY_LIMIT)),
        )
        .route("/{lang}/staff/ai-tools", get(ai_use::mine))
        .route("/{lang}/staff/incidents", get(incidents::list))
        .route(
            "/{lang}/staff/incidents/{id}",
            get(incidents::show).post(incidents::update),
        )
        .route(
            "/{lang}/staff/incidents/{id}/notifications",
            post(incidents::notify),
        )
        .route("/{lang}/staff/attachments/{id}", get(incidents::attachment))
        .route("/{lang}/staff/feedback", get(feedback::list))
        .route("/{lang}/staff/feedback/{id}", post(feedback::respond))
        .route("/{lang}/staff/orgs/{slug}/policy", get(policy::show))
        .route(
            "/{lang}/staff/orgs/{slug}/policy/reviews",
            post(policy::review),
        )
        .route(
            "/{lang}/staff/orgs/{slug}/governance",
            get(policy::dashboard),
        )
        .route(
            "/{lang}/staff/orgs/{slug}/governance/figures.csv",
            get(policy::dashboard_csv),
        )
        .route(
            "/{lang}/staff/orgs/{slug}/governance/report.pdf",
            get(policy::annual_report),
        )
        .route("/{lang}/staff/ai-act", get(pack::page))
        .route(
            "/{lang}/staff/import",
            get(import::form)
                .post(import::submit)
                .layer(DefaultBodyLimit::max(import::IMPORT_BODY_LIMIT)),
        )
        .route("/{lang}/staff/import/template.csv", get(import::template))
        .route(
            "/{lang}/staff/site-texts/{key}",
            get(site::edit_form).post(site::save),
        )
        .route("/{lang}/staff/ai-act/apply", post(pack::apply))
        .route(
            "/{lang}/staff/tokens",
            get(tokens::own).post(tokens::create),
        )
        .route("/{lang}/staff/tokens/{id}/revoke", post(tokens::revoke_own))
        .route("/{lang}/staff/account", get(account::show))
        .route(
            "/{lang}/staff/account/password",
            post(account::change_password),
        )
        .route(
            "/{lang}/staff/account/sessions",
            post(account::end_sessions),
        )
        .route(
            "/{lang}/staff/account/second-factor",
            get(account::second_factor_form).post(account::second_factor),
        )
        .route(
            "/{lang}/staff/orgs/{slug}/second-factor",
            post(members::require_second_factor),
        )
        .route(
            "/{lang}/staff/orgs/{slug}/sign-in",
            get(sso::settings).post(sso::save_settings),
        )
        .route(
            "/{lang}/staff/orgs/{slug}/sign-in/remove",
            post(sso::remove_settings),
        )
        .route(
            "/{lang}/staff/orgs/{slug}/members",
            get(members::page).post(members::invite),
        )
        .route(
            "/{lang}/staff/orgs/{slug}/members/disabled",
            post(members::set_disabled),
        )
        .route(
            "/{lang}/staff/orgs/{slug}/members/remove",
            post(members::remove),
        )
        .route(
            "/{lang}/staff/orgs/{slug}/tokens/{id}/revoke",
            post(members::revoke_token),
        )
        // Staff pages show internal data: never cached by browsers or proxies.
        .layer(middleware::map_response(no_store));
    Router::new()
        .route("/", get(root))
        .route("/{lang}", get(lang_root))
        .route("/{lang}/", get(public::register))
        .route("/{lang}/systems/{id}", get(public::system))
        .route("/{lang}/systems/{id}/feedback", post(feedback::submit))
        .route("/{lang}/open-data", get(opendata::page))
        .route("/{lang}/api", get(opendata::api))
        .route("/{lang}/accessibility", get(site::accessibility))
        .route("/{lang}/privacy", get(site::privacy))
        .route("/{lang}/orgs/{slug}", get(orgs::page))
        .route("/{lang}/orgs/{slug}/policy", get(orgs::policy))
        .route("/{lang}/orgs/{slug}/ai-use", get(ai_use::explanation))
        .route("/{lang}/orgs/{slug}/ai-tools", get(ai_use::page))
        .route(
            "/{lang}/orgs/{slug}/ai-tools/request",
            post(ai_use::request),
        )
        .route(
            "/{lang}/orgs/{slug}/ai-tools/disclosure",
            get(ai_use::disclosure),
        )
        .route("/{lang}/login", get(login::form).post(login::submit))
        .route("/{lang}/login/sso", get(sso::start_link).post(sso::start))
        .route(
            "/{lang}/login/code",
            get(login::code_form).post(login::code_submit),
        )
        .route("/sso/callback", get(sso::callback))
        .route(
            "/{lang}/password-reset",
            get(links::reset_request_form).post(links::reset_request),
        )
        .route(
            "/{lang}/password-reset/{secret}",
            get(links::reset_form).post(links::reset),
        )
        .route(
            "/{lang}/invitations/{secret}",
            get(links::invitation).post(links::accept_new),
        )
        .route("/{lang}/invitations/{secret}/accept", post(links::accept))
        .route("/{lang}/logout", post(login::logout))
        .merge(staff_routes)
        .layer(middleware::from_fn(private_when_signed_in))
        .layer(middleware::from_fn(page_errors))
        .layer(middleware::from_fn(same_origin_only))
}

async fn root(headers: axum::http::HeaderMap) -> Redirect {
    let lang = negotiate(
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
        Lang::Fi,
    );
    Redirect::to(&format!("/{}/", lang.code()))
}

async fn lang_root(lang: PageLang) -> Redirect {
    Redirect::permanent(&format!("/{}/", lang.0.code()))
}

/// A public page seen with a session shows the person's name and CSRF token: it must not be
/// kept by a shared cache.
async fn private_when_signed_in(req: Request, next: Next) -> Response {
    let signed_in = req
        .headers()
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|c| c.contains("aireg_session="));
    let mut res = next.run(req).await;
    if signed_in && !res.headers().contains_key(header::CACHE_CONTROL) {
        res.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-store"),
        );
    }
    res
}

async fn no_store(mut res: Response) -> Response {
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// The one problem a small form is sent back with: the field it is about and its message.
#[derive(Debug, Clone, Default)]
pub struct FormError(Option<(String, String)>);

impl FormError {
    /// The first of a use case's field errors, in the page's language.
    pub fn of(t: &Tr, errors: &[aireg_domain::validation::FieldError]) -> FormError {
        FormError(
            errors
                .first()
                .map(|e| (e.field.clone(), crate::error::field_message(t, &e.problem))),
        )
    }

    pub fn is_some(&self) -> bool {
        self.0.is_some()
    }

    pub fn field(&self) -> &str {
        self.0.as_ref().map(|e| e.0.as_str()).unwrap_or("")
    }

    pub fn message(&self) -> &str {
        self.0.as_ref().map(|e| e.1.as_str()).unwrap_or("")
    }

    /// The message, if the problem is with `field`.
    pub fn on(&self, field: &str) -> Option<String> {
        self.0
            .as_ref()
            .filter(|e| e.0 == field)
            .map(|e| e.1.clone())
    }
}

/// The language of a page: the first segment of its path. Anything else is not a page.
#[derive(Debug, Clone, Copy)]
pub struct PageLang(pub Lang);

impl PageLang {
    pub fn tr(self) -> Tr {
        Tr::new(self.0)
    }

    pub fn code(self) -> &'static str {
        self.0.code()
    }
}

pub fn lang_of_path(path: &str) -> Option<Lang> {
    let first = path.trim_start_matches('/').split('/').next()?;
    // Only the exact codes: /FI/ or /fin/ are not pages.
    match first {
        "fi" | "sv" | "en" => Lang::parse(first),
        _ => None,
    }
}

impl<S: Send + Sync> FromRequestParts<S> for PageLang {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        lang_of_path(parts.uri.path())
            .map(PageLang)
            .ok_or(AppError::NotFound)
    }
}

/// A link to the same page in another language.
#[derive(Debug, Clone)]
pub struct Alternate {
    pub code: &'static str,
    pub name: String,
    pub href: String,
    pub current: bool,
}

/// What the layout around every page needs.
#[derive(Debug, Clone)]
pub struct Chrome {
    pub t: Tr,
    /// Which navigation item is current: register, dashboard, systems, tokens, login.
    pub nav: &'static str,
    pub alternates: Vec<Alternate>,
    pub staff_name: Option<String>,
    pub csrf: String,
    pub flash: Option<String>,
}

impl Chrome {
    pub fn new(lang: Lang, uri: &Uri, nav: &'static str, staff: Option<&Staff>) -> Chrome {
        let t = Tr::new(lang);
        let path = uri.path();
        let rest = path
            .trim_start_matches('/')
            .split_once('/')
            .map(|(_, r)| r)
            .unwrap_or("");
        // Keep the query (filters, page) but not one-time notices.
        let query: Vec<&str> = uri
            .query()
            .unwrap_or("")
            .split('&')
            .filter(|p| !p.is_empty() && !p.starts_with("done="))
            .collect();
        let query = if query.is_empty() {
            String::new()
        } else {
            format!("?{}", query.join("&"))
        };
        let alternates = Lang::ALL
            .iter()
            .map(|l| Alternate {
                code: l.code(),
                name: Tr::new(*l).get("language-self-name"),
                href: format!("/{}/{}{}", l.code(), rest, query),
                current: *l == lang,
            })
            .collect();
        let flash = uri
            .query()
            .unwrap_or("")
            .split('&')
            .find_map(|p| p.strip_prefix("done="))
            .filter(|d| FLASHES.contains(d))
            .map(|d| t.get(&format!("flash-{d}")));
        Chrome {
            t,
            nav,
            alternates,
            staff_name: staff.map(|s| s.user.name.clone()),
            csrf: staff
                .map(|s| s.session.csrf_token.clone())
                .unwrap_or_default(),
            flash,
        }
    }
}

/// The most rows a staff list of incidents or residents' messages shows at once (the newest,
/// or those due first); it says when there are more, and a record's own list narrows it.
pub const LIST_MAX: u32 = 200;

/// One-time notices shown after a change (`?done=saved`), each a message `flash-<name>`.
pub const FLASHES: &[&str] = &[
    "created",
    "saved",
    "published",
    "withdrawn",
    "member-added",
    "member-removed",
    "member-invited",
    "member-disabled",
    "member-enabled",
    "invitation-accepted",
    "password-changed",
    "password-reset",
    "sessions-ended",
    "sso-saved",
    "sso-removed",
    "second-factor-set",
    "second-factor-removed",
    "token-revoked",
    "signed-out",
    "classified",
    "obligation-saved",
    "pack-applied",
    "transitioned",
    "approvals-requested",
    "approval-decided",
    "reviewed",
    "assessment-completed",
    "assessment-signed",
    "commented",
    "incident-reported",
    "notification-recorded",
    "feedback-sent",
    "ai-tool-requested",
];

/// A text with the language it is in, so a page can mark text in another language.
#[derive(Debug, Clone, Default)]
pub struct LangText {
    pub text: String,
    /// Set when the text is not in the page's language.
    pub lang: Option<&'static str>,
}

impl LangText {
    pub fn of(value: &Localized, page: Lang, preferred: &[Lang]) -> LangText {
        match value.resolve(page, preferred) {
            Some((l, t)) => LangText {
                text: t.to_string(),
                lang: (l != page).then_some(l.code()),
            },
            None => LangText::default(),
        }
    }

    pub fn plain(text: impl Into<String>) -> LangText {
        LangText {
            text: text.into(),
            lang: None,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The `lang` attribute to put on the element, or "".
    pub fn lang_attr(&self) -> &str {
        self.lang.unwrap_or("")
    }
}

/// A content pack's text (fi, sv and en all given) in the reader's language.
pub fn text(t: &aireg_rules::ai_act::Text, lang: Lang) -> String {
    t.get(lang.code()).to_string()
}

/// Renders a template into a page.
pub fn render(template: &impl Template) -> Result<Response, AppError> {
    template
        .render()
        .map(|html| Html(html).into_response())
        .map_err(|e| AppError::Internal(format!("template: {e}")))
}

/// A redirect after a successful form post (303, so the browser follows with GET).
pub fn see_other(location: &str) -> Response {
    Redirect::to(location).into_response()
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    c: Chrome,
    title: String,
    detail: String,
    /// The request's id, to quote when reporting a failure on our side.
    request_id: String,
}

/// Turns errors from page handlers into pages: a missing sign-in into the sign-in page, the
/// rest into an error page in the page's language with the right status.
async fn page_errors(req: Request, next: Next) -> Response {
    let lang = lang_of_path(req.uri().path());
    let uri = req.uri().clone();
    let method = req.method().clone();
    let id = crate::RequestId::of(&req).map(String::from);
    let res = next.run(req).await;
    let Some(err) = res.extensions().get::<AppError>().cloned() else {
        return res;
    };
    let lang = lang.unwrap_or(Lang::Fi);
    let mut page = error_page(lang, &uri, &method, &err, id.as_deref());
    // The request-id layer logs a failure on our side from here.
    page.extensions_mut().insert(err);
    page
}

pub fn error_page(
    lang: Lang,
    uri: &Uri,
    method: &Method,
    err: &AppError,
    request_id: Option<&str>,
) -> Response {
    if *err == AppError::Unauthorized {
        let next = if method == Method::GET {
            let target = uri.path_and_query().map(|p| p.as_str()).unwrap_or("/");
            format!(
                "?next={}",
                form_urlencoded::byte_serialize(target.as_bytes()).collect::<String>()
            )
        } else {
            String::new()
        };
        return Redirect::to(&format!("/{}/login{next}", lang.code())).into_response();
    }
    let t = Tr::new(lang);
    let kind = err.kind();
    let page = ErrorPage {
        c: Chrome::new(lang, uri, "", None),
        title: t.get(&format!("problem-{kind}-title")),
        detail: match err {
            AppError::BadRequest { detail, .. } => detail.clone(),
            AppError::Refused(r) => t.get(r.message_id()),
            _ => t.get(&format!("problem-{kind}-detail")),
        },
        // Only where the operator has something to look up: a failure on our side.
        request_id: match err {
            AppError::Internal(_) => request_id.unwrap_or_default().to_string(),
            _ => String::new(),
        },
    };
    let body = page
        .render()
        .unwrap_or_else(|_| t.get(&format!("problem-{kind}-title")));
    let mut res = (err.status(), Html(body)).into_response();
    if let AppError::TooManyRequests { retry_after_secs } = err
        && let Ok(v) = HeaderValue::from_str(&retry_after_secs.to_string())
    {
        res.headers_mut().insert(header::RETRY_AFTER, v);
    }
    res
}

/// Refuses state-changing requests that a browser says come from another site. Browsers send
/// `Sec-Fetch-Site` (and `Origin`) with every form post, so a page elsewhere cannot post a form
/// here with the user's cookie; the session's CSRF token in each form is the second lock.
async fn same_origin_only(req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    let headers = req.headers();
    let site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    let cross_site = match site {
        Some(s) => !matches!(s, "same-origin" | "none"),
        None => {
            let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
            match (
                headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()),
                host,
            ) {
                (Some("null"), _) => true,
                (Some(origin), Some(host)) => {
                    origin.split_once("://").map(|(_, a)| a) != Some(host)
                }
                (Some(_), None) => true,
                (None, _) => false,
            }
        }
    };
    if cross_site {
        let lang = lang_of_path(req.uri().path()).unwrap_or(Lang::Fi);
        return error_page(
            lang,
            req.uri(),
            req.method(),
            &AppError::Forbidden,
            crate::RequestId::of(&req),
        );
    }
    next.run(req).await
}

/// A 404 page or problem for paths no route matches.
pub async fn not_found(uri: Uri, method: Method) -> Response {
    fallback_error(&uri, &method, AppError::NotFound)
}

/// A 405 page or problem for a known path with the wrong method.
pub async fn method_not_allowed(uri: Uri, method: Method) -> Response {
    fallback_error(&uri, &method, AppError::MethodNotAllowed)
}

fn fallback_error(uri: &Uri, method: &Method, err: AppError) -> Response {
    if uri.path().starts_with("/api/") {
        return err.into_response();
    }
    let lang = lang_of_path(uri.path()).unwrap_or(Lang::Fi);
    let mut res = error_page(lang, uri, method, &err, None);
    if res.status() == StatusCode::OK {
        *res.status_mut() = err.status();
    }
    res
}
