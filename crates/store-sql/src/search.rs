//! The search index in the database: keeping it current in the transaction of each save, and
//! the SQL of a list that searches, narrows by facets, orders by relevance and pages by cursor.
//!
//! What a term is and how a query word matches one is [`aireg_domain::search`]'s to say; here
//! a query's words are first looked up in the vocabulary (`search_word`, short) to find the
//! terms they match, and only those terms' numbers are read from the postings
//! (`search_posting`: term number, document number, weights; `search_doc` numbers the
//! records). A record is a hit when every word matches one of its terms; its score is the
//! sum, over the words, of its best term's field weight times how well the term matched.

use std::collections::BTreeMap;

use sqlx::{Database, Encode, QueryBuilder, Type};

use aireg_domain::SystemId;
use aireg_domain::classification::Category;
use aireg_domain::policy::ReadScope;
use aireg_domain::search::{self, Match, QueryWord};
use aireg_domain::system::AiSystem;
use aireg_store::{Cursor, Facet, StoreResult, SystemFilter, yes_no};

use crate::rows::{ProductRow, SystemRow};
use crate::systems::Reading;
use crate::{SqlStore, WriteTx, backend};

/// At most this many terms stand for one query word (the best matches first).
const TERMS_PER_WORD: usize = 200;

/// Rows per INSERT: well under both engines' limits on bound values.
pub(crate) const ROWS_PER_INSERT: usize = 128;

/// `rows` in pieces of `most`, half that, … 1 rows (`most` a power of two): a statement of many
/// rows is prepared once per size and then reused, where pieces of any length would each be a
/// new statement to prepare.
pub(crate) fn shaped<T>(rows: &[T], most: usize) -> impl Iterator<Item = &[T]> {
    let mut rest = rows;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut n = most;
        while n > rest.len() {
            n /= 2;
        }
        let (piece, after) = rest.split_at(n);
        rest = after;
        Some(piece)
    })
}

/// The terms a query's words match: (term number, word number, how well).
#[derive(Debug, Clone, Default)]
pub(crate) struct QueryTerms {
    terms: Vec<(i64, i64, i64)>,
    words: i64,
}

/// What the text of a filter searches for.
#[derive(Debug, Clone)]
pub(crate) enum Text {
    /// No text: every record of the scope and filters, by name.
    None,
    /// Text that matches nothing (no words in it, or a word that is in no record).
    Nothing,
    Terms(QueryTerms),
}

/// What a record puts in the index: its terms with their weights (whole record, public view)
/// and its facets with whether the public view shows them.
struct Entries {
    terms: Vec<(String, i64, i64)>,
    facets: Vec<(&'static str, &'static str, bool)>,
}

async fn entries(tx: &mut WriteTx, system: &AiSystem) -> StoreResult<Entries> {
    let record = &system.record;
    let public = record.public_view();
    let product: Option<ProductRow> = match record.product {
        Some(id) => on_tx!(tx, c => {
            sqlx::query_as(sql!("product_by_id")).bind(id.to_string()).fetch_optional(&mut *c).await
        })
        .map_err(backend)?,
        None => None,
    };
    let names: Vec<&str> = product
        .as_ref()
        .map(|p| vec![p.name.as_str(), p.vendor.as_str()])
        .unwrap_or_default();
    let public_names: &[&str] = if public.product.is_some() {
        &names
    } else {
        &[]
    };
    let public_terms = search::record_terms(&public, public_names);
    let terms = search::record_terms(record, &names)
        .into_iter()
        .map(|(t, w)| {
            let pw = public_terms.get(&t).copied().unwrap_or(0);
            (t, w, pw)
        })
        .collect();
    let facets = [
        ("personal_data", record.personal_data, public.personal_data),
        (
            "decisions_on_persons",
            record.decisions_on_persons,
            public.decisions_on_persons,
        ),
    ]
    .into_iter()
    .filter_map(|(f, v, shown)| Some((f, yes_no(v?), shown == v)))
    .chain(
        record
            .theme
            .map(|t| ("theme", t.as_str(), public.theme == Some(t))),
    )
    .collect();
    Ok(Entries { terms, facets })
}

/// A term's number and its weights in the whole record and in the public view.
type Posting = (i64, i64, i64);

/// The term numbers of entries, comma-separated (`search_doc.words`), and the postings.
fn postings(
    entries: &Entries,
    numbers: &std::collections::HashMap<&str, i64>,
) -> (String, Vec<Posting>) {
    let postings: Vec<Posting> = entries
        .terms
        .iter()
        .filter_map(|(t, w, pw)| Some((*numbers.get(t.as_str())?, *w, *pw)))
        .collect();
    let words = postings
        .iter()
        .map(|(n, _, _)| n.to_string())
        .collect::<Vec<_>>()
        .join(",");
    (words, postings)
}

