//! Stories of accounts, memberships, sessions, sign-in throttling and API tokens.

use super::*;
use crate::{NewApiToken, Session, Store, StoreError};
use aireg_domain::org::OrgKind;
use aireg_domain::person::{Membership, NewUser, Role, User};
use aireg_domain::policy::{Action, ReadScope, Resource, authorize};
use aireg_domain::validation::Problem;
use aireg_domain::{Lang, UserId, clock};
use serde_json::json;
use time::Duration;

pub async fn accounts_and_memberships(store: &dyn Store) {
    let region = org(store, "kainuu", OrgKind::Region, None).await;
    let kajaani = org(store, "kajaani", OrgKind::Municipality, Some(&region)).await;
    let avesta = org(store, "avesta", OrgKind::Municipality, None).await;

    let maija = user(store, "Maija.Virtanen@Kajaani.Example").await;
    assert_eq!(maija.email, "maija.virtanen@kajaani.example");
    let (found, hash) = store
        .user_by_email("MAIJA.VIRTANEN@kajaani.example")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found, maija);
    assert_eq!(hash, "$argon2id$placeholder");
    assert_eq!(store.user(maija.id).await.unwrap().unwrap(), maija);

    let dup = store
        .create_user(
            &platform(),
            NewUser {
                email: "maija.virtanen@kajaani.example".into(),
                name: "Other".into(),
                language: Lang::Sv,
                platform_admin: false,
            },
            "x",
        )
        .await
        .unwrap_err();
    assert_eq!(field_of(&dup), [("email".to_string(), Problem::Taken)]);

    grant(store, &maija, &region, Role::AiWorkingGroup).await;
    grant(store, &maija, &kajaani, Role::Editor).await;
    // Adding the same role twice is not an error and not a second row.
    grant(store, &maija, &kajaani, Role::Editor).await;
    assert_eq!(store.memberships_of(maija.id).await.unwrap().len(), 2);

    let actor = store.actor(maija.id).await.unwrap().unwrap();
    assert!(actor.has_role(kajaani.id, Role::AiWorkingGroup));
    assert!(actor.has_role(kajaani.id, Role::Editor));
    assert!(!actor.has_role(region.id, Role::Editor));
    assert!(!actor.has_role(avesta.id, Role::Viewer));

    let scope = ReadScope::for_actor(&actor);
    let members = store.members(&scope, kajaani.id).await.unwrap();
    assert_eq!(members.len(), 1);
    assert_eq!(members[0].roles, vec![Role::Editor]);
    assert!(matches!(
        store.members(&scope, avesta.id).await,
        Err(StoreError::NotFound)
    ));

    // A ManageMembers permit for Avesta does not reach Kajaani.
    let wrong = permit(Action::ManageMembers, Resource::Org(avesta.id));
    let m = Membership {
        user_id: maija.id,
        org_id: kajaani.id,
        role: Role::Editor,
    };
    assert!(matches!(
        store.remove_membership(&wrong, m).await,
        Err(StoreError::Forbidden)
    ));
    store
        .remove_membership(&permit(Action::ManageMembers, Resource::Org(kajaani.id)), m)
        .await
        .unwrap();
    let actor = store.actor(maija.id).await.unwrap().unwrap();
    assert!(!actor.has_role(kajaani.id, Role::Editor));

    let own = authorize(
        &actor,
        Action::ManageOwnAccount,
        Resource::Account(maija.id),
    )
    .unwrap();
    store
        .set_password(&own, maija.id, "$argon2id$new")
        .await
        .unwrap();
    let (_, hash) = store
        .user_by_email("maija.virtanen@kajaani.example")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(hash, "$argon2id$new");
    let other = user(store, "other@kajaani.example").await;
    assert!(matches!(
        store.set_password(&own, other.id, "$x").await,
        Err(StoreError::Forbidden)
    ));
}

