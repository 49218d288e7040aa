//! `aireg audit`: verify the chain (against signed checkpoints when given), sign a checkpoint
//! of its head, make a signing key.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, bail};
use serde_json::Value;

use aireg_domain::audit::{AuditKey, Checkpoint};
use aireg_service::Services;
use aireg_service::audit::Verdict;

use crate::cli::AuditKeyArgs;

/// `audit verify`: exit 0 intact, 1 broken, 2 when a checkpoint given is not to be believed.
pub async fn verify(
    services: &Services,
    sources: &[String],
    public_key: Option<&str>,
) -> anyhow::Result<ExitCode> {
    let mut checkpoints = Vec::new();
    // Without a key given, all checkpoints must carry the first one's: a feed kept in the
    // same database could otherwise hold checkpoints signed by anyone.
    let mut pinned = public_key.map(str::to_string);
    for source in sources {
        for c in read_checkpoints(source)? {
            if let Err(e) = c.verify(pinned.as_deref()) {
                println!(
                    "checkpoint of event {} from {source} is not valid: {e}",
                    c.seq
                );
                return Ok(ExitCode::from(2));
            }
            if pinned.is_none() {
                eprintln!(
                    "Checkpoints are signed by {}: give --public-key to check it is the key \
                     you expect.",
                    c.public_key
                );
                pinned = Some(c.public_key.clone());
            }
            checkpoints.push(c);
        }
    }
    let verdict = services
        .verify_audit(&checkpoints, &|note| eprintln!("{note}"))
        .await?;
    Ok(report(&verdict))
}

/// Prints the verdict; its exit code.
pub fn report(verdict: &Verdict) -> ExitCode {
    match verdict {
        Verdict::Intact {
            events,
            head,
            checkpoints,
        } => {
            println!(
                "audit chain intact: {events} events, head {head}; agrees with {checkpoints} \
                 signed checkpoint(s)"
            );
            ExitCode::SUCCESS
        }
        Verdict::Broken { at, why } => {
            println!("audit chain BROKEN at event {at}: {why}");
            ExitCode::from(1)
        }
    }
}

/// The checkpoints in a file or at a URL: one checkpoint, a list of them, or the public feed
/// (`{"items": [...]}`).
fn read_checkpoints(source: &str) -> anyhow::Result<Vec<Checkpoint>> {
    let web = source.starts_with("http://") || source.starts_with("https://");
    let mut list = Vec::new();
    let mut next = Some(source.to_string());
    while let Some(at) = next.take() {
        let text = if web {
            ureq::get(&at)
                .call()
                .with_context(|| format!("cannot fetch {at}"))?
                .body_mut()
                .read_to_string()
                .with_context(|| format!("cannot read {at}"))?
        } else {
            std::fs::read_to_string(&at).with_context(|| format!("cannot read {at}"))?
        };
        let value: Value =
            serde_json::from_str(&text).with_context(|| format!("{at} is not JSON"))?;
        match value {
            Value::Array(items) => list.extend(items),
            Value::Object(ref o) if o.contains_key("items") => {
                list.extend(o["items"].as_array().cloned().unwrap_or_default());
                // The feed's older pages, followed to the first checkpoint.
                if web && let Some(before) = o.get("next_before").and_then(Value::as_i64) {
                    let base = source.split('?').next().unwrap_or(source);
                    next = Some(format!("{base}?before={before}"));
                }
            }
            one => list.push(one),
        }
    }
    list.into_iter()
        .map(|v| {
            serde_json::from_value(v)
                .with_context(|| format!("{source} holds something that is not a checkpoint"))
        })
        .collect()
}

/// The audit key configured, if any.
pub fn key(args: &AuditKeyArgs) -> anyhow::Result<Option<AuditKey>> {
    let (text, from) = match (&args.audit_key, &args.audit_key_file) {
        (Some(k), _) => (k.clone(), "AIREG_AUDIT_KEY".to_string()),
        (None, Some(path)) => (
            std::fs::read_to_string(path)
                .with_context(|| format!("cannot read the audit key {}", path.display()))?,
            path.display().to_string(),
        ),
        (None, None) => return Ok(None),
    };
    AuditKey::from_hex(&text)
        .map(Some)
        .with_context(|| format!("{from} does not hold an audit key (64 hex digits)"))
}