/// Puts a saved record in the index, in the transaction that saves it; `fresh`: it was never
/// indexed (a new record), so there is nothing to take out first.
pub(crate) async fn index_record(
    tx: &mut WriteTx,
    system: &AiSystem,
    fresh: bool,
) -> StoreResult<()> {
    if fresh {
        return index_new(tx, std::slice::from_ref(system)).await;
    }
    let entries = entries(tx, system).await?;
    let terms: Vec<&str> = entries.terms.iter().map(|(t, _, _)| t.as_str()).collect();
    let numbers = word_numbers(tx, terms).await?;
    let (words, postings) = postings(&entries, &numbers);
    let id = system.id.to_string();
    let doc: Option<i64> = on_tx!(tx, c => async {
        let old: Option<(i64, String)> =
            sqlx::query_as("SELECT doc, words FROM search_doc WHERE system_id = $1")
                .bind(&id)
                .fetch_optional(&mut *c)
                .await?;
        let Some((doc, old_words)) = old else {
            return Ok::<_, sqlx::Error>(None);
        };
        let old_words: Vec<i64> = old_words.split(',').filter_map(|w| w.parse().ok()).collect();
        for chunk in shaped(&old_words, ROWS_PER_INSERT) {
            let mut q = QueryBuilder::new("DELETE FROM search_posting WHERE doc = ");
            q.push_bind(doc).push(" AND word IN (");
            let mut list = q.separated(", ");
            for w in chunk {
                list.push_bind(*w);
            }
            list.push_unseparated(")");
            q.build().execute(&mut *c).await?;
        }
        sqlx::query("UPDATE search_doc SET words = $2 WHERE doc = $1")
            .bind(doc)
            .bind(&words)
            .execute(&mut *c)
            .await?;
        sqlx::query(
            "DELETE FROM search_facet WHERE system_id = $1 \
             AND facet IN ('personal_data', 'decisions_on_persons', 'theme')",
        )
        .bind(&id)
        .execute(&mut *c)
        .await?;
        Ok(Some(doc))
    }
    .await)
    .map_err(backend)?;
    let Some(doc) = doc else {
        // Never indexed after all (a record saved before the index was built).
        return index_new(tx, std::slice::from_ref(system)).await;
    };
    let postings: Vec<(i64, i64, i64, i64)> = postings
        .into_iter()
        .map(|(n, w, pw)| (n, doc, w, pw))
        .collect();
    let facets: Vec<(String, &str, &str, bool)> = entries
        .facets
        .iter()
        .map(|(f, v, shown)| (id.clone(), *f, *v, *shown))
        .collect();
    write_entries(tx, &postings, &facets).await
}

/// Puts new records in the index: the vocabulary, the documents, the postings and the facets
/// of all of them in a few statements (a bulk import indexes hundreds at a time).
pub(crate) async fn index_new(tx: &mut WriteTx, systems: &[AiSystem]) -> StoreResult<()> {
    let mut all = Vec::with_capacity(systems.len());
    for system in systems {
        all.push(entries(tx, system).await?);
    }
    let mut terms: Vec<&str> = Vec::new();
    for e in &all {
        terms.extend(e.terms.iter().map(|(t, _, _)| t.as_str()));
    }
    let numbers = word_numbers(tx, terms).await?;
    let docs: Vec<(String, String, Vec<Posting>)> = systems
        .iter()
        .zip(&all)
        .map(|(s, e)| {
            let (words, postings) = postings(e, &numbers);
            (s.id.to_string(), words, postings)
        })
        .collect();
    let mut numbered: std::collections::HashMap<String, i64> = Default::default();
    for chunk in shaped(&docs, ROWS_PER_INSERT) {
        let rows: Vec<(i64, String)> = on_tx!(tx, c => {
            let mut q = QueryBuilder::new("INSERT INTO search_doc (system_id, words) ");
            q.push_values(chunk, |mut b, (id, words, _)| {
                b.push_bind(id.clone()).push_bind(words.clone());
            });
            q.push(" RETURNING doc, system_id");
            q.build_query_as().fetch_all(&mut *c).await
        })
        .map_err(backend)?;
        numbered.extend(rows.into_iter().map(|(doc, id)| (id, doc)));
    }
    let mut postings = Vec::new();
    for (id, _, rows) in &docs {
        let doc = *numbered
            .get(id)
            .ok_or_else(|| crate::corrupt("search document", id))?;
        postings.extend(rows.iter().map(|(n, w, pw)| (*n, doc, *w, *pw)));
    }
    let facets: Vec<(String, &str, &str, bool)> = docs
        .iter()
        .zip(&all)
        .flat_map(|((id, _, _), e)| {
            e.facets
                .iter()
                .map(move |(f, v, shown)| (id.clone(), *f, *v, *shown))
        })
        .collect();
    write_entries(tx, &postings, &facets).await
}

/// Postings per INSERT: four values each, well under both engines' limits.
const POSTINGS_PER_INSERT: usize = 1024;

