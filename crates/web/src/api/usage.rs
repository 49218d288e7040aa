//! Staff use of AI tools for other systems (an intranet, a chatbot): the organisation's
//! catalogue of tools, its information classes, and "may I use this tool with this data?".
//! Open to anyone where the policy publishes its catalogue; otherwise to a token of someone
//! with any role in the organisation.

use axum::Json;
use axum::extract::{Path, State};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use aireg_rules::usage::Verdict;
use aireg_service::usage::{Catalogue, Question};

use super::ApiLang;
use super::json::ApiJson;
use crate::auth::MaybeApiCaller;
use crate::error::{AppError, ProblemDocument};
use crate::state::AppState;

/// A text and the policy section it rests on.
#[derive(Debug, Serialize, ToSchema)]
pub struct Cited {
    pub text: String,
    /// The section of the organisation's policy
    pub source: String,
}

/// A register record of the tool's product.
#[derive(Debug, Serialize, ToSchema)]
pub struct ToolRecord {
    pub id: String,
    pub name: String,
    /// idea, planning, procurement, development, pilot, in_use, suspended or retired
    pub lifecycle: String,
}

/// One AI tool of the catalogue.
#[derive(Debug, Serialize, ToSchema)]
pub struct ToolDto {
    pub id: String,
    pub name: String,
    /// Other names it is known by (each also accepted as `tool` by may-i-use)
    pub aliases: Vec<String>,
    /// chat_assistant, chatbot, translation, transcription, meeting_bot, image_generator or other
    pub kind: String,
    /// approved, not_approved or blocked
    pub status: String,
    /// The most protected data class it may handle (none for a blocked tool)
    pub max_data_class: Option<String>,
    pub purposes: String,
    /// The body that answers for it
    pub responsible: Option<String>,
    pub conditions: Vec<Cited>,
    /// The policy section that approves, limits or blocks it
    pub source: String,
    /// The register's records of this tool near the organisation
    pub records: Vec<ToolRecord>,
}

/// The organisation's catalogue of AI tools, in the language of `Accept-Language`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ToolCatalogue {
    /// The organisation's slug
    pub organisation: String,
    /// The policy the catalogue comes from and its version
    pub policy: String,
    pub policy_version: String,
    pub tools: Vec<ToolDto>,
    /// What holds for a tool not in the catalogue
    pub unlisted: Cited,
    /// The most protected data class a tool not in the catalogue may handle
    pub unlisted_max_data_class: String,
    /// How a new tool is asked for
    pub request: Cited,
    /// Who answers for what AI produces
    pub responsibility: Cited,
    /// How a deviation is reported
    pub deviations: Cited,
}

/// One class of information.
#[derive(Debug, Serialize, ToSchema)]
pub struct DataClassDto {
    pub id: String,
    /// 0 is open; a tool may handle every class up to its own most protected one
    pub level: u32,
    pub name: String,
    pub description: String,
}

/// The information classes the organisation's answers use (its country's classification).
#[derive(Debug, Serialize, ToSchema)]
pub struct DataClassList {
    /// FI or SE
    pub country: String,
    /// The law or guidance the classes follow
    pub source: String,
    pub classes: Vec<DataClassDto>,
}

/// A question: may this tool be used with this information?
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MayIUse {
    /// A tool's id, or a name or alias in any language (case, spaces and punctuation do not
    /// matter); a name the catalogue lacks is answered as a tool not approved
    #[schema(max_length = 200)]
    pub tool: String,
    /// A data class id of `/data-classes`
    pub data_class: String,
    /// What it would be used for (optional): a use the policy forbids is refused
    #[serde(default)]
    #[schema(max_length = 1000)]
    pub purpose: Option<String>,
}

/// The answer, with its reasons, in the language of `Accept-Language`.
#[derive(Debug, Serialize, ToSchema)]
pub struct UseAnswer {
    pub answer: AnswerKind,
    /// The catalogue's id of the tool, when the name was one of its tools
    pub tool_id: Option<String>,
    pub tool: String,
    pub data_class: String,
    /// The reasons, the deciding ones first
    pub reasons: Vec<Cited>,
}

/// yes; conditional (yes, on the conditions among the reasons); or no.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AnswerKind {
    Yes,
    Conditional,
    No,
}

impl From<Verdict> for AnswerKind {
    fn from(v: Verdict) -> AnswerKind {
        match v {
            Verdict::Yes => AnswerKind::Yes,
            Verdict::Conditional => AnswerKind::Conditional,
            Verdict::No => AnswerKind::No,
        }
    }
}