/// `audit checkpoint`: signs the head now and prints the checkpoint.
pub async fn checkpoint(services: &Services, args: &AuditKeyArgs) -> anyhow::Result<ExitCode> {
    let Some(key) = key(args)? else {
        bail!(
            "no audit key: set AIREG_AUDIT_KEY_FILE (make one with `aireg audit keygen --out FILE`)"
        );
    };
    match services.checkpoint(&key).await? {
        Some(c) => {
            println!("{}", serde_json::to_string_pretty(&c)?);
            Ok(ExitCode::SUCCESS)
        }
        None => {
            eprintln!("The audit chain is empty: nothing to sign yet.");
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `audit keygen --out FILE`.
pub fn keygen(out: &Path) -> anyhow::Result<ExitCode> {
    if out.exists() {
        bail!("{} exists: a key is never overwritten", out.display());
    }
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).map_err(|e| anyhow::anyhow!("no randomness: {e}"))?;
    let key = AuditKey::from_seed(seed);
    write_private(out, &format!("{}\n", key.seed_hex()))?;
    eprintln!(
        "Wrote the audit signing key to {} (keep it outside the database and its backups).",
        out.display()
    );
    println!("{}", key.public_hex());
    Ok(ExitCode::SUCCESS)
}

fn write_private(path: &Path, text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options
        .open(path)
        .with_context(|| format!("cannot create {}", path.display()))?;
    file.write_all(text.as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))
}

#[cfg(test)]
mod tests {
    //! The probe's tampering cases: each edits the database as someone with access to it would,
    //! and verification against checkpoints taken before must name a broken event, on both
    //! engines.

    use aireg_domain::Lang;
    use aireg_domain::audit::AuditEvent;
    use aireg_domain::person::NewUser;
    use aireg_domain::policy::{Action, Actor, Resource, authorize};
    use aireg_store::prelude::*;
    use aireg_store_sql::SqlStore;
    use aireg_store_sql::testing::TestDb;

    use super::*;

    /// Twelve audited events, checkpoints after the eighth and the twelfth (the head).
    async fn register(db: &TestDb, services: &Services, key: &AuditKey) -> Vec<Checkpoint> {
        let permit = authorize(
            &Actor::command_line("test"),
            Action::AdministerPlatform,
            Resource::Platform,
        )
        .unwrap();
        let mut checkpoints = Vec::new();
        for i in 1..=12 {
            db.store
                .create_user(
                    &permit,
                    NewUser {
                        email: format!("person{i}@kajaani.example"),
                        name: format!("Person {i}"),
                        language: Lang::Fi,
                        platform_admin: false,
                    },
                    "not-a-real-hash",
                )
                .await
                .unwrap();
            if i == 8 || i == 12 {
                checkpoints.push(services.checkpoint(key).await.unwrap().unwrap());
            }
        }
        checkpoints
    }

    async fn events(store: &SqlStore) -> Vec<AuditEvent> {
        store.audit_events(0, 1000).await.unwrap()
    }

    fn text(s: &str) -> String {
        format!("'{}'", s.replace('\'', "''"))
    }

    fn opt(s: &Option<String>) -> String {
        s.as_deref().map(text).unwrap_or_else(|| "NULL".into())
    }

    /// Writes `events` over the stored ones (same sequence numbers) and points the head at
    /// the last, as someone re-hashing the chain by hand would.
    async fn write_back(store: &SqlStore, events: &[AuditEvent], move_head: bool) {
        for e in events {
            store
                .execute(&format!(
                    "UPDATE audit_event SET actor_name = {}, action = {}, entity_id = {}, \
                     before_state = {}, after_state = {}, prev_hash = {}, hash = {} WHERE seq = {}",
                    text(&e.actor_name),
                    text(&e.action),
                    text(&e.entity_id),
                    opt(&e.before),
                    opt(&e.after),
                    text(&e.prev_hash),
                    text(&e.hash),
                    e.seq
                ))
                .await;
        }
        if move_head && let Some(last) = events.last() {
            set_head(store, last.seq, &last.hash).await;
        }
    }

    async fn set_head(store: &SqlStore, seq: i64, hash: &str) {
        store
            .execute(&format!(
                "UPDATE audit_head SET seq = {seq}, hash = {} WHERE id = 1",
                text(hash)
            ))
            .await;
    }

    /// Re-links every event from the first whose hash no longer fits, as a forger would.
    fn rehash(events: &mut [AuditEvent]) {
        let mut prev = aireg_domain::audit::GENESIS_HASH.to_string();
        for e in events.iter_mut() {
            e.prev_hash = prev.clone();
            e.hash = e.compute_hash();
            prev = e.hash.clone();
        }
    }

    async fn delete_from(store: &SqlStore, from: i64) {
        store
            .execute(&format!("DELETE FROM audit_event WHERE seq >= {from}"))
            .await;
    }

    /// Renumbers events after `gap` down by one, re-hashing, after deleting event `gap`.
    async fn delete_and_renumber(store: &SqlStore, gap: i64) {
        let mut rest: Vec<AuditEvent> = events(store)
            .await
            .into_iter()
            .filter(|e| e.seq != gap)
            .collect();
        for (i, e) in rest.iter_mut().enumerate() {
            e.seq = i as i64 + 1;
        }
        rehash(&mut rest);
        delete_from(store, 1).await;
        let last = rest.last().cloned().unwrap();
        for e in rest {
            insert(store, &e).await;
        }
        set_head(store, last.seq, &last.hash).await;
    }

    async fn insert(store: &SqlStore, e: &AuditEvent) {
        store
            .execute(&format!(
                "INSERT INTO audit_event (seq, at, actor_id, actor_name, action, entity_type, \
                 entity_id, org_id, before_state, after_state, prev_hash, hash) VALUES \
                 ({}, {}, NULL, {}, {}, {}, {}, NULL, {}, {}, {}, {})",
                e.seq,
                text(&aireg_domain::clock::rfc3339(e.at)),
                text(&e.actor_name),
                text(&e.action),
                text(&e.entity_type),
                text(&e.entity_id),
                opt(&e.before),
                opt(&e.after),
                text(&e.prev_hash),
                text(&e.hash)
            ))
            .await;
    }

    /// One tampering: what it is called and what it does.
    type Tamper = fn(&SqlStore) -> futures_util::future::BoxFuture<'_, ()>;

    fn cases() -> Vec<(&'static str, Tamper)> {
        use futures_util::FutureExt;
        vec![
            ("delete the newest event, move the head back", |s| {
                async move {
                    let all = events(s).await;
                    delete_from(s, 12).await;
                    set_head(s, 11, &all[10].hash).await;
                }
                .boxed()
            }),
            ("delete the newest three events, move the head back", |s| {
                async move {
                    let all = events(s).await;
                    delete_from(s, 10).await;
                    set_head(s, 9, &all[8].hash).await;
                }
                .boxed()
            }),
            ("cut the chain back to an earlier checkpoint", |s| {
                async move {
                    let all = events(s).await;
                    delete_from(s, 9).await;
                    set_head(s, 8, &all[7].hash).await;
                }
                .boxed()
            }),
            ("delete the newest event, leave the head", |s| {
                async move { delete_from(s, 12).await }.boxed()
            }),
            ("re-hash from an edit in the middle", |s| {
                async move {
                    let mut all = events(s).await;
                    all[4].actor_name = "someone else".into();
                    rehash(&mut all);
                    write_back(s, &all, true).await;
                }
                .boxed()
            }),
            ("re-hash from an edit of the newest event", |s| {
                async move {
                    let mut all = events(s).await;
                    all[11].entity_id = "another".into();
                    rehash(&mut all);
                    write_back(s, &all, true).await;
                }
                .boxed()
            }),
            ("re-hash from an edit of the first event", |s| {
                async move {
                    let mut all = events(s).await;
                    all[0].after = Some("{\"edited\":true}".into());
                    rehash(&mut all);
                    write_back(s, &all, true).await;
                }
                .boxed()
            }),
            ("re-hash after swapping two events' contents", |s| {
                async move {
                    let mut all = events(s).await;
                    let (a, b) = (all[2].after.clone(), all[3].after.clone());
                    all[2].after = b;
                    all[3].after = a;
                    rehash(&mut all);
                    write_back(s, &all, true).await;
                }
                .boxed()
            }),
            ("delete an event in the middle, renumber and re-hash", |s| {
                async move { delete_and_renumber(s, 6).await }.boxed()
            }),
            ("delete the first event, renumber and re-hash", |s| {
                async move { delete_and_renumber(s, 1).await }.boxed()
            }),
            ("forge an event after the head", |s| {
                async move {
                    let all = events(s).await;
                    let last = &all[11];
                    let forged =
                        aireg_domain::audit::NewAuditEvent::new("user.create", "user", "forged")
                            .seal(Some((last.seq, &last.hash)), last.at, None, "cli:forger");
                    insert(s, &forged).await;
                }
                .boxed()
            }),
            ("delete the head row", |s| {
                async move {
                    s.execute("DELETE FROM audit_head").await;
                }
                .boxed()
            }),
            ("edit an event without re-hashing", |s| {
                async move {
                    s.execute("UPDATE audit_event SET actor_name = 'x' WHERE seq = 3")
                        .await;
                }
                .boxed()
            }),
            ("edit a recorded state without re-hashing", |s| {
                async move {
                    s.execute("UPDATE audit_event SET after_state = '{}' WHERE seq = 9")
                        .await;
                }
                .boxed()
            }),
            ("replace an event's hash", |s| {
                async move {
                    s.execute(&format!(
                        "UPDATE audit_event SET hash = '{}' WHERE seq = 7",
                        "f".repeat(64)
                    ))
                    .await;
                }
                .boxed()
            }),
            ("replace an event's link", |s| {
                async move {
                    s.execute(&format!(
                        "UPDATE audit_event SET prev_hash = '{}' WHERE seq = 7",
                        "e".repeat(64)
                    ))
                    .await;
                }
                .boxed()
            }),
            ("swap two events' numbers", |s| {
                async move {
                    s.execute("UPDATE audit_event SET seq = 100 WHERE seq = 4")
                        .await;
                    s.execute("UPDATE audit_event SET seq = 4 WHERE seq = 5")
                        .await;
                    s.execute("UPDATE audit_event SET seq = 5 WHERE seq = 100")
                        .await;
                }
                .boxed()
            }),
            ("delete every event, keep the head", |s| {
                async move { delete_from(s, 1).await }.boxed()
            }),
            ("delete every event and reset the head", |s| {
                async move {
                    delete_from(s, 1).await;
                    set_head(s, 0, aireg_domain::audit::GENESIS_HASH).await;
                }
                .boxed()
            }),
            ("move the head back one event", |s| {
                async move {
                    let all = events(s).await;
                    set_head(s, 11, &all[10].hash).await;
                }
                .boxed()
            }),
            ("move the head forward", |s| {
                async move { set_head(s, 13, &"a".repeat(64)).await }.boxed()
            }),
            ("change the head's hash", |s| {
                async move { set_head(s, 12, &"b".repeat(64)).await }.boxed()
            }),
            ("delete an event in the middle, leave the rest", |s| {
                async move {
                    s.execute("DELETE FROM audit_event WHERE seq = 6").await;
                }
                .boxed()
            }),
            ("rebuild the whole chain with one event fewer", |s| {
                async move {
                    let mut all = events(s).await;
                    all.pop();
                    all[0].actor_name = "rewritten".into();
                    rehash(&mut all);
                    delete_from(s, 12).await;
                    write_back(s, &all, true).await;
                }
                .boxed()
            }),
            ("re-hash from an edit after the earlier checkpoint", |s| {
                async move {
                    let mut all = events(s).await;
                    all[9].entity_id = "someone-else".into();
                    rehash(&mut all);
                    write_back(s, &all, true).await;
                }
                .boxed()
            }),
        ]
    }

    async fn every_tampering_is_caught(open: impl AsyncFn() -> Option<TestDb>) {
        let key = AuditKey::from_seed([42; 32]);
        let cases = cases();
        assert!(cases.len() >= 25, "the probe's 25 cases");
        // What the chain alone (no checkpoint) lets through: a re-hashed or cut chain.
        let mut unnoticed_without = Vec::new();
        for (name, tamper) in cases {
            let Some(db) = open().await else {
                return;
            };
            let services = crate::serve::test_services(&db);
            let checkpoints = register(&db, &services, &key).await;
            assert!(matches!(
                services.verify_audit(&checkpoints, &|_| {}).await.unwrap(),
                Verdict::Intact { events: 12, .. }
            ));
            tamper(&db.store).await;
            let verdict = services.verify_audit(&checkpoints, &|_| {}).await.unwrap();
            assert!(
                matches!(verdict, Verdict::Broken { .. }),
                "{}: {name} went unnoticed",
                db.store.engine()
            );
            if let Verdict::Intact { .. } = services.verify_audit(&[], &|_| {}).await.unwrap() {
                unnoticed_without.push(name);
            }
        }
        assert!(
            unnoticed_without.len() >= 8,
            "the checkpoints are what catch these: {unnoticed_without:?}"
        );
    }

    #[tokio::test]
    async fn every_tampering_is_caught_against_a_checkpoint_on_sqlite() {
        every_tampering_is_caught(async || Some(TestDb::sqlite().await)).await;
    }

    #[tokio::test]
    async fn every_tampering_is_caught_against_a_checkpoint_on_postgres() {
        every_tampering_is_caught(TestDb::postgres).await;
    }

    /// Records and their history edited, added or deleted in the tables directly, with the
    /// audit chain left whole, differ from the state their events recorded.
    #[tokio::test]
    async fn records_changed_beside_the_log_are_caught() {
        let cases = [
            (
                "record fields",
                "UPDATE ai_system_version SET record = json_set(record, '$.vendor', 'Muokattu Oy') \
                 WHERE system_id = '{id}' \
                 AND version = (SELECT version FROM ai_system WHERE id = '{id}')",
            ),
            (
                "publication",
                "UPDATE ai_system SET publication = 'withdrawn' WHERE id = '{id}'",
            ),
            (
                "version",
                "UPDATE ai_system SET version = version + 1 WHERE id = '{id}'",
            ),
            (
                "added outside aireg",
                "INSERT INTO ai_system (id, org_id, version, publication, lifecycle, sort_name, \
                 created_at, updated_at, first_published_at, next_review) \
                 SELECT '01900000-0000-7000-8000-000000000001', org_id, version, publication, \
                 lifecycle, sort_name, created_at, updated_at, first_published_at, next_review \
                 FROM ai_system WHERE id = '{id}'; \
                 INSERT INTO ai_system_version SELECT '01900000-0000-7000-8000-000000000001', \
                 version, change_kind, publication, record, changed_at, changed_by, \
                 changed_by_name FROM ai_system_version WHERE system_id = '{id}'",
            ),
            (
                "the history was changed outside aireg",
                "UPDATE ai_system_version SET record = json_set(record, '$.vendor', 'Toinen Oy') \
                 WHERE system_id = '{id}' AND version = 1",
            ),
            (
                "is not in the history",
                "DELETE FROM ai_system_version WHERE system_id = '{id}' AND version = 1",
            ),
        ];
        for (expected, sql) in cases {
            let db = TestDb::sqlite().await;
            let services = crate::serve::test_services(&db);
            let files = crate::demo::read_files(None).unwrap();
            crate::demo::Demo::parse(&files, aireg_rules::ai_act::Pack::embedded().unwrap())
                .unwrap()
                .load(&services)
                .await
                .unwrap();
            let scope = aireg_domain::policy::ReadScope::for_actor(&Actor::command_line("test"));
            let published = aireg_store::SystemFilter {
                publication: Some(aireg_domain::system::Publication::Published),
                ..aireg_store::SystemFilter::default()
            };
            let id = services.all_systems(&scope, &published).await.unwrap()[0].id;
            // A review makes a version its event does not number: still what the log says.
            services
                .review_record(
                    &Actor::command_line("test"),
                    id,
                    "Katselmoitu.",
                    Some(time::macros::date!(2027 - 06 - 30)),
                )
                .await
                .unwrap();
            let verdict = services.verify_audit(&[], &|_| {}).await.unwrap();
            assert!(matches!(verdict, Verdict::Intact { .. }), "{verdict:?}");
            db.store
                .execute(&sql.replace("{id}", &id.to_string()))
                .await;
            let verdict = services.verify_audit(&[], &|_| {}).await.unwrap();
            assert!(
                matches!(&verdict, Verdict::Broken { why, .. } if why.contains(expected)),
                "{expected}: {verdict:?}"
            );
        }
    }

    /// A database written by release 0.1.0 verifies as it is: its records are what its
    /// events say.
    #[tokio::test]
    async fn the_release_0_1_0_database_verifies() {
        let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../store-sql/tests/fixtures/release-0.1.0.db");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("aireg.db");
        std::fs::copy(&fixture, &path).unwrap();
        let store = SqlStore::connect(&format!("sqlite:{}", path.display()))
            .await
            .unwrap();
        store.migrate().await.unwrap();
        let services = crate::serve::services(
            std::sync::Arc::new(store),
            aireg_rules::Content::embedded().unwrap(),
            "http://127.0.0.1:8080",
        );
        let verdict = services.verify_audit(&[], &|_| {}).await.unwrap();
        assert!(matches!(verdict, Verdict::Intact { .. }), "{verdict:?}");
    }

    /// A rewritten chain is never signed again, and two signed checkpoints that disagree (one
    /// kept from before, one signed over a rewrite) are a break in themselves.
    #[tokio::test]
    async fn a_rewritten_chain_is_not_signed_and_disagreeing_checkpoints_are_a_break() {
        let db = TestDb::sqlite().await;
        let services = crate::serve::test_services(&db);
        let key = AuditKey::from_seed([5; 32]);
        let kept = register(&db, &services, &key).await;
        let mut all = events(&db.store).await;
        all[4].actor_name = "someone else".into();
        rehash(&mut all);
        write_back(&db.store, &all, true).await;
        assert!(services.checkpoint(&key).await.is_err(), "not signed");

        let forged = Checkpoint::sign(12, &all[11].hash, kept[1].at, &key);
        let verdict = services
            .verify_audit(&[kept[1].clone(), forged], &|_| {})
            .await
            .unwrap();
        assert!(
            matches!(&verdict, Verdict::Broken { at: 12, why } if why.contains("two signed")),
            "{verdict:?}"
        );
    }

    #[tokio::test]
    async fn without_checkpoints_a_missing_head_and_rows_beyond_it_are_caught() {
        let db = TestDb::sqlite().await;
        let services = crate::serve::test_services(&db);
        register(&db, &services, &AuditKey::from_seed([1; 32])).await;
        db.store
            .execute("UPDATE audit_head SET seq = 10 WHERE id = 1")
            .await;
        let all = events(&db.store).await;
        set_head(&db.store, 10, &all[9].hash).await;
        let verdict = services.verify_audit(&[], &|_| {}).await.unwrap();
        assert!(
            matches!(&verdict, Verdict::Broken { at: 11, why } if why.contains("beyond")),
            "{verdict:?}"
        );
        db.store.execute("DELETE FROM audit_head").await;
        let verdict = services.verify_audit(&[], &|_| {}).await.unwrap();
        assert!(
            matches!(&verdict, Verdict::Broken { why, .. } if why.contains("head is missing")),
            "{verdict:?}"
        );
    }
}