async fn write_entries(
    tx: &mut WriteTx,
    postings: &[(i64, i64, i64, i64)],
    facets: &[(String, &str, &str, bool)],
) -> StoreResult<()> {
    on_tx!(tx, c => async {
        for chunk in shaped(postings, POSTINGS_PER_INSERT) {
            let mut q = QueryBuilder::new(
                "INSERT INTO search_posting (word, doc, weight, public_weight) ",
            );
            q.push_values(chunk, |mut b, (word, doc, w, pw)| {
                b.push_bind(*word).push_bind(*doc).push_bind(*w).push_bind(*pw);
            });
            q.build().execute(&mut *c).await?;
        }
        for chunk in shaped(facets, ROWS_PER_INSERT) {
            let mut q =
                QueryBuilder::new("INSERT INTO search_facet (system_id, facet, value, public) ");
            q.push_values(chunk, |mut b, (id, facet, value, shown)| {
                b.push_bind(id.clone())
                    .push_bind(facet.to_string())
                    .push_bind(value.to_string())
                    .push_bind(*shown);
            });
            q.build().execute(&mut *c).await?;
        }
        Ok::<_, sqlx::Error>(())
    }
    .await)
    .map_err(backend)
}

/// The numbers of terms: from what the transaction has met, else from the vocabulary, which
/// gets the terms it lacks.
async fn word_numbers<'t>(
    tx: &mut WriteTx,
    terms: Vec<&'t str>,
) -> StoreResult<std::collections::HashMap<&'t str, i64>> {
    let mut found = std::collections::HashMap::new();
    let mut unknown: Vec<&str> = Vec::new();
    {
        let committed = tx.vocabulary.lock().ok();
        for t in terms {
            let known = tx
                .words
                .get(t)
                .or_else(|| committed.as_ref().and_then(|c| c.get(t)));
            match known {
                Some(n) => {
                    found.insert(t, *n);
                }
                None => unknown.push(t),
            }
        }
    }
    // A batch of records shares many of its new terms.
    unknown.sort_unstable();
    unknown.dedup();
    for chunk in shaped(&unknown, ROWS_PER_INSERT) {
        let numbered: Vec<(i64, String)> = on_tx!(tx, c => async {
            let mut q = QueryBuilder::new("INSERT INTO search_word (term) ");
            q.push_values(chunk, |mut b, term| {
                b.push_bind(term.to_string());
            });
            q.push(" ON CONFLICT (term) DO NOTHING");
            q.build().execute(&mut *c).await?;
            let mut q = QueryBuilder::new("SELECT id, term FROM search_word WHERE term IN (");
            let mut list = q.separated(", ");
            for term in chunk {
                list.push_bind(term.to_string());
            }
            list.push_unseparated(")");
            q.build_query_as().fetch_all(&mut *c).await
        }
        .await)
        .map_err(backend)?;
        for (n, term) in numbered {
            if let Ok(i) = chunk.binary_search(&term.as_str()) {
                found.insert(chunk[i], n);
            }
            tx.words.insert(term, n);
        }
    }
    Ok(found)
}

/// Adds (`+1`) or takes away (`-1`) what a record counts in the public facet counts
/// (`facet_count`), as the transaction sees the record now: called with `-1` before a change
/// to its publication, state, facets or classification, and with `+1` after it.
pub(crate) async fn count_published(
    tx: &mut WriteTx,
    system: SystemId,
    sign: i64,
) -> StoreResult<()> {
    if tx.counts_at_commit {
        return Ok(());
    }
    on_tx!(tx, c => {
        sqlx::query(COUNT_PUBLISHED)
            .bind(system.to_string())
            .bind(sign)
            .execute(&mut *c)
            .await
            .map(|_| ())
    })
    .map_err(backend)
}

const COUNT_PUBLISHED: &str = "INSERT INTO facet_count (org_id, facet, value, n) \
     SELECT org_id, facet, value, CAST($2 AS BIGINT) FROM ( \
     SELECT org_id, 'all' AS facet, '' AS value FROM ai_system \
     WHERE id = $1 AND publication = 'published' \
     UNION ALL SELECT org_id, 'status', lifecycle FROM ai_system \
     WHERE id = $1 AND publication = 'published' \
     UNION ALL SELECT s.org_id, f.facet, f.value FROM search_facet f \
     JOIN ai_system s ON s.id = f.system_id \
     WHERE f.system_id = $1 AND f.public = TRUE AND s.publication = 'published') c \
     WHERE TRUE ON CONFLICT (org_id, facet, value) DO UPDATE SET n = facet_count.n + excluded.n";