pub async fn sessions_expire(store: &dyn Store) {
    let u = user(store, "s@x.example").await;
    let s = session(&u, "h1");
    let now = s.created_at;
    store.create_session(&s).await.unwrap();
    assert_eq!(store.session("h1", now).await.unwrap(), Some(s.clone()));
    assert_eq!(
        store.session("h1", now + Duration::hours(2)).await.unwrap(),
        None
    );
    let later = now + Duration::minutes(30);
    store
        .touch_session("h1", later, later + Duration::hours(1))
        .await
        .unwrap();
    let touched = store
        .session("h1", now + Duration::minutes(80))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(touched.last_seen_at, later);
    assert_eq!(
        store
            .delete_expired_sessions(now + Duration::hours(3))
            .await
            .unwrap(),
        1
    );
    store
        .create_session(&Session {
            id_hash: "h2".into(),
            ..s
        })
        .await
        .unwrap();
    store.delete_session("h2").await.unwrap();
    assert_eq!(store.session("h2", now).await.unwrap(), None);
}

pub async fn login_failures_are_counted(store: &dyn Store) {
    let now = clock::now();
    for i in 0..3 {
        store
            .record_login_failure("email:a@b.example", now - Duration::minutes(i * 10))
            .await
            .unwrap();
    }
    store
        .record_login_failure("ip:127.0.0.1", now)
        .await
        .unwrap();
    let since = now - Duration::minutes(15);
    assert_eq!(
        store
            .login_failures_since("email:a@b.example", since)
            .await
            .unwrap(),
        2
    );
    store
        .clear_login_failures("email:a@b.example")
        .await
        .unwrap();
    assert_eq!(
        store
            .login_failures_since("email:a@b.example", since)
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        store
            .login_failures_since("ip:127.0.0.1", since)
            .await
            .unwrap(),
        1
    );
    // Failures older than any throttling window are forgotten.
    store
        .record_login_failure("ip:10.0.0.1", now - Duration::days(2))
        .await
        .unwrap();
    assert_eq!(
        store
            .delete_login_failures_before(now - Duration::days(1))
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        store
            .login_failures_since("ip:127.0.0.1", since)
            .await
            .unwrap(),
        1
    );
}

