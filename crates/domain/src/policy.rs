//! Authorization, in one place.
//!
//! Two things decide what a person may do: [`authorize`] answers "may this actor do this action
//! to this resource" and hands back a [`Permit`] that the store's write operations require, and
//! [`ReadScope`] says which organisations' records a list or a search may return. Neither can be
//! built any other way, so a handler that forgets the check does not compile.
//!
//! A role held in an organisation also applies in the organisations below it: the AI working
//! group of a region reads every municipality of the region, a municipality's editor edits its
//! units' records.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use crate::person::{Membership, Role, User};
use crate::{OrgId, UserId};

/// The organisation hierarchy: each organisation's parent, and its children. Cheap to clone
/// (a store keeps one and hands out copies).
#[derive(Debug, Clone, Default)]
pub struct OrgTree {
    parent: Arc<HashMap<OrgId, Option<OrgId>>>,
    children: Arc<HashMap<OrgId, Vec<OrgId>>>,
}

impl OrgTree {
    pub fn new(pairs: impl IntoIterator<Item = (OrgId, Option<OrgId>)>) -> Self {
        let parent: HashMap<OrgId, Option<OrgId>> = pairs.into_iter().collect();
        let mut children: HashMap<OrgId, Vec<OrgId>> = HashMap::new();
        for (child, parent) in &parent {
            if let Some(p) = parent {
                children.entry(*p).or_default().push(*child);
            }
        }
        Self {
            parent: Arc::new(parent),
            children: Arc::new(children),
        }
    }

    pub fn parent(&self, org: OrgId) -> Option<OrgId> {
        self.parent.get(&org).copied().flatten()
    }

    /// The organisation and every organisation above it, nearest first. Stops on a cycle.
    pub fn ancestors_and_self(&self, org: OrgId) -> Vec<OrgId> {
        let mut out = vec![org];
        let mut cur = org;
        while let Some(p) = self.parent(cur) {
            if out.contains(&p) {
                break;
            }
            out.push(p);
            cur = p;
        }
        out
    }

    /// The organisation and every organisation below it.
    pub fn descendants_and_self(&self, org: OrgId) -> BTreeSet<OrgId> {
        // Down the children, each organisation once (a cycle stops where it closes): the
        // actor of every request spreads its roles this way (300 organisations below a
        // national root: repeated passes over every parent took 7 % of a create's time).
        let mut out = BTreeSet::from([org]);
        let mut next = vec![org];
        while let Some(o) = next.pop() {
            for child in self.children.get(&o).into_iter().flatten() {
                if out.insert(*child) {
                    next.push(*child);
                }
            }
        }
        out
    }

    pub fn contains(&self, org: OrgId) -> bool {
        self.parent.contains_key(&org)
    }
}

/// Who is acting: a signed-in person (through a session or an API token) or the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    user_id: Option<UserId>,
    name: String,
    platform_admin: bool,
    /// Effective roles per organisation, memberships spread down the hierarchy.
    roles: BTreeMap<OrgId, BTreeSet<Role>>,
    /// What a program acting with an API token may do at most; `None` for a person at a page
    /// or the command line.
    scope: Option<TokenScope>,
}

impl Actor {
    /// A person, with the roles of their memberships spread to the organisations below.
    pub fn person(user: &User, memberships: &[Membership], tree: &OrgTree) -> Actor {
        let mut roles: BTreeMap<OrgId, BTreeSet<Role>> = BTreeMap::new();
        if !user.disabled {
            for m in memberships.iter().filter(|m| m.user_id == user.id) {
                for org in tree.descendants_and_self(m.org_id) {
                    roles.entry(org).or_default().insert(m.role);
                }
            }
        }
        Actor {
            user_id: Some(user.id),
            name: user.name.clone(),
            platform_admin: user.platform_admin && !user.disabled,
            roles,
            scope: None,
        }
    }

    /// The same person acting through an API token: only the roles held in the token's
    /// organisation (and the units below it), only the actions its scope covers, and no
    /// platform rights unless the token is a platform administrator's with no organisation.
    pub fn through_token(mut self, org: Option<OrgId>, scope: TokenScope, tree: &OrgTree) -> Actor {
        if let Some(org) = org {
            let reach: BTreeSet<OrgId> = tree.descendants_and_self(org).into_iter().collect();
            self.roles.retain(|o, _| reach.contains(o));
            self.platform_admin = false;
        }
        self.scope = Some(scope);
        self
    }