/// Counts every published record afresh (after a rebuild of the index, or a bulk import).
pub(crate) async fn recount_all(tx: &mut WriteTx) -> StoreResult<()> {
    on_tx!(tx, c => async {
        sqlx::query("DELETE FROM facet_count").execute(&mut *c).await?;
        sqlx::query(
            "INSERT INTO facet_count (org_id, facet, value, n) \
             SELECT org_id, 'all', '', COUNT(*) FROM ai_system \
             WHERE publication = 'published' GROUP BY org_id",
        )
        .execute(&mut *c)
        .await?;
        sqlx::query(
            "INSERT INTO facet_count (org_id, facet, value, n) \
             SELECT org_id, 'status', lifecycle, COUNT(*) FROM ai_system \
             WHERE publication = 'published' GROUP BY org_id, lifecycle",
        )
        .execute(&mut *c)
        .await?;
        sqlx::query(
            "INSERT INTO facet_count (org_id, facet, value, n) \
             SELECT s.org_id, f.facet, f.value, COUNT(*) FROM search_facet f \
             JOIN ai_system s ON s.id = f.system_id \
             WHERE f.public = TRUE AND s.publication = 'published' \
             GROUP BY s.org_id, f.facet, f.value",
        )
        .execute(&mut *c)
        .await?;
        Ok::<_, sqlx::Error>(())
    }
    .await)
    .map_err(backend)
}

/// Whether a public list's facets can be counted from `facet_count`: no words, and nothing
/// narrowing it but organisations.
pub(crate) fn counted_ahead(text: &Text, scope: &ReadScope, filter: &SystemFilter) -> bool {
    scope.is_public()
        && matches!(text, Text::None)
        && filter.lifecycle.is_none()
        && filter.publication.is_none()
        && filter.category.is_none()
        && filter.theme.is_none()
        && filter.personal_data.is_none()
        && filter.decisions_on_persons.is_none()
        && filter.review_due_by.is_none()
        && filter.review_due_from.is_none()
}

/// The facet counts of [`counted_ahead`] lists: (facet, value, count), as
/// [`facet_counts_query`] gives them.
pub(crate) fn facet_counts_ahead<DB>(filter: &SystemFilter) -> QueryBuilder<DB>
where
    DB: Database,
    for<'q> String: Encode<'q, DB> + Type<DB>,
{
    let mut q = QueryBuilder::new(
        "SELECT 'org' AS facet, org_id AS value, n FROM facet_count WHERE facet = 'all' AND n > 0",
    );
    if let Some(orgs) = &filter.orgs {
        crate::systems::push_in(&mut q, "org_id", orgs.iter().map(ToString::to_string));
    }
    q.push(
        " UNION ALL SELECT facet, value, CAST(SUM(n) AS BIGINT) FROM facet_count \
         WHERE facet <> 'all'",
    );
    if let Some(orgs) = &filter.orgs {
        crate::systems::push_in(&mut q, "org_id", orgs.iter().map(ToString::to_string));
    }
    q.push(" GROUP BY facet, value HAVING SUM(n) > 0");
    q
}

/// The `facet_count` row a public list's size can be read from: ('all', '') for a
/// [`counted_ahead`] list, or the one facet value it is narrowed by besides organisations
/// (a state, a category, an area, personal data or decisions on persons).
pub(crate) fn kept_count(
    text: &Text,
    scope: &ReadScope,
    filter: &SystemFilter,
) -> Option<(&'static str, String)> {
    if !scope.is_public()
        || !matches!(text, Text::None)
        || filter.publication.is_some()
        || filter.review_due_by.is_some()
        || filter.review_due_from.is_some()
    {
        return None;
    }
    let mut chosen = filter
        .lifecycle
        .map(|l| ("status", l.as_str().to_string()))
        .into_iter()
        .chain(indexed_choices(filter));
    match (chosen.next(), chosen.next()) {
        (None, _) => Some(("all", String::new())),
        (Some(one), None) => Some(one),
        _ => None,
    }
}

