//! The audit chain under concurrent writes.

use super::*;
use crate::Store;
use aireg_domain::audit::{AuditEvent, ChainVerifier};
use aireg_domain::org::OrgKind;
use aireg_domain::policy::{Action, ReadScope, Resource};

pub async fn audit_chain_stays_intact_under_concurrent_writes(store: &dyn Store) {
    let kajaani = org(store, "kajaani", OrgKind::Municipality, None).await;
    let store_ref: &dyn Store = store;
    let creates = (0..12).map(|i| async move {
        store_ref
            .create_system(
                &permit(Action::CreateSystem, Resource::Org(kajaani.id)),
                record(&format!("Rinnakkainen {i}")),
                None,
            )
            .await
    });
    for r in futures_util::future::join_all(creates).await {
        r.expect("concurrent create");
    }
    let mut verifier = ChainVerifier::new();
    let mut after = 0;
    let mut actions = Vec::new();
    loop {
        let batch = store.audit_events(after, 5).await.unwrap();
        if batch.is_empty() {
            break;
        }
        for e in &batch {
            verifier.check(e).expect("chain intact");
            after = e.seq;
            actions.push(e.action.clone());
        }
    }
    let head = store.audit_head().await.unwrap();
    assert_eq!(
        verifier.finish(head.as_ref().map(|(s, h)| (*s, h.as_str()))),
        Ok(13)
    );
    assert_eq!(actions[0], "organisation.create");
    assert_eq!(actions.iter().filter(|a| *a == "system.create").count(), 12);
    let events = store.audit_events(1, 1).await.unwrap();
    let after_value = events[0].after_value().unwrap();
    assert_eq!(after_value["publication"], "draft");
    assert!(events[0].org_id == Some(kajaani.id));
}

pub async fn checkpoints_are_kept_once_and_listed_newest_first(store: &dyn Store) {
    use aireg_domain::audit::{AuditKey, Checkpoint};
    let key = AuditKey::from_seed([3; 32]);
    let at = aireg_domain::clock::truncate(aireg_domain::clock::now());
    for seq in [4, 9, 15] {
        let c = Checkpoint::sign(seq, &format!("{seq:064}"), at, &key);
        store.save_checkpoint(&c).await.unwrap();
    }
    // The same head signed again (another instance, a second run) is kept once.
    let again = Checkpoint::sign(
        9,
        &format!("{:064}", 9),
        at + time::Duration::minutes(1),
        &key,
    );
    store.save_checkpoint(&again).await.unwrap();
    let all = store.checkpoints(i64::MAX, 10).await.unwrap();
    assert_eq!(all.iter().map(|c| c.seq).collect::<Vec<_>>(), [15, 9, 4]);
    assert!(
        all.iter()
            .all(|c| c.verify(Some(&key.public_hex())).is_ok())
    );
    assert_eq!(all[1].at, at, "the first one signed for a head is kept");
    let older = store.checkpoints(15, 1).await.unwrap();
    assert_eq!(older.len(), 1);
    assert_eq!(older[0].seq, 9);
}

/// Creates that arrive together are saved together on some engines: each is still checked on
/// its own (one refused leaves the others saved) and its version and audited event name the
/// one who made it.
pub async fn concurrent_creates_keep_their_authors_and_their_refusals(store: &dyn Store) {
    use aireg_domain::person::Role;
    use aireg_domain::policy::authorize;
    let kajaani = org(store, "kajaani", OrgKind::Municipality, None).await;
    let mut actors = Vec::new();
    for email in ["aino@kajaani.example", "eero@kajaani.example"] {
        let u = user(store, email).await;
        grant(store, &u, &kajaani, Role::Editor).await;
        actors.push(store.actor(u.id).await.unwrap().unwrap());
    }
    let creates = (0..24).map(|i| {
        let actor = &actors[i % 2];
        let permit = authorize(actor, Action::CreateSystem, Resource::Org(kajaani.id)).unwrap();
        // Every fourth has no name: refused.
        let name = if i % 4 == 3 {
            String::new()
        } else {
            format!("Yhdessä {i}")
        };
        async move { (i, store.create_system(&permit, record(&name), None).await) }
    });
    let results = futures_util::future::join_all(creates).await;
    let staff = ReadScope::for_actor(&cli());
    let mut saved = 0;
    for (i, result) in results {
        if i % 4 == 3 {
            assert!(
                matches!(result, Err(StoreError::Invalid(_))),
                "{i}: {result:?}"
            );
            continue;
        }
        let s = result.unwrap_or_else(|e| panic!("{i}: {e:?}"));
        saved += 1;
        assert_eq!(
            s.record.name.get(Lang::Fi),
            Some(format!("Yhdessä {i}").as_str())
        );
        let author = &actors[i % 2];
        let events = store
            .audit_of(&staff, "system", &s.id.to_string())
            .await
            .unwrap();
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].actor_id, author.user_id(), "{i}");
        let history = store.system_history(&staff, s.id).await.unwrap();
        assert_eq!(history.len(), 1);
        assert_eq!(history[0].changed_by, author.user_id(), "{i}");
    }
    assert_eq!(saved, 18);
    intact_chain(store).await;
}

/// Every event of the chain, oldest first, read a page at a time: asserts that the chain is
/// intact and ends at the head.
pub(crate) async fn intact_chain(store: &dyn Store) -> Vec<AuditEvent> {
    let mut verifier = ChainVerifier::new();
    let mut events: Vec<AuditEvent> = Vec::new();
    loop {
        let after = events.last().map_or(0, |e| e.seq);
        let batch = store.audit_events(after, 100).await.unwrap();
        if batch.is_empty() {
            break;
        }
        for e in batch {
            verifier.check(&e).expect("chain intact");
            events.push(e);
        }
    }
    let head = store.audit_head().await.unwrap();
    assert!(
        verifier
            .finish(head.as_ref().map(|(s, h)| (*s, h.as_str())))
            .is_ok()
    );
    events
}