pub async fn api_tokens(store: &dyn Store) {
    let kajaani = org(store, "kajaani", OrgKind::Municipality, None).await;
    let avesta = org(store, "avesta", OrgKind::Municipality, None).await;
    let editor = user(store, "editor@kajaani.example").await;
    grant(store, &editor, &kajaani, Role::Editor).await;
    let actor = store.actor(editor.id).await.unwrap().unwrap();
    let own = authorize(
        &actor,
        Action::ManageOwnAccount,
        Resource::Account(editor.id),
    )
    .unwrap();

    let t = store
        .create_token(
            &own,
            NewApiToken {
                user_id: editor.id,
                name: "integration".into(),
                hash: "hash-1".into(),
                prefix: "aireg_ab".into(),
                org_id: None,
                scope: aireg_domain::policy::TokenScope::Admin,
                expires_at: aireg_domain::clock::now() + time::Duration::days(30),
            },
        )
        .await
        .unwrap();
    assert_eq!(t.last_used_at, None);
    let now = clock::now();
    let (found, who) = store.token_by_hash("hash-1", now).await.unwrap().unwrap();
    assert_eq!(found.id, t.id);
    assert_eq!(who.id, editor.id);
    let listed = store.tokens_of(editor.id).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].last_used_at, Some(now));
    // Used again within the hour, the use is not written again; an hour later it is.
    let soon = now + time::Duration::minutes(30);
    let (again, _) = store.token_by_hash("hash-1", soon).await.unwrap().unwrap();
    assert_eq!(again.last_used_at, Some(now));
    let later = now + time::Duration::minutes(61);
    store.token_by_hash("hash-1", later).await.unwrap();
    let listed = store.tokens_of(editor.id).await.unwrap();
    assert_eq!(listed[0].last_used_at, Some(later));
    assert_eq!(store.token_by_hash("nope", now).await.unwrap(), None);

    // Someone else's own-account permit cannot create a token for the editor.
    let other = user(store, "other@avesta.example").await;
    grant(store, &other, &avesta, Role::OrgAdmin).await;
    let other_actor = store.actor(other.id).await.unwrap().unwrap();
    let other_own = authorize(
        &other_actor,
        Action::ManageOwnAccount,
        Resource::Account(other.id),
    )
    .unwrap();
    let stolen = store
        .create_token(
            &other_own,
            NewApiToken {
                user_id: editor.id,
                name: "x".into(),
                hash: "hash-2".into(),
                prefix: "aireg_cd".into(),
                org_id: None,
                scope: aireg_domain::policy::TokenScope::Admin,
                expires_at: aireg_domain::clock::now() + time::Duration::days(30),
            },
        )
        .await;
    assert!(matches!(stolen, Err(StoreError::Forbidden)));

    // Avesta's admin neither sees nor revokes Kajaani's tokens.
    let avesta_admin = authorize(
        &other_actor,
        Action::ManageMembers,
        Resource::Org(avesta.id),
    )
    .unwrap();
    assert!(
        store
            .tokens_of_members(&avesta_admin)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(matches!(
        store.revoke_token(&avesta_admin, t.id).await,
        Err(StoreError::NotFound)
    ));
    // A token's power reaches every organisation its holder belongs to, so an organisation's
    // admin sees and revokes only the tokens of people who belong to it alone.
    let both = user(store, "both@kajaani.example").await;
    grant(store, &both, &kajaani, Role::Editor).await;
    grant(store, &both, &avesta, Role::Editor).await;
    let both_actor = store.actor(both.id).await.unwrap().unwrap();
    let shared = store
        .create_token(
            &authorize(
                &both_actor,
                Action::ManageOwnAccount,
                Resource::Account(both.id),
            )
            .unwrap(),
            NewApiToken {
                user_id: both.id,
                name: "shared".into(),
                hash: "hash-3".into(),
                prefix: "aireg_ef".into(),
                org_id: None,
                scope: aireg_domain::policy::TokenScope::Admin,
                expires_at: aireg_domain::clock::now() + time::Duration::days(30),
            },
        )
        .await
        .unwrap();
    let kajaani_admin = permit(Action::ManageMembers, Resource::Org(kajaani.id));
    let members_tokens = store.tokens_of_members(&kajaani_admin).await.unwrap();
    assert_eq!(members_tokens.len(), 1);
    assert_eq!(members_tokens[0].0.id, t.id);
    assert!(matches!(
        store.revoke_token(&kajaani_admin, shared.id).await,
        Err(StoreError::NotFound)
    ));
    store.revoke_token(&kajaani_admin, t.id).await.unwrap();
    assert_eq!(store.token_by_hash("hash-1", now).await.unwrap(), None);
    assert!(
        store.tokens_of(editor.id).await.unwrap()[0]
            .revoked_at
            .is_some()
    );
}

/// The audit actions recorded about one account, oldest first.
async fn account_audit(store: &dyn Store, u: &User) -> Vec<String> {
    store
        .audit_events(0, 10_000)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.entity_type == "user" && e.entity_id == u.id.to_string())
        .map(|e| e.action)
        .collect()
}