/// How many records a list of [`kept_count`] has: read from `facet_count`, not counted.
pub(crate) fn count_kept<DB>(
    kept: (&'static str, String),
    filter: &SystemFilter,
) -> QueryBuilder<DB>
where
    DB: Database,
    for<'q> String: Encode<'q, DB> + Type<DB>,
{
    kept_rows("SELECT CAST(COALESCE(SUM(n), 0) AS BIGINT)", kept, filter)
}

/// `select` from the `facet_count` rows of a [`kept_count`] value and the filter's
/// organisations.
fn kept_rows<DB>(
    select: &str,
    (facet, value): (&'static str, String),
    filter: &SystemFilter,
) -> QueryBuilder<DB>
where
    DB: Database,
    for<'q> String: Encode<'q, DB> + Type<DB>,
{
    let mut q = QueryBuilder::new(format!("{select} FROM facet_count WHERE facet = "));
    q.push_bind(facet.to_string())
        .push(" AND value = ")
        .push_bind(value);
    if let Some(orgs) = &filter.orgs {
        crate::systems::push_in(&mut q, "org_id", orgs.iter().map(ToString::to_string));
    }
    q
}

/// Sets the record's category facet, in the transaction that classifies it. The category is
/// public: the public page of a record shows it.
pub(crate) async fn index_category(
    tx: &mut WriteTx,
    system: SystemId,
    category: Category,
) -> StoreResult<()> {
    count_published(tx, system, -1).await?;
    let id = system.to_string();
    on_tx!(tx, c => async {
        sqlx::query("DELETE FROM search_facet WHERE system_id = $1 AND facet = 'category'")
            .bind(&id)
            .execute(&mut *c)
            .await?;
        sqlx::query(sql!("search_facet_insert"))
            .bind(&id)
            .bind("category")
            .bind(category.as_str())
            .bind(true)
            .execute(&mut *c)
            .await?;
        Ok::<_, sqlx::Error>(())
    }
    .await)
    .map_err(backend)?;
    count_published(tx, system, 1).await
}

/// The text of a filter, its words looked up in the vocabulary.
pub(crate) async fn text_of(store: &SqlStore, filter: &SystemFilter) -> StoreResult<Text> {
    // Control characters never match stored text, and PostgreSQL refuses NUL outright.
    let text: String = filter
        .text
        .as_deref()
        .unwrap_or("")
        .chars()
        .filter(|c| !c.is_control())
        .collect();
    if text.trim().is_empty() {
        return Ok(Text::None);
    }
    let words = search::query_words(&text);
    if words.is_empty() {
        return Ok(Text::Nothing);
    }
    // The terms a text matches change only when the vocabulary grows (terms are never
    // removed and keep their numbers): a page asks for its text's terms once for the list,
    // its count and its facets, and a popular search is looked up once per new word.
    let vocabulary: i64 = on_pool!(store, p => {
        sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM search_word").fetch_one(p).await
    })
    .map_err(backend)?;
    if let Some(known) = store.texts.lock().ok().and_then(|t| t.get(&text).cloned())
        && known.0 == vocabulary
    {
        return Ok(known.1);
    }
    let found = terms_of(store, &words).await?;
    if let Ok(mut texts) = store.texts.lock() {
        if texts.len() >= KNOWN_TEXTS {
            texts.clear();
        }
        texts.insert(text, (vocabulary, found.clone()));
    }
    Ok(found)
}

/// Texts whose terms are kept (see [`text_of`]).
const KNOWN_TEXTS: usize = 1024;

async fn terms_of(store: &SqlStore, words: &[QueryWord]) -> StoreResult<Text> {
    let mut terms = Vec::new();
    for (n, word) in words.iter().enumerate() {
        let found = vocabulary_matches(store, word).await?;
        if found.is_empty() {
            return Ok(Text::Nothing);
        }
        terms.extend(
            found
                .into_iter()
                .map(|(number, m)| (number, n as i64, m as i64)),
        );
    }
    Ok(Text::Terms(QueryTerms {
        terms,
        words: words.len() as i64,
    }))
}

/// The terms of the vocabulary one query word matches, best first: its stems, terms that
/// start with them, and compound parts either way.
async fn vocabulary_matches(store: &SqlStore, word: &QueryWord) -> StoreResult<Vec<(i64, Match)>> {
    let mut candidates: Vec<(i64, String)> = Vec::new();
    let parts = word.parts();
    let infixes: Vec<String> = word
        .forms
        .iter()
        .filter(|f| f.chars().count() >= search::MIN_PART_CHARS)
        .map(|f| format!("%{}%", crate::systems::escape_like(f)))
        .collect();
    on_pool!(store, p => async {
        let mut q = QueryBuilder::new("SELECT id, term FROM search_word WHERE term IN (");
        let mut list = q.separated(", ");
        for f in word.forms.iter().chain(&word.variants).chain(parts.iter()) {
            list.push_bind(f.clone());
        }
        list.push_unseparated(")");
        candidates.extend(q.build_query_as::<(i64, String)>().fetch_all(p).await?);
        for prefix in word.prefixes() {
            // Every term from `prefix` up to the last string that starts with it.
            let rows: Vec<(i64, String)> = sqlx::query_as(
                "SELECT id, term FROM search_word WHERE term >= $1 AND term < $2 ORDER BY term LIMIT $3",
            )
            .bind(prefix)
            .bind(format!("{prefix}\u{10ffff}"))
            .bind(TERMS_PER_WORD as i64)
            .fetch_all(p)
            .await?;
            candidates.extend(rows);
        }
        for pattern in &infixes {
            let rows: Vec<(i64, String)> = sqlx::query_as(
                "SELECT id, term FROM search_word WHERE term LIKE $1 ESCAPE '\\' ORDER BY term LIMIT $2",
            )
            .bind(pattern)
            .bind(TERMS_PER_WORD as i64)
            .fetch_all(p)
            .await?;
            candidates.extend(rows);
        }
        Ok::<_, sqlx::Error>(())
    }
    .await)
    .map_err(backend)?;
    let mut best: BTreeMap<String, (i64, Match)> = BTreeMap::new();
    for (number, term) in candidates {
        if let Some(m) = search::match_of(word, &term) {
            best.insert(term, (number, m));
        }
    }
    let mut found: Vec<(String, (i64, Match))> = best.into_iter().collect();
    found.sort_by(|a, b| {
        b.1.1
            .cmp(&a.1.1)
            .then(a.0.len().cmp(&b.0.len()))
            .then(a.0.cmp(&b.0))
    });
    found.truncate(TERMS_PER_WORD);
    Ok(found.into_iter().map(|(_, found)| found).collect())
}

/// The start of a list query: [`push_with`], then `select` (which may name `score`) from
/// `ai_system` joined to the hits, then the scope's and filter's conditions. The caller adds
/// order and page.
pub(crate) fn start<DB>(
    prefix: &str,
    text: &Text,
    scope: &ReadScope,
    filter: &SystemFilter,
    select: &str,
) -> QueryBuilder<DB>
where
    DB: Database,
    for<'q> String: Encode<'q, DB> + Type<DB>,
    for<'q> i64: Encode<'q, DB> + Type<DB>,
{
    let mut q = QueryBuilder::new(prefix.to_string());
    push_with(&mut q, text, scope);
    push_from(&mut q, text, scope, filter, select, Reading::Page);
    q
}

/// [`start`] for a statement that reads the list as `reading` says: every record of it (a
/// count), or a batch at a time in the order of the ids.
pub(crate) fn start_reading<DB>(
    reading: Reading,
    text: &Text,
    scope: &ReadScope,
    filter: &SystemFilter,
    select: &str,
) -> QueryBuilder<DB>
where
    DB: Database,
    for<'q> String: Encode<'q, DB> + Type<DB>,
    for<'q> i64: Encode<'q, DB> + Type<DB>,
{
    let mut q = QueryBuilder::new("");
    push_with(&mut q, text, scope);
    push_from(&mut q, text, scope, filter, select, reading);
    q
}

/// The hits of the text (when it has terms) as `WITH q (…), hits (system_id, score) AS (…)`.
fn push_with<DB>(q: &mut QueryBuilder<DB>, text: &Text, scope: &ReadScope)
where
    DB: Database,
    for<'q> String: Encode<'q, DB> + Type<DB>,
    for<'q> i64: Encode<'q, DB> + Type<DB>,
{
    let Text::Terms(t) = text else { return };
    let weight = if scope.is_public() {
        "public_weight"
    } else {
        "weight"
    };
    // `push_values` writes `VALUES (…), (…)`.
    q.push("WITH q (word, word_no, quality) AS (");
    q.push_values(&t.terms, |mut b, (word, n, m)| {
        b.push_bind(*word).push_bind(*n).push_bind(*m);
    });
    q.push(format!(
        "), hits AS (SELECT d.system_id AS system_id, CAST(SUM(best) AS BIGINT) AS score FROM \
         (SELECT t.doc AS doc, q.word_no AS word_no, MAX(t.{weight} * q.quality) AS best \
         FROM search_posting t JOIN q ON q.word = t.word WHERE t.{weight} > 0 \
         GROUP BY t.doc, q.word_no) per_word JOIN search_doc d ON d.doc = per_word.doc \
         GROUP BY d.system_id HAVING COUNT(*) = "
    ));
    q.push_bind(t.words).push(") ");
}

/// `select` from `ai_system` (joined to the hits when the text has terms) and the conditions.
fn push_from<DB>(
    q: &mut QueryBuilder<DB>,
    text: &Text,
    scope: &ReadScope,
    filter: &SystemFilter,
    select: &str,
    reading: Reading,
) where
    DB: Database,
    for<'q> String: Encode<'q, DB> + Type<DB>,
{
    match text {
        Text::Terms(_) => {
            q.push(select.replace("score", "hits.score AS score"));
            q.push(" FROM ai_system JOIN hits ON hits.system_id = ai_system.id");
        }
        Text::None | Text::Nothing => {
            q.push(select.replace("score", "CAST(0 AS BIGINT) AS score"));
            q.push(" FROM ai_system");
        }
    }
    crate::systems::push_conditions_as(q, scope, filter, reading);
    if matches!(text, Text::Nothing) {
        q.push(" AND 1 = 0");
    }
}

/// How many records of the list have each value of each facet (of `only`, when given):
/// (facet, value, count).
pub(crate) fn facet_counts_query<DB>(
    text: &Text,
    scope: &ReadScope,
    filter: &SystemFilter,
    only: Option<Facet>,
) -> QueryBuilder<DB>
where
    DB: Database,
    for<'q> String: Encode<'q, DB> + Type<DB>,
    for<'q> i64: Encode<'q, DB> + Type<DB>,
{
    let mut q = QueryBuilder::new("");
    push_with(&mut q, text, scope);
    // MATERIALIZED: the matched records are found once, not once for each facet counted.
    q.push(if matches!(text, Text::Terms(_)) {
        ", matched AS MATERIALIZED ("
    } else {
        "WITH matched AS MATERIALIZED ("
    });
    push_from(
        &mut q,
        text,
        scope,
        filter,
        "SELECT ai_system.id AS id, org_id, lifecycle",
        Reading::Whole,
    );
    q.push(") ");
    let wanted = |f: Facet| only.is_none_or(|o| o == f);
    let mut parts = Vec::new();
    if wanted(Facet::Organisation) {
        parts.push(
            "SELECT 'org' AS facet, org_id AS value, COUNT(*) AS n FROM matched GROUP BY org_id",
        );
    }
    if wanted(Facet::Lifecycle) {
        parts.push("SELECT 'status' AS facet, lifecycle AS value, COUNT(*) AS n FROM matched GROUP BY lifecycle");
    }
    q.push(parts.join(" UNION ALL "));
    let indexed = only.is_none_or(|o| !matches!(o, Facet::Organisation | Facet::Lifecycle));
    if indexed {
        if !parts.is_empty() {
            q.push(" UNION ALL ");
        }
        // CROSS JOIN: SQLite then reads the matched records first and their facets by key;
        // left to choose, it read every facet row of the register against the matched ones.
        q.push(
            "SELECT f.facet AS facet, f.value AS value, COUNT(*) AS n FROM matched m \
             CROSS JOIN search_facet f WHERE f.system_id = m.id",
        );
        if let Some(o) = only {
            q.push(" AND f.facet = ").push_bind(o.as_str().to_string());
        }
        if scope.is_public() {
            q.push(" AND f.public = TRUE");
        }
        q.push(" GROUP BY f.facet, f.value");
    }
    q
}

/// The organisations' counts of a public list narrowed by one value (see [`kept_count`]),
/// read from `facet_count`: (facet, value, count) as [`facet_counts_query`] gives them.
pub(crate) fn org_counts_kept<DB>(
    kept: (&'static str, String),
    filter: &SystemFilter,
) -> QueryBuilder<DB>
where
    DB: Database,
    for<'q> String: Encode<'q, DB> + Type<DB>,
{
    let mut q = kept_rows("SELECT 'org' AS facet, org_id AS value, n", kept, filter);
    q.push(" AND n > 0");
    q
}

/// Orders a list by relevance, name and id, and starts it after `after`.
pub(crate) fn push_order_after<DB>(q: &mut QueryBuilder<DB>, text: &Text, after: Option<&Cursor>)
where
    DB: Database,
    for<'q> String: Encode<'q, DB> + Type<DB>,
    for<'q> i64: Encode<'q, DB> + Type<DB>,
{
    let score = match text {
        Text::Terms(_) => "hits.score",
        _ => "0",
    };
    if let Some(c) = after {
        q.push(format!(" AND ({score} < "))
            .push_bind(c.score)
            .push(format!(" OR ({score} = "))
            .push_bind(c.score)
            .push(" AND (sort_name > ")
            .push_bind(c.sort_name.clone())
            .push(" OR (sort_name = ")
            .push_bind(c.sort_name.clone())
            .push(" AND ai_system.id > ")
            .push_bind(c.id.to_string())
            .push("))))");
    }
    // Without text every score is 0 (and `ORDER BY 0` would name a column).
    match text {
        Text::Terms(_) => q.push(" ORDER BY hits.score DESC, sort_name, ai_system.id"),
        _ => q.push(" ORDER BY sort_name, ai_system.id"),
    };
}

/// The values a filter chooses that `search_facet` holds, as (facet, value), the most
/// selective first (an area is one of nine, a yes or no one of two).
fn indexed_choices(filter: &SystemFilter) -> impl Iterator<Item = (&'static str, String)> {
    [
        ("theme", filter.theme.map(|t| t.as_str().to_string())),
        ("category", filter.category.map(|c| c.as_str().to_string())),
        (
            "decisions_on_persons",
            filter.decisions_on_persons.map(|b| yes_no(b).to_string()),
        ),
        (
            "personal_data",
            filter.personal_data.map(|b| yes_no(b).to_string()),
        ),
    ]
    .into_iter()
    .filter_map(|(facet, value)| value.map(|v| (facet, v)))
}

/// The facet conditions of a filter, for [`crate::systems::push_conditions`]: each is a value
/// in `search_facet` that the scope may see.
pub(crate) fn push_facet_conditions<DB>(
    q: &mut QueryBuilder<DB>,
    scope: &ReadScope,
    filter: &SystemFilter,
    reading: Reading,
) where
    DB: Database,
    for<'q> String: Encode<'q, DB> + Type<DB>,
{
    // A statement reading every record of a list with no organisation to go through starts
    // from the records with its first value (a count with an area and personal data chosen
    // walked every published record: 75 ms, 20 ms so); a page in name order is walked in
    // that order and stops after its rows, and organisations narrow better than values. A
    // batch in the order of the ids starts from the value too: the records in use with a
    // prohibited category were found by walking every id of the register (60 ms at 100,000).
    // Its callers choose categories, a few of the register; a common value would be read
    // again for each batch.
    let mut drive = match reading {
        Reading::Whole => filter.orgs.is_none() && scope.orgs().is_none(),
        Reading::ById => true,
        Reading::Page => false,
    };
    for (facet, value) in indexed_choices(filter) {
        if std::mem::take(&mut drive) {
            q.push(" AND ai_system.id IN (SELECT f.system_id FROM search_facet f WHERE f.facet = ");
        } else {
            q.push(
                " AND EXISTS (SELECT 1 FROM search_facet f WHERE f.system_id = ai_system.id \
                 AND f.facet = ",
            );
        }
        q.push_bind(facet.to_string())
            .push(" AND f.value = ")
            .push_bind(value);
        if scope.is_public() {
            q.push(" AND f.public = TRUE");
        }
        q.push(")");
    }
}

/// Records indexed per transaction of a rebuild: short enough not to hold writers back long.
const REINDEX_BATCH: i64 = 500;

/// Builds the index afresh from every record and its newest classification.
pub(crate) async fn reindex(
    store: &SqlStore,
    progress: &(dyn Fn(u64, u64) + Send + Sync),
) -> StoreResult<u64> {
    let total: i64 = on_pool!(store, p => {
        sqlx::query_scalar("SELECT COUNT(*) FROM ai_system").fetch_one(p).await
    })
    .map_err(backend)?;
    let mut tx = store.begin_write_as(None, "aireg").await?;
    on_tx!(tx, c => async {
        // The vocabulary stays: a term keeps its number (other instances may hold it).
        sqlx::query("DELETE FROM search_posting").execute(&mut *c).await?;
        sqlx::query("DELETE FROM search_doc").execute(&mut *c).await?;
        sqlx::query("DELETE FROM search_facet").execute(&mut *c).await?;
        Ok::<_, sqlx::Error>(())
    }
    .await)
    .map_err(backend)?;
    tx.commit().await?;
    let mut after = String::new();
    let mut done: u64 = 0;
    loop {
        // The batch is read inside the write that indexes it: a save elsewhere (another
        // instance) waits for it, and is not overwritten with what was read before.
        let mut tx = store.begin_write_as(None, "aireg").await?;
        let rows: Vec<SystemRow> = on_tx!(tx, c => {
            sqlx::query_as(sql!("systems_by_id_after"))
                .bind(&after)
                .bind(REINDEX_BATCH)
                .fetch_all(&mut *c)
                .await
        })
        .map_err(backend)?;
        let Some(last) = rows.last() else { break };
        after = last.id.clone();
        let n = rows.len() as u64;
        let mut ids = Vec::with_capacity(rows.len());
        for row in rows {
            let system = row.into_domain()?;
            // Not fresh: a save through another instance may have indexed it meanwhile.
            index_record(&mut tx, &system, false).await?;
            ids.push(system.id.to_string());
        }
        let categories: Vec<(String, String)> = on_tx!(tx, c => {
            let mut q = QueryBuilder::new(
                "SELECT r.system_id, r.category FROM classification_run r \
                 WHERE r.id = (SELECT n.id FROM classification_run n \
                 WHERE n.system_id = r.system_id ORDER BY n.created_at DESC, n.id DESC LIMIT 1) \
                 AND r.system_id IN (",
            );
            let mut list = q.separated(", ");
            for id in &ids {
                list.push_bind(id.clone());
            }
            list.push_unseparated(")");
            q.build_query_as().fetch_all(&mut *c).await
        })
        .map_err(backend)?;
        for (system, category) in categories {
            let system = crate::parse_id::<SystemId>("system id", &system)?;
            let category = Category::parse(&category)
                .ok_or_else(|| crate::corrupt("AI Act category", &category))?;
            index_category(&mut tx, system, category).await?;
        }
        tx.commit().await?;
        done += n;
        progress(done, total.max(0) as u64);
    }
    let mut tx = store.begin_write_as(None, "aireg").await?;
    recount_all(&mut tx).await?;
    tx.commit().await?;
    on_pool!(store, p => {
        sqlx::query("UPDATE search_index SET version = $1 WHERE id = 1")
            .bind(search::INDEX_VERSION)
            .execute(p)
            .await
            .map(|_| ())
    })
    .map_err(backend)?;
    Ok(done)
}

/// Rebuilds the index when it was built by another analyser version (or never).
pub(crate) async fn reindex_if_stale(store: &SqlStore) -> StoreResult<()> {
    let version: i64 = on_pool!(store, p => {
        sqlx::query_scalar("SELECT version FROM search_index WHERE id = 1").fetch_one(p).await
    })
    .map_err(backend)?;
    if version == search::INDEX_VERSION {
        return Ok(());
    }
    tracing::info!(
        from = version,
        to = search::INDEX_VERSION,
        "rebuilding the search index"
    );
    let n = reindex(store, &|done, total| {
        if done % 5000 < REINDEX_BATCH as u64 || done == total {
            tracing::info!("search index: {done} of {total} records");
        }
    })
    .await?;
    tracing::info!(records = n, "search index rebuilt");
    Ok(())
}