    /// The scope of the token the actor acts through, if any.
    pub fn token_scope(&self) -> Option<TokenScope> {
        self.scope
    }

    /// The operator at the command line (`aireg demo`, `aireg user add`): may do anything, and
    /// is recorded in the audit log under `label`.
    pub fn command_line(label: &str) -> Actor {
        Actor {
            user_id: None,
            name: format!("cli:{label}"),
            platform_admin: true,
            roles: BTreeMap::new(),
            scope: None,
        }
    }

    pub fn user_id(&self) -> Option<UserId> {
        self.user_id
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn is_platform_admin(&self) -> bool {
        self.platform_admin
    }

    /// The roles this actor holds in an organisation (directly or from above).
    pub fn roles_in(&self, org: OrgId) -> impl Iterator<Item = Role> + '_ {
        self.roles.get(&org).into_iter().flatten().copied()
    }

    pub fn has_role(&self, org: OrgId, role: Role) -> bool {
        self.roles.get(&org).is_some_and(|r| r.contains(&role))
    }

    /// Organisations where the actor holds any role.
    pub fn organisations(&self) -> impl Iterator<Item = OrgId> + '_ {
        self.roles.keys().copied()
    }
}

/// Something an actor wants to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Read a record with its internal fields, and its history.
    ReadSystem,
    CreateSystem,
    EditSystem,
    /// Publish or withdraw.
    PublishSystem,
    /// See and change who holds which role in the organisation; see and revoke its members'
    /// API tokens.
    ManageMembers,
    /// Create organisations and products, add accounts.
    AdministerPlatform,
    /// Manage one's own account: API tokens, password.
    ManageOwnAccount,
    /// Keep track of the organisation's AI Act obligations: status, responsible person,
    /// evidence.
    TrackObligations,
    /// Re-classify the organisation's records with a new version of the AI Act content pack.
    ApplyPackUpdate,
    /// Ask for approvals, move a record through its lifecycle, fill in its assessments, record
    /// its reviews: the work of keeping a record governed.
    GovernSystem,
    /// Decide on an approval request as a member of the body the policy names
    /// ([`authorize_body_decision`]).
    DecideApproval,
    /// Sign off an assessment as a member of the body the policy names.
    SignAssessment,
    /// Report an incident on a record of an organisation where one holds any role.
    ReportIncident,
    /// Handle incident reports and residents' feedback on a record.
    HandleReports,
    /// Review the organisation's (or region's) AI policy.
    ReviewPolicy,
    /// Look up which AI tools one may use with which data, and how to disclose it: anyone
    /// holding any role in the organisation (or above it).
    AskAiUse,
    /// Ask for an AI tool to be added to the catalogue: a draft record in the register, for
    /// the body the policy names. Anyone holding any role may ask.
    RequestAiTool,
    /// Import staff's AI usage figures (counted at import; no user is stored).
    ImportUsage,
}

/// What a decision needs to know about the target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resource {
    /// An organisation (for creating records in it, managing its members).
    Org(OrgId),
    /// An existing record.
    System(SystemFacts),
    /// The platform as a whole.
    Platform,
    /// One person's account.
    Account(UserId),
}

/// The facts about a record that decisions depend on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SystemFacts {
    pub org_id: OrgId,
    /// The unit of the organisation the record names: roles held there count for the record
    /// too (a unit's process owner answers for the records of the unit).
    pub unit: Option<OrgId>,
    pub system_owner: Option<UserId>,
    pub process_owner: Option<UserId>,
}

impl Resource {
    /// A stored record as a resource.
    pub fn system(s: &crate::system::AiSystem) -> Resource {
        Resource::System(SystemFacts {
            org_id: s.org_id,
            unit: s.record.unit,
            system_owner: s.record.system_owner,
            process_owner: s.record.process_owner,
        })
    }

    fn org(&self) -> Option<OrgId> {
        match self {
            Resource::Org(o) => Some(*o),
            Resource::System(f) => Some(f.org_id),
            Resource::Platform | Resource::Account(_) => None,
        }
    }
}

/// Proof that [`authorize`] allowed an action. Store operations that change data take one, and
/// record its actor in the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Permit {
    action: Action,
    org_id: Option<OrgId>,
    account: Option<UserId>,
    actor_id: Option<UserId>,
    actor_name: String,
    /// Granted by platform-wide rights (the command line, a platform administrator): such a
    /// permit may also import facts the workflow would otherwise produce, e.g. a record already
    /// in use.
    platform: bool,
}

