//! Stories of running an installation's accounts: disabling and enabling them, ending their
//! sessions.

use serde_json::json;

use aireg_domain::UserId;
use aireg_domain::clock;
use aireg_domain::org::OrgKind;
use aireg_domain::person::{Role, User};
use aireg_domain::policy::{Action, Resource, authorize};

use super::{grant, org, permit, platform, session, user};
use crate::{NewApiToken, Store, StoreError};

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

    // Only the platform disables accounts: not an organisation's admin, not the person.
    let org_admin = permit(Action::ManageMembers, Resource::Org(kajaani.id));
    let actor = store.actor(editor.id).await.unwrap().unwrap();
    let own = authorize(
        &actor,
        Action::ManageOwnAccount,
        Resource::Account(editor.id),
    )
    .unwrap();
    for p in [&org_admin, &own] {
        assert!(matches!(
            store.set_user_disabled(p, editor.id, true).await,
            Err(StoreError::Forbidden)
        ));
    }
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