async fn catalogue<'s>(
    state: &'s AppState,
    caller: &MaybeApiCaller,
    slug: &str,
) -> Result<Catalogue<'s>, AppError> {
    let actor = caller.0.as_ref().map(|c| &c.actor);
    Ok(state.services.ai_catalogue(actor, slug).await?)
}

fn cited(c: &aireg_rules::usage::Cited, l: &str) -> Cited {
    let (text, source) = c.in_lang(l);
    Cited { text, source }
}

/// The organisation's AI tools: approved, not approved and blocked.
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{slug}/ai-tools",
    tag = "ai-use",
    params(("slug" = String, Path, description = "The organisation's slug")),
    responses(
        (status = 200, description = "The catalogue", body = ToolCatalogue),
        (status = 401, description = "The token given is not valid", body = ProblemDocument, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation, or its catalogue is not published and the caller holds no role there", body = ProblemDocument, content_type = "application/problem+json"),
        (status = 409, description = "The organisation's policy does not say which AI tools staff may use", body = ProblemDocument, content_type = "application/problem+json"),
    )
)]
pub async fn tools(
    State(state): State<AppState>,
    caller: MaybeApiCaller,
    ApiLang(lang): ApiLang,
    Path(slug): Path<String>,
) -> Result<Json<ToolCatalogue>, AppError> {
    let c = catalogue(&state, &caller, &slug).await?;
    let l = lang.code();
    let orgs = state.store.organisations().await?;
    let records = state.services.tool_records(&c).await?;
    let staff = c.staff;
    let tools = staff
        .tools
        .iter()
        .map(|t| ToolDto {
            id: t.id.clone(),
            name: t.name.get(l).to_string(),
            aliases: t.aliases.clone(),
            kind: t.kind.as_str().to_string(),
            status: t.status.as_str().to_string(),
            max_data_class: t.max_class.clone(),
            purposes: t.purposes.get(l).to_string(),
            responsible: t
                .responsible
                .as_deref()
                .and_then(|b| c.pack.body(b))
                .map(|b| b.name.get(l).to_string()),
            conditions: t.conditions.iter().map(|x| cited(x, l)).collect(),
            source: t.section.get(l).to_string(),
            records: records
                .get(&t.id)
                .into_iter()
                .flatten()
                .map(|d| ToolRecord {
                    id: d.id.to_string(),
                    name: d.name_in(&orgs, lang),
                    lifecycle: d.lifecycle.as_str().to_string(),
                })
                .collect(),
        })
        .collect();
    Ok(Json(ToolCatalogue {
        organisation: c.org.slug.clone(),
        policy: c.pack.id.clone(),
        policy_version: c.pack.version.clone(),
        tools,
        unlisted: Cited {
            text: staff.unlisted.text.get(l).to_string(),
            source: staff.unlisted.section.get(l).to_string(),
        },
        unlisted_max_data_class: staff.unlisted.max_class.clone(),
        request: cited(&staff.request, l),
        responsibility: cited(&staff.responsibility, l),
        deviations: cited(&staff.deviations, l),
    }))
}

/// The information classes the answers use.
#[utoipa::path(
    get,
    path = "/api/v1/orgs/{slug}/data-classes",
    tag = "ai-use",
    params(("slug" = String, Path, description = "The organisation's slug")),
    responses(
        (status = 200, description = "The classes, open first", body = DataClassList),
        (status = 401, description = "The token given is not valid", body = ProblemDocument, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation, or its catalogue is not published and the caller holds no role there", body = ProblemDocument, content_type = "application/problem+json"),
        (status = 409, description = "The organisation's policy does not say which AI tools staff may use", body = ProblemDocument, content_type = "application/problem+json"),
    )
)]
pub async fn data_classes(
    State(state): State<AppState>,
    caller: MaybeApiCaller,
    ApiLang(lang): ApiLang,
    Path(slug): Path<String>,
) -> Result<Json<DataClassList>, AppError> {
    let c = catalogue(&state, &caller, &slug).await?;
    let l = lang.code();
    Ok(Json(DataClassList {
        country: c.classes.country.as_str().to_string(),
        source: c.classes.source.get(l).to_string(),
        classes: c
            .classes
            .classes
            .iter()
            .map(|k| DataClassDto {
                id: k.id.clone(),
                level: k.level,
                name: k.name.get(l).to_string(),
                description: k.description.get(l).to_string(),
            })
            .collect(),
    }))
}