impl Permit {
    /// Whether the permit comes from platform-wide rights.
    pub fn is_platform(&self) -> bool {
        self.platform
    }

    pub fn action(&self) -> Action {
        self.action
    }

    /// The organisation the permit is for (none for platform actions).
    pub fn org_id(&self) -> Option<OrgId> {
        self.org_id
    }

    pub fn actor_id(&self) -> Option<UserId> {
        self.actor_id
    }

    /// The account a [`Action::ManageOwnAccount`] permit is for.
    pub fn account(&self) -> Option<UserId> {
        self.account
    }

    pub fn actor_name(&self) -> &str {
        &self.actor_name
    }

    /// Whether this permit covers `action` in `org`.
    pub fn covers(&self, action: Action, org: Option<OrgId>) -> bool {
        self.action == action && (self.org_id == org || self.action == Action::AdministerPlatform)
    }
}

/// The refusal: the actor lacks the role, or acts through a token whose scope does not cover
/// the action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Denied {
    #[error("not allowed")]
    Role,
    #[error("the token's scope is {held}; this needs {needed}")]
    Scope {
        held: TokenScope,
        needed: TokenScope,
    },
}

string_enum! {
    /// What an API token may do, each including the ones before it: read; write (create, edit,
    /// govern, report); publish (publish and withdraw, decide, sign off, re-classify); admin
    /// (members and accounts).
    pub enum TokenScope: "token-scope" {
        Read = "read",
        Write = "write",
        Publish = "publish",
        Admin = "admin",
    }
}

impl TokenScope {
    /// The scope a token needs for an action.
    pub fn needed_for(action: Action) -> TokenScope {
        match action {
            Action::ReadSystem | Action::AskAiUse => TokenScope::Read,
            Action::CreateSystem
            | Action::EditSystem
            | Action::GovernSystem
            | Action::TrackObligations
            | Action::ReportIncident
            | Action::HandleReports
            | Action::ReviewPolicy
            | Action::RequestAiTool
            | Action::ImportUsage => TokenScope::Write,
            Action::PublishSystem
            | Action::DecideApproval
            | Action::SignAssessment
            | Action::ApplyPackUpdate => TokenScope::Publish,
            Action::ManageMembers | Action::AdministerPlatform | Action::ManageOwnAccount => {
                TokenScope::Admin
            }
        }
    }
}

/// Refuses an action beyond the scope of the token the actor acts through.
fn within_scope(actor: &Actor, action: Action) -> Result<(), Denied> {
    let needed = TokenScope::needed_for(action);
    match actor.scope {
        Some(held) if held < needed => Err(Denied::Scope { held, needed }),
        _ => Ok(()),
    }
}

/// The one authorization decision.
pub fn authorize(actor: &Actor, action: Action, resource: Resource) -> Result<Permit, Denied> {
    within_scope(actor, action)?;
    if allowed(actor, action, resource) {
        Ok(Permit {
            action,
            org_id: resource.org(),
            account: match resource {
                Resource::Account(u) => Some(u),
                _ => None,
            },
            actor_id: actor.user_id,
            actor_name: actor.name.clone(),
            platform: actor.platform_admin,
        })
    } else {
        Err(Denied::Role)
    }
}

/// Whether [`authorize`] would allow it (for deciding what a page offers).
pub fn can(actor: &Actor, action: Action, resource: Resource) -> bool {
    within_scope(actor, action).is_ok() && allowed(actor, action, resource)
}