pub async fn disabled_accounts_lose_access(store: &dyn Store) {
    let kajaani = org(store, "kajaani", OrgKind::Municipality, None).await;
    let editor = user(store, "editor@kajaani.example").await;
    grant(store, &editor, &kajaani, Role::Editor).await;
    store
        .create_token(
            &platform(),
            NewApiToken {
                user_id: editor.id,
                name: "integration".into(),
                hash: "hash-1".into(),
                prefix: "aireg_ab".into(),
                org_id: None,
                scope: aireg_domain::policy::TokenScope::Admin,
                expires_at: aireg_domain::clock::now() + time::Duration::days(30),
            },
        )
        .await
        .unwrap();
    store
        .create_session(&session(&editor, "editor-session"))
        .await
        .unwrap();
    let now = clock::now();
    assert!(store.token_by_hash("hash-1", now).await.unwrap().is_some());

    // An organisation's admin disables only an account that holds roles there and nowhere
    // else; not another organisation's admin, not the person themself.
    let avesta = org(store, "avesta", OrgKind::Municipality, None).await;
    let avesta_admin = permit(Action::ManageMembers, Resource::Org(avesta.id));
    let actor = store.actor(editor.id).await.unwrap().unwrap();
    let own = authorize(
        &actor,
        Action::ManageOwnAccount,
        Resource::Account(editor.id),
    )
    .unwrap();
    for p in [&avesta_admin, &own] {
        assert!(matches!(
            store.set_user_disabled(p, editor.id, true).await,
            Err(StoreError::Forbidden)
        ));
    }
    let both = user(store, "both@kajaani.example").await;
    grant(store, &both, &kajaani, Role::Viewer).await;
    grant(store, &both, &avesta, Role::Viewer).await;
    let kajaani_admin = permit(Action::ManageMembers, Resource::Org(kajaani.id));
    assert!(matches!(
        store.set_user_disabled(&kajaani_admin, both.id, true).await,
        Err(StoreError::Forbidden)
    ));
    assert!(!store.user(both.id).await.unwrap().unwrap().disabled);
    assert!(!store.user(editor.id).await.unwrap().unwrap().disabled);
    assert!(matches!(
        store
            .set_user_disabled(&platform(), UserId::new(), true)
            .await,
        Err(StoreError::NotFound)
    ));

    store
        .set_user_disabled(&platform(), editor.id, true)
        .await
        .unwrap();
    assert!(store.user(editor.id).await.unwrap().unwrap().disabled);
    let (by_email, _) = store
        .user_by_email("editor@kajaani.example")
        .await
        .unwrap()
        .unwrap();
    assert!(by_email.disabled);
    assert_eq!(store.token_by_hash("hash-1", now).await.unwrap(), None);
    assert_eq!(store.session("editor-session", now).await.unwrap(), None);
    let actor = store.actor(editor.id).await.unwrap().unwrap();
    assert!(!actor.has_role(kajaani.id, Role::Editor));
    // Disabling twice is not an error and not a second event.
    store
        .set_user_disabled(&platform(), editor.id, true)
        .await
        .unwrap();
    assert_eq!(
        account_audit(store, &editor).await,
        ["user.create", "user.disable"]
    );

    store
        .set_user_disabled(&platform(), editor.id, false)
        .await
        .unwrap();
    assert!(!store.user(editor.id).await.unwrap().unwrap().disabled);
    let (_, who) = store.token_by_hash("hash-1", now).await.unwrap().unwrap();
    assert_eq!(who.id, editor.id);
    // The session deleted on disabling stays gone: enabling asks the person to sign in anew.
    assert_eq!(store.session("editor-session", now).await.unwrap(), None);
    assert!(
        store
            .actor(editor.id)
            .await
            .unwrap()
            .unwrap()
            .has_role(kajaani.id, Role::Editor)
    );
    let events = store.audit_events(0, 10_000).await.unwrap();
    let enable = events
        .iter()
        .find(|e| e.action == "user.enable")
        .expect("enabling is audited");
    assert_eq!(enable.after_value(), Some(json!({ "disabled": false })));
    assert_eq!(enable.before_value(), Some(json!({ "disabled": true })));
}

pub async fn sessions_of_an_account_end_together(store: &dyn Store) {
    let maija = user(store, "maija@kajaani.example").await;
    let other = user(store, "other@kajaani.example").await;
    for h in ["maija-1", "maija-2"] {
        store.create_session(&session(&maija, h)).await.unwrap();
    }
    store
        .create_session(&session(&other, "other-1"))
        .await
        .unwrap();

    assert_eq!(store.delete_sessions_of(maija.id).await.unwrap(), 2);
    let now = clock::now();
    assert_eq!(store.session("maija-1", now).await.unwrap(), None);
    assert_eq!(store.session("maija-2", now).await.unwrap(), None);
    assert!(store.session("other-1", now).await.unwrap().is_some());
    assert_eq!(store.delete_sessions_of(maija.id).await.unwrap(), 0);
    // Ending sessions leaves the account as it was.
    assert_eq!(store.user(maija.id).await.unwrap(), Some(maija));
}