/// May this tool be used with this information? Answers yes, conditional or no with the
/// reasons and the policy sections that give them.
#[utoipa::path(
    post,
    path = "/api/v1/orgs/{slug}/may-i-use",
    tag = "ai-use",
    params(("slug" = String, Path, description = "The organisation's slug")),
    request_body = MayIUse,
    responses(
        (status = 200, description = "The answer", body = UseAnswer),
        (status = 400, description = "The body is not JSON of this shape", body = ProblemDocument, content_type = "application/problem+json"),
        (status = 401, description = "The token given is not valid", body = ProblemDocument, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation, or its catalogue is not published and the caller holds no role there", body = ProblemDocument, content_type = "application/problem+json"),
        (status = 409, description = "The organisation's policy does not say which AI tools staff may use", body = ProblemDocument, content_type = "application/problem+json"),
        (status = 415, body = ProblemDocument, content_type = "application/problem+json"),
        (status = 422, description = "A field is wrong (an empty tool, an unknown data class); `errors` names it", body = ProblemDocument, content_type = "application/problem+json"),
    )
)]
pub async fn may_i_use(
    State(state): State<AppState>,
    caller: MaybeApiCaller,
    ApiLang(lang): ApiLang,
    Path(slug): Path<String>,
    ApiJson(body): ApiJson<MayIUse>,
) -> Result<Json<UseAnswer>, AppError> {
    let c = catalogue(&state, &caller, &slug).await?;
    let question = Question {
        tool: body.tool,
        data_class: body.data_class,
        purpose: body.purpose.unwrap_or_default(),
    };
    let ruling = state.services.may_i_use(&c, &question, lang)?;
    Ok(Json(UseAnswer {
        answer: ruling.verdict.into(),
        tool_id: ruling.tool_id,
        tool: ruling.tool_name,
        data_class: ruling.class_id,
        reasons: ruling
            .reasons
            .into_iter()
            .map(|r| Cited {
                text: r.text,
                source: r.source,
            })
            .collect(),
    }))
}

/// One published figure: a tool's use in one month.
#[derive(Debug, Serialize, ToSchema)]
pub struct UsageFigure {
    /// The catalogue's tool id, or the tool's name as the usage file gave it
    pub tool: String,
    /// The tool's name in the language of `Accept-Language`
    pub tool_name: String,
    /// YYYY-MM
    pub month: String,
    /// Distinct users in the month (never fewer than `min_users`)
    pub users: u32,
    /// Uses: prompts, sessions or active app-days, as the source counts them
    pub uses: u64,
}

/// Staff's published AI usage of the last two years.
#[derive(Debug, Serialize, ToSchema)]
pub struct UsageFigures {
    pub organisation: String,
    /// A figure is published only when at least this many people are counted in it
    pub min_users: u32,
    /// How many figures of fewer users were held back
    pub suppressed_cells: usize,
    pub figures: Vec<UsageFigure>,
}

/// How much the organisation's staff use AI tools, per tool and month. Only figures of at
/// least `min_users` distinct users are published, and nothing computed from several figures,
/// so that no one can be identified.
#[utoipa::path(
    get,
    path = "/api/v1/public/orgs/{slug}/usage",
    tag = "public",
    params(("slug" = String, Path, description = "The organisation's slug")),
    responses(
        (status = 200, description = "The published figures", body = UsageFigures),
        (status = 404, description = "No such organisation", body = ProblemDocument, content_type = "application/problem+json"),
    )
)]
pub async fn usage(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
    Path(slug): Path<String>,
) -> Result<Json<UsageFigures>, AppError> {
    let org = state
        .store
        .organisation_by_slug(&slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let published = state
        .services
        .published_usage(org.id, state.config.usage_min_users)
        .await?;
    let staff = state
        .services
        .pack_for(org.id)
        .await?
        .and_then(|p| p.staff_use.as_ref());
    Ok(Json(UsageFigures {
        organisation: org.slug.clone(),
        min_users: published.min_users,
        suppressed_cells: published.suppressed,
        figures: published
            .figures
            .into_iter()
            .map(|f| UsageFigure {
                tool_name: tool_name(staff, &f.tool, lang),
                tool: f.tool,
                month: f.month,
                users: f.users,
                uses: f.uses,
            })
            .collect(),
    }))
}

/// A tool's name in `lang`: the catalogue's, or the id as the usage file named it.
pub(crate) fn tool_name(
    staff: Option<&aireg_rules::usage::StaffUse>,
    tool: &str,
    lang: aireg_domain::Lang,
) -> String {
    staff
        .and_then(|s| s.tool(tool))
        .map_or_else(|| tool.to_string(), |t| t.name.get(lang.code()).to_string())
}