fn allowed(actor: &Actor, action: Action, resource: Resource) -> bool {
    if actor.platform_admin {
        return true;
    }
    if let (Action::ManageOwnAccount, Resource::Account(user)) = (action, resource) {
        return actor.user_id == Some(user);
    }
    let Some(org) = resource.org() else {
        return false; // platform resources are for platform admins only
    };
    let mut roles: Vec<Role> = actor.roles_in(org).collect();
    if let Resource::System(SystemFacts {
        unit: Some(unit), ..
    }) = resource
    {
        roles.extend(actor.roles_in(unit));
    }
    let any = |allowed: &[Role]| roles.iter().any(|r| allowed.contains(r));
    match (action, resource) {
        (Action::ReadSystem, Resource::System(_) | Resource::Org(_)) => !roles.is_empty(),
        (Action::CreateSystem, Resource::Org(_)) => {
            any(&[Role::OrgAdmin, Role::Editor, Role::SystemOwner])
        }
        (Action::EditSystem, Resource::System(f)) => {
            any(&[Role::OrgAdmin, Role::Editor, Role::SystemOwner])
                || (roles.contains(&Role::ProcessOwner)
                    && f.process_owner.is_some()
                    && f.process_owner == actor.user_id)
        }
        (Action::PublishSystem, Resource::System(_)) => {
            any(&[Role::OrgAdmin, Role::Editor, Role::SystemOwner])
        }
        (Action::ManageMembers, Resource::Org(_)) => any(&[Role::OrgAdmin]),
        (Action::GovernSystem, Resource::System(f)) => {
            any(&[Role::OrgAdmin, Role::Editor, Role::SystemOwner]) || is_named(actor, &f)
        }
        (Action::ReportIncident, Resource::System(_) | Resource::Org(_)) => !roles.is_empty(),
        (Action::AskAiUse | Action::RequestAiTool, Resource::Org(_)) => !roles.is_empty(),
        (Action::ImportUsage, Resource::Org(_)) => any(&[Role::OrgAdmin]),
        (Action::HandleReports, Resource::System(f)) => {
            any(&[
                Role::OrgAdmin,
                Role::Editor,
                Role::SystemOwner,
                Role::Approver,
            ]) || is_named(actor, &f)
        }
        (Action::ReviewPolicy, Resource::Org(_)) => any(&[Role::AiWorkingGroup, Role::OrgAdmin]),
        (Action::TrackObligations, Resource::Org(_)) => {
            any(&[Role::OrgAdmin, Role::Editor, Role::SystemOwner])
        }
        (Action::ApplyPackUpdate, Resource::Org(_)) => any(&[Role::OrgAdmin]),
        _ => false,
    }
}

/// Whether the actor is the system owner or process owner named on the record (and still holds
/// a role in its organisation).
fn is_named(actor: &Actor, f: &SystemFacts) -> bool {
    let holds_role = holds_role_for(actor, f);
    holds_role
        && actor.user_id.is_some()
        && (f.system_owner == actor.user_id || f.process_owner == actor.user_id)
}

/// Whether the actor holds any role in the record's organisation or its unit.
fn holds_role_for(actor: &Actor, f: &SystemFacts) -> bool {
    actor.roles_in(f.org_id).next().is_some()
        || f.unit.is_some_and(|u| actor.roles_in(u).next().is_some())
}

string_enum! {
    /// A person a governance body can consist of: the one the record names.
    pub enum RecordPerson: "record-person" {
        SystemOwner = "system_owner",
        ProcessOwner = "process_owner",
    }
}

/// Who belongs to a governance body of a policy: the holders of some roles in the record's
/// organisation, or the person the record names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyMembership {
    pub roles: Vec<Role>,
    pub record_person: Option<RecordPerson>,
}

impl BodyMembership {
    /// Whether the actor belongs to the body for this record.
    pub fn includes(&self, actor: &Actor, f: &SystemFacts) -> bool {
        // A body's roles count in the record's organisation (and, spread down, from above it),
        // not in its unit: a unit's admin must not be able to seat members of a
        // municipality-wide body.
        let by_role = self.roles.iter().any(|r| actor.has_role(f.org_id, *r));
        let named = match self.record_person {
            Some(RecordPerson::SystemOwner) => f.system_owner,
            Some(RecordPerson::ProcessOwner) => f.process_owner,
            None => None,
        };
        let by_name =
            named.is_some() && named == actor.user_id && actor.roles_in(f.org_id).next().is_some();
        by_role || by_name
    }
}

/// What an edit asks for on the editor's behalf: an edit to a fact the policy's routing or
/// gates depend on, on a record in front of users, requests the approvals it made missing. The
/// editor is their requester (so four eyes keep them from deciding them) even without the
/// right to govern the record; the permit covers nothing but that request.
pub fn permit_follow_up(edit: &Permit) -> Option<Permit> {
    (edit.action == Action::EditSystem).then(|| Permit {
        action: Action::GovernSystem,
        ..edit.clone()
    })
}

/// Permits a decision (an approval, or an assessment's sign-off) by a member of the body the
/// policy names. The one who asked for the approval may never decide it (four eyes), unless the
/// policy makes it the system owner's own decision.
pub fn authorize_body_decision(
    actor: &Actor,
    action: Action,
    system: SystemFacts,
    body: &BodyMembership,
    requester: Option<UserId>,
    own_decision: bool,
) -> Result<Permit, Denied> {
    within_scope(actor, action)?;
    let decision = matches!(action, Action::DecideApproval | Action::SignAssessment);
    let four_eyes = own_decision || requester.is_none() || requester != actor.user_id;
    if decision && actor.user_id.is_some() && four_eyes && body.includes(actor, &system) {
        Ok(Permit {
            action,
            org_id: Some(system.org_id),
            account: None,
            actor_id: actor.user_id,
            actor_name: actor.name.clone(),
            platform: false,
        })
    } else {
        Err(Denied::Role)
    }
}

/// Permits a decision on an approval request by a member of the body it went to. For a body
/// that is the person the record names, that is the person the request was routed to when it
/// was made: renaming the record's owner afterwards does not change who decides.
pub fn authorize_approval_decision(
    actor: &Actor,
    mut system: SystemFacts,
    body: &BodyMembership,
    request: &crate::governance::ApprovalRequest,
) -> Result<Permit, Denied> {
    if let Some(person) = request.routed_to {
        match body.record_person {
            Some(RecordPerson::SystemOwner) => system.system_owner = Some(person),
            Some(RecordPerson::ProcessOwner) => system.process_owner = Some(person),
            None => {}
        }
    }
    authorize_body_decision(
        actor,
        Action::DecideApproval,
        system,
        body,
        request.requested_by,
        request.own_decision,
    )
}

/// Which records a read may return. Every list and search in the store takes one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadScope(ScopeKind);

#[derive(Debug, Clone, PartialEq, Eq)]
enum ScopeKind {
    Public,
    Orgs(BTreeSet<OrgId>),
    All,
}

impl ReadScope {
    /// Published records, public fields only: what anyone may see.
    pub fn public() -> ReadScope {
        ReadScope(ScopeKind::Public)
    }

    /// Every record of every organisation where the actor holds a role; everything for a
    /// platform admin.
    pub fn for_actor(actor: &Actor) -> ReadScope {
        if actor.platform_admin {
            ReadScope(ScopeKind::All)
        } else {
            ReadScope(ScopeKind::Orgs(actor.roles.keys().copied().collect()))
        }
    }

    /// Only the public view of published records.
    pub fn is_public(&self) -> bool {
        matches!(self.0, ScopeKind::Public)
    }

    /// The organisations whose records are visible; `None` means all (public scope: all
    /// organisations, published records only).
    pub fn orgs(&self) -> Option<&BTreeSet<OrgId>> {
        match &self.0 {
            ScopeKind::Orgs(o) => Some(o),
            _ => None,
        }
    }

    /// Whether a record of `org` in the given publication state is visible.
    pub fn allows(&self, org: OrgId, published: bool) -> bool {
        match &self.0 {
            ScopeKind::Public => published,
            ScopeKind::Orgs(o) => o.contains(&org),
            ScopeKind::All => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;
    use proptest::prelude::*;

    struct World {
        tree: OrgTree,
        region: OrgId,
        kajaani: OrgId,
        kajaani_unit: OrgId,
        sotkamo: OrgId,
        avesta: OrgId,
    }

    fn world() -> World {
        let region = OrgId::new();
        let kajaani = OrgId::new();
        let kajaani_unit = OrgId::new();
        let sotkamo = OrgId::new();
        let avesta = OrgId::new();
        let tree = OrgTree::new([
            (region, None),
            (kajaani, Some(region)),
            (kajaani_unit, Some(kajaani)),
            (sotkamo, Some(region)),
            (avesta, None),
        ]);
        World {
            tree,
            region,
            kajaani,
            kajaani_unit,
            sotkamo,
            avesta,
        }
    }

    fn user() -> User {
        User {
            id: UserId::new(),
            email: "x@y.example".into(),
            name: "X".into(),
            language: Lang::Fi,
            platform_admin: false,
            disabled: false,
        }
    }

    fn actor(w: &World, grants: &[(OrgId, Role)]) -> (User, Actor) {
        let u = user();
        let ms: Vec<Membership> = grants
            .iter()
            .map(|(o, r)| Membership {
                user_id: u.id,
                org_id: *o,
                role: *r,
            })
            .collect();
        let a = Actor::person(&u, &ms, &w.tree);
        (u, a)
    }

    fn sys(org: OrgId) -> Resource {
        Resource::System(SystemFacts {
            org_id: org,
            unit: None,
            system_owner: None,
            process_owner: None,
        })
    }

    #[test]
    fn decision_table() {
        let w = world();
        use Action::*;
        let cases: &[(Role, Action, bool)] = &[
            (Role::Viewer, ReadSystem, true),
            (Role::Viewer, EditSystem, false),
            (Role::Viewer, CreateSystem, false),
            (Role::Viewer, PublishSystem, false),
            (Role::Editor, CreateSystem, true),
            (Role::Editor, EditSystem, true),
            (Role::Editor, PublishSystem, true),
            (Role::Editor, ManageMembers, false),
            (Role::SystemOwner, EditSystem, true),
            (Role::SystemOwner, PublishSystem, true),
            (Role::ProcessOwner, EditSystem, false),
            (Role::ProcessOwner, ReadSystem, true),
            (Role::Approver, ReadSystem, true),
            (Role::Approver, EditSystem, false),
            (Role::OrgAdmin, ManageMembers, true),
            (Role::OrgAdmin, PublishSystem, true),
            (Role::AiWorkingGroup, ReadSystem, true),
            (Role::AiWorkingGroup, EditSystem, false),
            (Role::Editor, TrackObligations, true),
            (Role::SystemOwner, TrackObligations, true),
            (Role::Viewer, TrackObligations, false),
            (Role::Approver, TrackObligations, false),
            (Role::OrgAdmin, ApplyPackUpdate, true),
            (Role::Editor, ApplyPackUpdate, false),
            (Role::SystemOwner, GovernSystem, true),
            (Role::Viewer, GovernSystem, false),
            (Role::Viewer, ReportIncident, true),
            (Role::AiWorkingGroup, ReportIncident, true),
            (Role::Approver, HandleReports, true),
            (Role::Viewer, HandleReports, false),
            (Role::AiWorkingGroup, ReviewPolicy, true),
            (Role::Editor, ReviewPolicy, false),
            (Role::Viewer, AskAiUse, true),
            (Role::Viewer, RequestAiTool, true),
            (Role::OrgAdmin, ImportUsage, true),
            (Role::Editor, ImportUsage, false),
        ];
        for (role, action, expected) in cases {
            let (_, a) = actor(&w, &[(w.kajaani, *role)]);
            let res = match action {
                CreateSystem | ManageMembers | TrackObligations | ApplyPackUpdate
                | ReviewPolicy | AskAiUse | RequestAiTool | ImportUsage => Resource::Org(w.kajaani),
                _ => sys(w.kajaani),
            };
            assert_eq!(
                can(&a, *action, res),
                *expected,
                "{role:?} {action:?} in own organisation"
            );
            let other = match action {
                CreateSystem | ManageMembers | TrackObligations | ApplyPackUpdate
                | ReviewPolicy => Resource::Org(w.avesta),
                _ => sys(w.avesta),
            };
            assert!(!can(&a, *action, other), "{role:?} {action:?} elsewhere");
        }
    }

    #[test]
    fn process_owner_edits_only_the_records_naming_them() {
        let w = world();
        let (u, a) = actor(&w, &[(w.kajaani, Role::ProcessOwner)]);
        let mine = Resource::System(SystemFacts {
            org_id: w.kajaani,
            unit: None,
            system_owner: None,
            process_owner: Some(u.id),
        });
        assert!(can(&a, Action::EditSystem, mine));
        assert!(!can(&a, Action::PublishSystem, mine));
        assert!(!can(&a, Action::EditSystem, sys(w.kajaani)));
    }

    #[test]
    fn descendants_go_down_every_level_once() {
        let [root, region, town, unit, other, a, b] = std::array::from_fn(|_| OrgId::new());
        let tree = OrgTree::new([
            (root, None),
            (region, Some(root)),
            (town, Some(region)),
            (unit, Some(town)),
            (other, None),
            // A cycle in bad data stops where it closes.
            (a, Some(b)),
            (b, Some(a)),
        ]);
        assert_eq!(
            tree.descendants_and_self(root),
            BTreeSet::from([root, region, town, unit])
        );
        assert_eq!(
            tree.descendants_and_self(town),
            BTreeSet::from([town, unit])
        );
        assert_eq!(tree.descendants_and_self(other), BTreeSet::from([other]));
        assert_eq!(tree.descendants_and_self(a), BTreeSet::from([a, b]));
        let copy = tree.clone();
        assert_eq!(copy.ancestors_and_self(unit), [unit, town, region, root]);
    }

    #[test]
    fn roles_spread_down_not_up_or_sideways() {
        let w = world();
        let (_, group) = actor(&w, &[(w.region, Role::AiWorkingGroup)]);
        assert!(can(&group, Action::ReadSystem, sys(w.kajaani)));
        assert!(can(&group, Action::ReadSystem, sys(w.kajaani_unit)));
        assert!(can(&group, Action::ReadSystem, sys(w.sotkamo)));
        assert!(!can(&group, Action::ReadSystem, sys(w.avesta)));

        let (_, editor) = actor(&w, &[(w.kajaani, Role::Editor)]);
        assert!(can(&editor, Action::EditSystem, sys(w.kajaani_unit)));
        assert!(!can(&editor, Action::ReadSystem, sys(w.region)));
        assert!(!can(&editor, Action::ReadSystem, sys(w.sotkamo)));
        let scope = ReadScope::for_actor(&editor);
        assert!(scope.allows(w.kajaani_unit, false));
        assert!(!scope.allows(w.sotkamo, true));
    }

    #[test]
    fn disabled_accounts_hold_no_roles_and_platform_actions_need_a_platform_admin() {
        let w = world();
        let mut u = user();
        u.disabled = true;
        let ms = [Membership {
            user_id: u.id,
            org_id: w.kajaani,
            role: Role::OrgAdmin,
        }];
        let a = Actor::person(&u, &ms, &w.tree);
        assert!(!can(&a, Action::ReadSystem, sys(w.kajaani)));
        let (_, admin) = actor(&w, &[(w.kajaani, Role::OrgAdmin)]);
        assert!(!can(&admin, Action::AdministerPlatform, Resource::Platform));
        let other = UserId::new();
        assert!(can(
            &admin,
            Action::ManageOwnAccount,
            Resource::Account(admin.user_id().unwrap())
        ));
        assert!(!can(
            &admin,
            Action::ManageOwnAccount,
            Resource::Account(other)
        ));
        let cli = Actor::command_line("test");
        let permit = authorize(&cli, Action::AdministerPlatform, Resource::Platform).unwrap();
        assert_eq!(permit.actor_name(), "cli:test");
    }

    #[test]
    fn public_scope_sees_published_only() {
        let w = world();
        let s = ReadScope::public();
        assert!(s.allows(w.kajaani, true));
        assert!(!s.allows(w.kajaani, false));
        assert!(s.is_public());
    }

    #[test]
    fn roles_in_the_records_unit_count_for_the_record() {
        let w = world();
        // A viewer of the municipality who is the process owner of its education unit.
        let (u, a) = actor(
            &w,
            &[
                (w.kajaani, Role::Viewer),
                (w.kajaani_unit, Role::ProcessOwner),
            ],
        );
        let of_unit = |unit: Option<OrgId>| {
            Resource::System(SystemFacts {
                org_id: w.kajaani,
                unit,
                system_owner: None,
                process_owner: Some(u.id),
            })
        };
        assert!(can(&a, Action::EditSystem, of_unit(Some(w.kajaani_unit))));
        assert!(can(&a, Action::GovernSystem, of_unit(Some(w.kajaani_unit))));
        assert!(!can(&a, Action::EditSystem, of_unit(None)));
        assert!(!can(
            &a,
            Action::PublishSystem,
            of_unit(Some(w.kajaani_unit))
        ));
    }

    #[test]
    fn body_decisions_need_membership_and_four_eyes() {
        let w = world();
        let (approver, a) = actor(&w, &[(w.kajaani, Role::Approver)]);
        let (owner, o) = actor(&w, &[(w.kajaani, Role::Viewer)]);
        let facts = SystemFacts {
            org_id: w.kajaani,
            unit: None,
            system_owner: Some(owner.id),
            process_owner: Some(owner.id),
        };
        let group = BodyMembership {
            roles: vec![Role::Approver],
            record_person: None,
        };
        let process_owner = BodyMembership {
            roles: vec![],
            record_person: Some(RecordPerson::ProcessOwner),
        };
        let requester = Some(UserId::new());
        assert!(
            authorize_body_decision(&a, Action::DecideApproval, facts, &group, requester, false)
                .is_ok()
        );
        assert!(
            authorize_body_decision(&o, Action::DecideApproval, facts, &group, requester, false)
                .is_err()
        );
        assert!(
            authorize_body_decision(
                &o,
                Action::DecideApproval,
                facts,
                &process_owner,
                requester,
                false
            )
            .is_ok()
        );
        assert!(
            authorize_body_decision(
                &a,
                Action::DecideApproval,
                facts,
                &process_owner,
                requester,
                false
            )
            .is_err()
        );
        // Four eyes: whoever asked may not decide...
        assert!(
            authorize_body_decision(
                &a,
                Action::DecideApproval,
                facts,
                &group,
                Some(approver.id),
                false
            )
            .is_err()
        );
        // ...unless it is the system owner's own decision.
        let system_owner = BodyMembership {
            roles: vec![],
            record_person: Some(RecordPerson::SystemOwner),
        };
        assert!(
            authorize_body_decision(
                &o,
                Action::DecideApproval,
                facts,
                &system_owner,
                Some(owner.id),
                true
            )
            .is_ok()
        );
        // A person named on a record of another organisation is not a member here.
        let (_, outsider) = actor(&w, &[(w.avesta, Role::OrgAdmin)]);
        let foreign = SystemFacts {
            org_id: w.kajaani,
            unit: None,
            system_owner: outsider.user_id(),
            process_owner: None,
        };
        assert!(
            authorize_body_decision(
                &outsider,
                Action::DecideApproval,
                foreign,
                &system_owner,
                None,
                true
            )
            .is_err()
        );
        // Only decisions can be permitted this way.
        assert!(
            authorize_body_decision(&a, Action::EditSystem, facts, &group, requester, false)
                .is_err()
        );
    }

    #[test]
    fn permits_name_their_organisation() {
        let w = world();
        let (_, a) = actor(&w, &[(w.kajaani, Role::Editor)]);
        let p = authorize(&a, Action::EditSystem, sys(w.kajaani)).unwrap();
        assert!(p.covers(Action::EditSystem, Some(w.kajaani)));
        assert!(!p.covers(Action::EditSystem, Some(w.sotkamo)));
        assert!(!p.covers(Action::PublishSystem, Some(w.kajaani)));
    }

    fn any_role() -> impl Strategy<Value = Role> {
        proptest::sample::select(Role::ALL.to_vec())
    }

    fn any_action() -> impl Strategy<Value = Action> {
        proptest::sample::select(vec![
            Action::ReadSystem,
            Action::CreateSystem,
            Action::EditSystem,
            Action::PublishSystem,
            Action::ManageMembers,
            Action::AdministerPlatform,
            Action::ManageOwnAccount,
            Action::TrackObligations,
            Action::ApplyPackUpdate,
            Action::GovernSystem,
            Action::ReportIncident,
            Action::HandleReports,
            Action::ReviewPolicy,
            Action::AskAiUse,
            Action::RequestAiTool,
            Action::ImportUsage,
        ])
    }

    proptest! {
        /// Whatever roles a person holds in the Kainuu region, nothing is allowed on Avesta's
        /// records or organisation, and nothing on the platform.
        #[test]
        fn no_membership_no_permission(
            grants in proptest::collection::vec((0usize..4, any_role()), 0..8),
            action in any_action(),
            named_owner in any::<bool>(),
        ) {
            let w = world();
            let orgs = [w.region, w.kajaani, w.kajaani_unit, w.sotkamo];
            let g: Vec<(OrgId, Role)> = grants.iter().map(|(i, r)| (orgs[*i], *r)).collect();
            let (u, a) = actor(&w, &g);
            let owner = named_owner.then_some(u.id);
            let facts = SystemFacts { org_id: w.avesta, unit: None, system_owner: owner, process_owner: owner };
            prop_assert!(!can(&a, action, Resource::System(facts)));
            prop_assert!(!can(&a, action, Resource::Org(w.avesta)));
            prop_assert!(!can(&a, action, Resource::Platform));
            prop_assert!(!ReadScope::for_actor(&a).allows(w.avesta, true));
        }

        /// Anything an actor may change, it may also read.
        #[test]
        fn write_implies_read(
            grants in proptest::collection::vec((0usize..4, any_role()), 0..8),
            target in 0usize..4,
        ) {
            let w = world();
            let orgs = [w.region, w.kajaani, w.kajaani_unit, w.sotkamo];
            let g: Vec<(OrgId, Role)> = grants.iter().map(|(i, r)| (orgs[*i], *r)).collect();
            let (u, a) = actor(&w, &g);
            let facts = SystemFacts { org_id: orgs[target], unit: None, system_owner: Some(u.id), process_owner: Some(u.id) };
            for action in [Action::EditSystem, Action::PublishSystem] {
                if can(&a, action, Resource::System(facts)) {
                    prop_assert!(can(&a, Action::ReadSystem, Resource::System(facts)));
                    prop_assert!(ReadScope::for_actor(&a).allows(orgs[target], false));
                }
            }
        }
    }
}
